import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { useMeta } from '../../api/meta';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { Card, ErrorAlert, LoadingState, PageHeader } from '../../ui';
import { forgetDevice, loadDevice, type PinDeviceRecord } from '../auth/deviceStore';
import { useSession } from '../auth/session';
import { ApprovalResult } from './ApprovalResult';
import { ApprovalScreen } from './ApprovalScreen';
import { approvePurchase, declinePurchase, loadPendingApprovals } from './approvals-api';
import { type ApprovalOutcome, canApproveHere } from './approvals-model';
import './approvals.css';

/** The PIN device of this browser: undefined while IndexedDB answers, null when there is none. */
function usePinDevice(): PinDeviceRecord | null | undefined {
  const [device, setDevice] = useState<PinDeviceRecord | null | undefined>(undefined);
  useEffect(() => {
    let active = true;
    void loadDevice('pin').then((record) => {
      if (active) setDevice(record);
    });
    return () => {
      active = false;
    };
  }, []);
  return device;
}

/**
 * /approvals/:acsTransID: one purchase waiting for the customer's approval, found in the list the
 * home banner polls (there is no view of one alone: a purchase not listed is no longer waiting).
 */
export function ApprovalPage() {
  const { t } = useTranslation();
  usePageTitle(t('approvals.title'));
  const { acsTransID = '' } = useParams();
  const { state: session } = useSession();
  const { state: meta } = useMeta();
  const device = usePinDevice();
  const { state, reload } = useApiLoad((signal) => loadPendingApprovals(signal), []);
  const phone = meta.status === 'ready' ? meta.meta.contactCenterPhone : null;
  const method = session.status === 'authenticated' ? session.session.method : null;

  async function approve(pin: string): Promise<ApprovalOutcome> {
    if (!device) return { kind: 'unavailable' };
    const outcome = await approvePurchase(acsTransID, device.keyPair.privateKey, pin);
    // The fifth wrong PIN unbinds the device: its key here would only offer what the server refuses.
    if (outcome.kind === 'revoked') await forgetDevice('pin');
    return outcome;
  }

  const approval = state.status === 'ready' ? state.data.items.find((item) => item.acsTransID === acsTransID) : undefined;
  return (
    <div className="page page--narrow">
      <PageHeader title={t('approvals.title')} />
      <Card>
        {state.status === 'loading' || device === undefined ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && device !== undefined ? (
          approval ? (
            <ApprovalScreen
              approval={approval}
              canApprove={canApproveHere(method ?? '', device !== null)}
              phone={phone}
              onApprove={approve}
              onDecline={() => declinePurchase(acsTransID)}
            />
          ) : (
            <ApprovalResult outcome={{ kind: 'gone' }} phone={phone} />
          )
        ) : null}
      </Card>
    </div>
  );
}
