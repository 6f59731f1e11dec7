import './home.css';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type Meta, useMeta } from '../../api/meta';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccountName } from '../../money/components';
import { type Account, groupIban } from '../../money/model';
import { Alert, Card, CopyButton, ErrorAlert, LoadingState, PageHeader, SelectField } from '../../ui';
import { useSession } from '../auth/session';

// Kazakhstan's beneficiary code for a resident individual: the sending bank's form asks for it.
const BENEFICIARY_CODE_RESIDENT_INDIVIDUAL = '19';

function Details({ account, holder, bank }: { account: Account & { iban: string }; holder: string; bank: Meta['bank'] }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const rows = [
    { label: t('topUp.recipient'), value: holder },
    { label: t('topUp.iban'), value: groupIban(account.iban), copy: account.iban },
    { label: t('topUp.bank'), value: bank.name[language] },
    { label: t('topUp.bic'), value: bank.bic, copy: bank.bic },
    { label: t('topUp.kbe'), value: t('topUp.kbeValue', { code: BENEFICIARY_CODE_RESIDENT_INDIVIDUAL }) },
  ];
  return (
    <>
      <dl className="facts">
        {rows.map((row) => (
          <div key={row.label} className="facts__row">
            <dt>{row.label}</dt>
            <dd className={row.copy ? 'facts__copy' : undefined}>
              <span className={row.copy ? 'mono' : undefined}>{row.value}</span>
              {row.copy ? <CopyButton value={row.copy} label={`${t('common.copy')}: ${row.label}`} /> : null}
            </dd>
          </div>
        ))}
      </dl>
      <p className="small muted">{t('topUp.iinNote')}</p>
    </>
  );
}

function hasIban(account: Account): account is Account & { iban: string } {
  return typeof account.iban === 'string' && account.iban.length > 0;
}

/** How to fund an account: by IBAN from another bank, with the details that bank's form asks for. */
export function TopUpPage() {
  const { t } = useTranslation();
  usePageTitle(t('topUp.title'));
  const accountName = useAccountName();
  const { state: session } = useSession();
  const { state: meta, reload: reloadMeta } = useMeta();
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  const [chosenId, setChosenId] = useState<string | null>(null);

  // Accounts with an IBAN first: those are the ones another bank can send money to.
  const accounts = state.status === 'ready' ? state.data.items.filter((account) => account.status === 'active') : [];
  accounts.sort((a, b) => Number(hasIban(b)) - Number(hasIban(a)));
  const chosen = accounts.find((account) => account.id === chosenId) ?? accounts[0];
  const holder = session.status === 'authenticated' ? session.session.customer.fullName : '';

  return (
    <div className="page page--narrow">
      <PageHeader title={t('topUp.title')} lead={t('topUp.lead')} />
      {state.status === 'loading' || meta.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {meta.status === 'error' ? <ErrorAlert failure={meta.failure} onRetry={reloadMeta} /> : null}
      {state.status === 'ready' && accounts.length === 0 ? <Alert tone="info">{t('topUp.noAccounts')}</Alert> : null}
      {chosen && meta.status === 'ready' ? (
        <Card>
          {accounts.length > 1 ? (
            <SelectField label={t('topUp.chooseAccount')} value={chosen.id} onChange={(event) => setChosenId(event.target.value)}>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {accountName(account)}
                </option>
              ))}
            </SelectField>
          ) : (
            <p className="list-row__title">{accountName(chosen)}</p>
          )}
          {hasIban(chosen) ? (
            <Details account={chosen} holder={holder} bank={meta.meta.bank} />
          ) : (
            <p className="muted">{t('topUp.noIban')}</p>
          )}
        </Card>
      ) : null}
      {accounts.length > 1 ? (
        <p>
          <Link to="/transfers/own">{t('topUp.fromOwn')}</Link>
        </p>
      ) : null}
    </div>
  );
}
