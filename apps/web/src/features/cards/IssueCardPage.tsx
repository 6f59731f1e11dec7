import './cards.css';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccountName } from '../../money/components';
import { type Account, newIdempotencyKey } from '../../money/model';
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  ErrorAlert,
  LoadingState,
  Money,
  PageHeader,
  Spinner,
  Steps,
  SuccessIcon,
  WalletIcon,
} from '../../ui';
import { CardPicture } from './CardPicture';
import { CARD_KINDS, type CardKind, type CardView } from './card-model';

type Step = 'account' | 'kind' | 'issuing' | 'done';
const STEP_INDEX: Record<Step, number> = { account: 0, kind: 1, issuing: 2, done: 2 };

/** The accounts a card can draw on: an active current account or e-wallet (the card is in its currency). */
function cardAccounts(accounts: readonly Account[]): Account[] {
  return accounts.filter((account) => account.status === 'active' && (account.kind === 'customer_current' || account.kind === 'ewallet'));
}

function AccountChoice({ accounts, value, onChange }: { accounts: Account[]; value: string; onChange: (id: string) => void }) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  return (
    <fieldset className="choice-group">
      <legend className="field__label">{t('cards.issueAccount')}</legend>
      {accounts.map((account) => (
        <label key={account.id} className={value === account.id ? 'choice choice--selected' : 'choice'}>
          <input type="radio" name="accountId" value={account.id} checked={value === account.id} onChange={() => onChange(account.id)} />
          <span className="choice__text">
            <span className="choice__title">{accountName(account)}</span>
            <span className="choice__description">
              {t('cards.issueAvailable')} <Money amountMinor={account.availableMinor} currency={account.currency} />
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function KindChoice({ value, onChange }: { value: CardKind; onChange: (kind: CardKind) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="choice-group">
      <legend className="field__label">{t('cards.issueKind')}</legend>
      {CARD_KINDS.map((kind) => (
        <label key={kind} className={value === kind ? 'choice choice--selected' : 'choice'}>
          <input type="radio" name="kind" value={kind} checked={value === kind} onChange={() => onChange(kind)} />
          <span className="choice__text">
            <span className="choice__title">{t(`cards.kind_${kind}`)}</span>
            <span className="choice__description">{t(`cards.kindText_${kind}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** The done screen: the new card's picture and where to go with it. */
function Issued({ card }: { card: CardView }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="result result--success stack issue-done">
      <span className="result__icon">
        <SuccessIcon />
      </span>
      <h2 className="result__title" ref={headingRef} tabIndex={-1}>
        {t('cards.issuedTitle')}
      </h2>
      <CardPicture card={card} />
      <p className="muted">{t(`cards.issuedText_${card.kind}`)}</p>
      <div className="form-actions">
        <ButtonLink to={`/cards/${card.id}`} variant="primary">
          {t('cards.openCard')}
        </ButtonLink>
        <ButtonLink to="/cards" variant="secondary">
          {t('cards.allCards')}
        </ButtonLink>
      </div>
    </div>
  );
}

function IssueWizard({ accounts }: { accounts: Account[] }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const asked = params.get('accountId');
  const [accountId, setAccountId] = useState(accounts.find((account) => account.id === asked)?.id ?? accounts[0]?.id ?? '');
  const [kind, setKind] = useState<CardKind>(params.get('kind') === 'single_use' ? 'single_use' : 'virtual');
  const [step, setStep] = useState<Step>('account');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [issued, setIssued] = useState<CardView | null>(null);
  // One key per card asked for: a double tap or a retry after a lost answer issues one card.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (step === 'kind') headingRef.current?.focus();
  }, [step]);

  async function issue(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setStep('issuing');
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/v1/cards', { body: { accountId, kind }, headers: { 'Idempotency-Key': idempotencyKey } }),
    );
    if (result.ok) {
      setIssued(result.data);
      setStep('done');
      return;
    }
    setStep('kind');
    if (result.aborted) return;
    setFailure(result.failure);
    // The bank answered: the next try is a new request. Without an answer, the same key retries safely.
    if (result.failure.status !== null) setIdempotencyKey(newIdempotencyKey());
  }

  const labels = [t('cards.stepAccount'), t('cards.stepKind'), t('cards.stepDone')];
  return (
    <>
      <Steps labels={labels} current={STEP_INDEX[step]} />
      {step === 'account' ? (
        <form
          className="stack form-narrow"
          onSubmit={(event) => {
            event.preventDefault();
            setStep('kind');
          }}
        >
          <AccountChoice accounts={accounts} value={accountId} onChange={setAccountId} />
          <p className="small muted">{t('cards.issueAccountHint')}</p>
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={accountId === ''}>
              {t('cards.next')}
            </Button>
          </div>
        </form>
      ) : null}
      {step === 'kind' ? (
        <form className="stack form-narrow" onSubmit={(event) => void issue(event)}>
          <h2 className="section-title" ref={headingRef} tabIndex={-1}>
            {t('cards.stepKind')}
          </h2>
          {failure ? <ErrorAlert failure={failure} /> : null}
          <CardPicture
            card={{ kind, status: 'active', network: 'visa', last4: '••••', expiry: '••/••', cardholderName: '', blockedByBank: false }}
            decorative
          />
          <KindChoice value={kind} onChange={setKind} />
          {kind === 'single_use' ? (
            <Alert tone="info" live={false} title={t('cards.singleUseTitle')}>
              <p>{t('cards.singleUseText')}</p>
            </Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" variant="primary">
              {t('cards.issueSubmit')}
            </Button>
            <Button variant="secondary" onClick={() => setStep('account')}>
              {t('cards.backStep')}
            </Button>
          </div>
        </form>
      ) : null}
      {step === 'issuing' ? (
        <div className="issue-progress" role="status">
          <Spinner size="large" decorative />
          <p>{t('cards.issuing')}</p>
        </div>
      ) : null}
      {step === 'done' && issued ? <Issued card={issued} /> : null}
    </>
  );
}

/** /cards/new: issue a virtual or a single-use card on a current account or the e-wallet. */
export function IssueCardPage() {
  const { t } = useTranslation();
  usePageTitle(t('cards.issueTitle'));
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  const accounts = state.status === 'ready' ? cardAccounts(state.data.items) : null;
  return (
    <div className="page page--narrow">
      <p>
        <Link to="/cards">← {t('cards.back')}</Link>
      </p>
      <PageHeader title={t('cards.issueTitle')} lead={t('cards.issueLead')} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {accounts && accounts.length === 0 ? (
        <Card>
          <EmptyState icon={<WalletIcon />} title={t('cards.noAccountTitle')} description={t('cards.noAccountText')} />
        </Card>
      ) : null}
      {accounts && accounts.length > 0 ? <IssueWizard accounts={accounts} /> : null}
    </div>
  );
}
