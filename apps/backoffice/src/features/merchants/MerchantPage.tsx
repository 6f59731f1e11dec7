import { type ApiFailure, Button, Card, callApi, DateTime, ErrorAlert, LoadingState, PageHeader, TextField, useApiLoad } from '@kassa/ui';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useStaffSession } from '../../auth/session';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { MerchantKeys } from './MerchantKeys';
import { MerchantSettings } from './MerchantSettings';
import { type Merchant, MerchantStatusBadge, ModeBadges } from './merchant-badges';

const REASON_LENGTH_MIN = 5;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function MerchantFacts({ merchant }: { merchant: Merchant }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <Card>
      <dl className="facts">
        <Row label={t('merchants.status')}>
          <MerchantStatusBadge status={merchant.status} />
        </Row>
        {merchant.statusReason ? <Row label={t('merchants.statusReason')}>{merchant.statusReason}</Row> : null}
        <Row label={t('merchants.displayName')}>{merchant.displayName}</Row>
        <Row label={t('merchants.mdrFact')}>{(merchant.mdrBps / 100).toLocaleString(locale, { maximumFractionDigits: 2 })} %</Row>
        <Row label={t('merchants.bin')}>{merchant.bin}</Row>
        <Row label={t('merchants.mcc')}>{merchant.mcc}</Row>
        <Row label={t('merchants.iban')}>{merchant.settlementIban}</Row>
        <Row label={t('merchants.origins')}>{merchant.returnOrigins.join(', ')}</Row>
        <Row label={t('merchants.modes')}>
          <ModeBadges merchant={merchant} />
        </Row>
        <Row label={t('merchants.createdAt')}>
          <DateTime value={merchant.createdAt} />
        </Row>
        <Row label={t('merchants.updatedAt')}>
          <DateTime value={merchant.updatedAt} />
        </Row>
      </dl>
    </Card>
  );
}

/** Suspend an active merchant or reactivate a suspended one, with a reason for the audit log. */
function StatusChange({ merchant, onChanged }: { merchant: Merchant; onChanged: () => void }) {
  const { t } = useTranslation();
  const suspending = merchant.status === 'active';
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const params = { path: { merchantId: merchant.id } };
    const body = { reason: reason.trim() };
    const result = await callApi(() =>
      suspending
        ? api.POST('/api/staff/v1/merchants/{merchantId}/suspend', { params, body })
        : api.POST('/api/staff/v1/merchants/{merchantId}/reactivate', { params, body }),
    );
    setBusy(false);
    if (result.ok) {
      setReason('');
      onChanged();
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t(suspending ? 'merchants.suspendTitle' : 'merchants.reactivateTitle')}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">{t(suspending ? 'merchants.suspendLead' : 'merchants.reactivateLead')}</p>
        <TextField
          label={t('merchants.reason')}
          value={reason}
          maxLength={500}
          required
          onChange={(event) => setReason(event.target.value)}
        />
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="form-actions">
          <Button
            type="submit"
            variant={suspending ? 'danger' : 'primary'}
            loading={busy}
            disabled={reason.trim().length < REASON_LENGTH_MIN}
          >
            {t(suspending ? 'merchants.suspend' : 'merchants.reactivate')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** One merchant: its details, its status and, for admins, the status change and the keys' issue and revocation. */
export function MerchantPage() {
  const { t } = useTranslation();
  const { merchantId = '' } = useParams();
  const canManage = useStaffSession().staff.role === 'admin';
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/merchants/{merchantId}', { params: { path: { merchantId } }, signal })),
    [merchantId],
  );
  usePageTitle(state.status === 'ready' ? state.data.merchant.legalName : t('merchants.title'));
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const { merchant, keys } = state.data;
  return (
    <div className="page">
      <p>
        <Link to="/merchants">{t('merchants.back')}</Link>
      </p>
      <PageHeader title={merchant.legalName} />
      <div className="grid grid--2">
        <MerchantFacts merchant={merchant} />
        <div className="stack">
          <MerchantKeys merchant={merchant} keys={keys} canManage={canManage} onChanged={reload} />
          {canManage ? <MerchantSettings key={merchant.id} merchant={merchant} onSaved={reload} /> : null}
          {canManage ? <StatusChange merchant={merchant} onChanged={reload} /> : null}
        </div>
      </div>
    </div>
  );
}
