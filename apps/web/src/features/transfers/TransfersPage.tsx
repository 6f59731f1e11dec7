import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { isTransferKind, type TransferKind } from '../../api/enums';
import { callApi } from '../../api/problem';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { Card, ErrorAlert, LoadingState, PageHeader, UsersIcon } from '../../ui';

import { KindChooser } from './wizard/KindChooser';
import { Wizard } from './wizard/Wizard';

function TransferWizardPage({ kind }: { kind: TransferKind }) {
  const { t } = useTranslation();
  const title = { own: t('transfer.titleOwn'), phone: t('transfer.titlePhone'), iban: t('transfer.titleIban') }[kind];
  usePageTitle(title);
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  return (
    <div className="page">
      <PageHeader title={title} />
      <Card>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' ? <Wizard key={kind} kind={kind} accounts={state.data.items} /> : null}
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
  if (kind === undefined) return <KindChooser />;
  if (!isTransferKind(kind)) return <KindChooser />;
  return <TransferWizardPage kind={kind} />;
}
