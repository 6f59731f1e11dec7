import './home.css';
import { type FormEvent, useEffect, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api, type SessionInfo } from '../../api/client';
import { isOpenableCurrency, OPENABLE_CURRENCIES, type OpenableCurrency } from '../../api/enums';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { dotted } from '../../lib/masked';
import { useApiLoad } from '../../lib/useApiLoad';
import { AccountCard, OperationRow } from '../../money/components';
import type { Account } from '../../money/model';
import {
  Alert,
  ArrowInIcon,
  Button,
  ButtonLink,
  Card,
  DownloadIcon,
  EmptyState,
  ErrorAlert,
  HistoryIcon,
  LoadingState,
  Money,
  PlusIcon,
  ReceiptIcon,
  SelectField,
  TransferIcon,
  WalletIcon,
} from '../../ui';
import { ApprovalBanner } from '../approvals/ApprovalBanner';
import { ActiveCallBanner } from '../calls/ActiveCallBanner';
import { CardsStrip } from '../cards/CardsStrip';

/** How many operations the dashboard shows; the rest is in the history. */
const RECENT_OPERATIONS_SHOWN = 5;

function OpenAccountForm({ accounts, onOpened }: { accounts: Account[]; onOpened: (account: Account) => void }) {
  const { t } = useTranslation();
  const held = new Set(accounts.filter((account) => account.kind === 'customer_current').map((account) => account.currency));
  const choices = OPENABLE_CURRENCIES.filter((currency) => !held.has(currency));
  const [currency, setCurrency] = useState<OpenableCurrency | ''>(choices[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  if (choices.length === 0) return null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (currency === '') return;
    setBusy(true);
    setFailure(null);
    setOpened(null);
    const result = await callApi(() => api.POST('/api/v1/accounts', { body: { currency } }));
    setBusy(false);
    if (result.ok) {
      setOpened(result.data.currency);
      onOpened(result.data);
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('accounts.openTitle')} icon={<PlusIcon />}>
      <p className="muted">{t('accounts.openText')}</p>
      {opened ? <Alert tone="success">{t('accounts.opened', { currency: opened })}</Alert> : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <SelectField
          label={t('accounts.currency')}
          value={currency}
          onChange={(event) => setCurrency(isOpenableCurrency(event.target.value) ? event.target.value : '')}
        >
          {choices.map((code) => (
            <option key={code} value={code}>
              {code}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" loading={busy} icon={<PlusIcon />}>
          {t('accounts.open')}
        </Button>
      </form>
    </Card>
  );
}

function RecentOperations() {
  const { t } = useTranslation();
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/operations', { params: { query: { limit: RECENT_OPERATIONS_SHOWN } }, signal })),
    [],
  );
  return (
    <Card title={t('accounts.recentTitle')} icon={<HistoryIcon />}>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? (
        <EmptyState title={t('accounts.recentEmpty')} description={t('accounts.recentEmptyText')} icon={<HistoryIcon />} />
      ) : null}
      {state.status === 'ready' && state.data.items.length > 0 ? (
        <>
          <ul className="operations">
            {state.data.items.map((operation) => (
              <OperationRow key={operation.id} operation={operation} />
            ))}
          </ul>
          <p>
            <Link to="/history">{t('accounts.allHistory')}</Link>
          </p>
        </>
      ) : null}
    </Card>
  );
}

/** The currencies held, the tenge first, each with the sum available on all accounts in it. */
function totalsByCurrency(accounts: readonly Account[]): Array<{ currency: string; availableMinor: bigint }> {
  const totals = new Map<string, bigint>();
  for (const account of accounts) {
    if (account.status !== 'active') continue;
    totals.set(account.currency, (totals.get(account.currency) ?? 0n) + BigInt(account.availableMinor));
  }
  return [...totals.entries()]
    .map(([currency, availableMinor]) => ({ currency, availableMinor }))
    .sort((a, b) => (a.currency === 'KZT' ? -1 : b.currency === 'KZT' ? 1 : a.currency.localeCompare(b.currency)));
}

/**
 * Balances first: what the customer can spend, per currency, before anything else on the screen.
 * While the accounts load, a line of the same height holds the place, so the actions and the cards
 * below do not jump down when the amounts arrive.
 */
function Totals({ accounts }: { accounts: readonly Account[] | null }) {
  const { t } = useTranslation();
  if (accounts === null)
    return (
      <div className="totals" aria-hidden="true">
        <p className="totals__label">{t('dashboard.totalAvailable')}</p>
        <p className="totals__amount totals__amount--pending">&nbsp;</p>
      </div>
    );
  const totals = totalsByCurrency(accounts);
  if (totals.length === 0) return null;
  return (
    <div className="totals">
      <p className="totals__label">{t('dashboard.totalAvailable')}</p>
      <ul className="totals__list">
        {totals.map((total) => (
          <li key={total.currency} className="totals__amount">
            <Money amountMinor={total.availableMinor} currency={total.currency} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Four actions in thumb reach: the everyday ones, top up included. */
function QuickActions() {
  const { t } = useTranslation();
  return (
    <nav className="quick-actions" aria-label={t('accounts.quickTitle')}>
      <ButtonLink to="/transfers" variant="primary">
        <TransferIcon />
        <span>{t('dashboard.quickTransfer')}</span>
      </ButtonLink>
      <ButtonLink to="/top-up" variant="secondary">
        <ArrowInIcon />
        <span>{t('dashboard.quickTopUp')}</span>
      </ButtonLink>
      {/* History is a tab of its own; the payments are everyday, so they take its place here. */}
      <ButtonLink to="/payments" variant="secondary">
        <ReceiptIcon />
        <span>{t('payments.quick')}</span>
      </ButtonLink>
      <ButtonLink to="/statements" variant="secondary">
        <DownloadIcon />
        <span>{t('dashboard.quickStatement')}</span>
      </ButtonLink>
    </nav>
  );
}

/** Set by the registration form when it lands here: the one time the home page says welcome. */
export interface DashboardArrival {
  welcome?: boolean;
}

/** True on the arrival from registration; the history entry then forgets it, so a reload does not welcome again. */
function useWelcome(): boolean {
  const location = useLocation();
  const navigate = useNavigate();
  const state: unknown = location.state;
  const arrived = typeof state === 'object' && state !== null && 'welcome' in state && state.welcome === true;
  const [welcome] = useState(arrived);
  useEffect(() => {
    if (arrived) navigate(location.pathname, { replace: true, state: null });
  }, [arrived, navigate, location.pathname]);
  return welcome;
}

/** The first screen after login: balances, quick actions, the accounts, the latest operations. */
export function Dashboard({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const { customer } = session;
  const welcome = useWelcome();
  const { state, reload, setState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  const banking = customer.agreements.includes('banking');

  return (
    <div className="page">
      <section className="greeting" aria-labelledby="greeting-title">
        <h1 id="greeting-title" className="greeting__title">
          {t('dashboard.greeting', { name: customer.givenName })}
        </h1>
        <p className="greeting__meta">
          {t('dashboard.phone', { phone: dotted(customer.maskedPhone) })}
          {customer.agreements.length > 0 ? ` · ${customer.agreements.map((kind) => t(`dashboard.agreement_${kind}`)).join(', ')}` : null}
        </p>
        {state.status === 'error' ? null : <Totals accounts={state.status === 'ready' ? state.data.items : null} />}
      </section>
      {welcome ? <Alert tone="success">{t('register.welcome', { name: customer.givenName })}</Alert> : null}
      {/* Issue 15 item 4: an online purchase waiting for the customer's approval, polled while home is open. */}
      <ApprovalBanner />
      {/* "Is Kassa calling me?" answered where the customer looks first, while a call lasts. */}
      <ActiveCallBanner />

      <QuickActions />

      <section className="stack" aria-labelledby="accounts-title">
        <h2 id="accounts-title" className="section-title">
          {t('dashboard.accountsTitle')}
        </h2>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? (
          <Card>
            <EmptyState icon={<WalletIcon />} title={t('accounts.empty')} description={t('accounts.emptyText')} />
          </Card>
        ) : null}
        {state.status === 'ready' && state.data.items.length > 0 ? (
          <div className="account-grid">
            {state.data.items.map((account) => (
              <AccountCard
                key={account.id}
                account={account}
                actions={
                  <>
                    <Link to={`/transfers?from=${account.id}`}>{t('accounts.transfer')}</Link>
                    <Link to={`/history?accountId=${account.id}`}>{t('accounts.history')}</Link>
                    <Link to={`/statements?accountId=${account.id}`}>{t('accounts.statement')}</Link>
                  </>
                }
              />
            ))}
          </div>
        ) : null}
      </section>

      {/* The cards beside the accounts they draw on (issue 14 item 8). */}
      <CardsStrip />

      <div className="grid grid--2">
        <RecentOperations />
        {state.status === 'ready' ? (
          banking ? (
            <OpenAccountForm
              accounts={state.data.items}
              onOpened={(account) => setState({ status: 'ready', data: { items: [...state.data.items, account] } })}
            />
          ) : (
            <Card title={t('accounts.openTitle')} icon={<PlusIcon />}>
              <p className="muted">{t('accounts.openBankingOnly')}</p>
            </Card>
          )
        ) : null}
      </div>
    </div>
  );
}
