import { Link, useLocation, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { isTransferKind, type TransferKind } from '../../api/enums';
import { callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { minorUnitDigits } from '../../lib/format';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { Card, ErrorAlert, LoadingState, PageHeader, UsersIcon } from '../../ui';
import './transfers.css';

import { KindChooser } from './wizard/KindChooser';
import { Wizard } from './wizard/Wizard';
import { formFromRepeat, type TransferForm } from './wizard/wizard-model';
import { EMPTY_FORM } from './wizard/wizard-state';

/** A prefill passed by a recent payee's link (router state): only the form's own fields, as strings. */
function prefillFromState(state: unknown): Partial<TransferForm> {
  if (typeof state !== 'object' || state === null || !('prefill' in state)) return {};
  const { prefill } = state;
  if (typeof prefill !== 'object' || prefill === null) return {};
  const form: Partial<TransferForm> = {};
  for (const [name, value] of Object.entries(prefill)) {
    if (isFormField(name) && typeof value === 'string') form[name] = value;
  }
  return form;
}

function isFormField(name: string): name is keyof TransferForm {
  return name in EMPTY_FORM;
}

/** What the wizard starts with: a repeated transfer (?repeat=op_…), a recent payee, or the account it came from (?from=acc_…). */
function usePrefill(kind: TransferKind) {
  const [params] = useSearchParams();
  const location = useLocation();
  const repeatId = params.get('repeat');
  const from = params.get('from');
  const repeat = useApiLoad(
    (signal) =>
      repeatId && /^op_[0-9a-f]{32}$/.test(repeatId)
        ? callApi(() => api.GET('/api/v1/operations/{transferId}', { params: { path: { transferId: repeatId } }, signal }))
        : Promise.resolve({ ok: true as const, data: null }),
    [repeatId],
  );
  const base: Partial<TransferForm> = { ...(from ? { sourceAccountId: from } : {}), ...prefillFromState(location.state) };
  if (repeat.state.status !== 'ready') return { state: repeat.state, prefill: base };
  const data = repeat.state.data?.repeat;
  const prefill = data && data.kind === kind ? { ...base, ...formFromRepeat(data, minorUnitDigits(data.currency)) } : base;
  return { state: repeat.state, prefill };
}

function TransferWizardPage({ kind }: { kind: TransferKind }) {
  const { t } = useTranslation();
  const title = {
    own: t('transfer.titleOwn'),
    phone: t('transfer.titlePhone'),
    iban: t('transfer.titleIban'),
    'card-number': t('cardTransfer.title'),
  }[kind];
  usePageTitle(title);
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  const { state: prefillState, prefill } = usePrefill(kind);
  const location = useLocation();
  const failure = state.status === 'error' ? state.failure : prefillState.status === 'error' ? prefillState.failure : null;
  return (
    <div className="page page--wizard">
      <PageHeader title={title} />
      <Card className="wizard-card">
        {state.status === 'loading' || prefillState.status === 'loading' ? <LoadingState /> : null}
        {failure ? <ErrorAlert failure={failure} onRetry={reload} /> : null}
        {state.status === 'ready' && prefillState.status === 'ready' ? (
          <Wizard key={`${kind}${location.key}`} kind={kind} accounts={state.data.items} prefill={prefill} />
        ) : null}
      </Card>
      {kind !== 'own' ? (
        <p className="muted small">
          <UsersIcon /> {t('transfer.trustedHint')} <Link to="/payees">{t('transfer.trustedLink')}</Link>
        </p>
      ) : null}
    </div>
  );
}

export function TransfersPage() {
  const { kind } = useParams();
  if (kind === undefined || !isTransferKind(kind)) return <KindChooser />;
  return <TransferWizardPage kind={kind} />;
}
