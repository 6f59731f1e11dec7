import { type FormEvent, useEffect, useReducer, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { Language } from '../../api/enums';
import type { ApiFailure } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import type { Account, Operation } from '../../money/model';
import { EmptyState, ErrorAlert, LoadingState, PageHeader, Steps, WalletIcon } from '../../ui';
import { CARD_SOURCE, cardFlowPath, cardFlowPrefill } from './card-source';
import { PayCodeStep } from './PayCodeStep';
import { PayResult } from './PayResult';
import { PayReview } from './PayReview';
import { ProviderForm } from './ProviderForm';
import { ProviderLogo } from './ProviderLogo';
import { payReducer } from './pay-state';
import { type FieldValues, fieldValuesForApi, localized, type ProviderView } from './payment-model';
import type { SaveablePayment } from './SavePaymentDialog';
import { prefilledPayState, type SavedPrefill, savedPrefillOf } from './saved-model';
import { usePayCalls } from './usePayCalls';
import '../transfers/transfers.css';
import { usePayingCard, useProviderAndAccounts } from './useProviderAndAccounts';
import './payments.css';
import './saved.css';

/** What "Save as favourite" and "Make it regular" take from the payment just made. */
function saveableOf(provider: ProviderView, payment: Operation, values: FieldValues, language: Language): SaveablePayment {
  return {
    paymentId: payment.id,
    providerId: provider.id,
    providerName: localized(provider.name, language),
    providerMode: provider.mode,
    fields: fieldValuesForApi(provider.fields, values),
    amountMinor: payment.amountMinor,
    sourceAccountId: payment.sourceAccountId,
  };
}

/** The customer's accounts this provider can be paid from: active, in the provider's currency. */
function payableAccounts(accounts: readonly Account[], currency: string): Account[] {
  return accounts.filter((account) => account.status === 'active' && account.currency === currency);
}

function PaymentFlow({
  provider,
  accounts,
  byCard,
  prefill,
}: {
  provider: ProviderView;
  accounts: Account[];
  /** The customer holds an active Kassa card: "By card" is offered beside the accounts (card-source.ts). */
  byCard: boolean;
  prefill: SavedPrefill | null;
}) {
  const { t } = useTranslation();
  const { language, locale } = useLocale();
  const navigate = useNavigate();
  const usable = payableAccounts(accounts, provider.currency);
  const firstSource = usable.find((account) => account.id === prefill?.sourceAccountId)?.id ?? usable[0]?.id ?? (byCard ? CARD_SOURCE : '');
  // A favourite brings its amount too: "repeat in two taps" is the tile, then "Check".
  const [state, dispatch] = useReducer(payReducer, undefined, () => prefilledPayState(provider, prefill, firstSource));
  const [cancelFailure, setCancelFailure] = useState<ApiFailure | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const source = usable.find((account) => account.id === state.sourceAccountId) ?? null;
  const calls = usePayCalls(provider, state, dispatch, source);
  const { step } = state;

  useEffect(() => {
    if (step !== 'details' && step !== 'result') stepHeading.current?.focus();
  }, [step]);

  if (usable.length === 0 && !byCard)
    return <EmptyState icon={<WalletIcon />} title={t('payments.noAccounts', { currency: provider.currency })} />;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // By card: the guests' card flow takes over with what was typed; it checks and quotes again itself.
    if (byCard && state.sourceAccountId === CARD_SOURCE)
      return navigate(cardFlowPath(provider.id), { state: cardFlowPrefill(provider, state) });
    void calls.submitDetails();
  }

  async function cancel() {
    setCancelFailure(null);
    const failure = await calls.cancel();
    if (failure) setCancelFailure(failure);
  }

  const codeSkipped = step === 'result' && !state.codeAsked;
  const stepIndex = { details: 0, review: 1, code: 2, result: 3 }[step];
  return (
    <div className="wizard stack">
      <Steps
        labels={[
          t('payments.stepDetails'),
          t('payments.stepReview'),
          codeSkipped ? t('transfer.stepNoCode') : t('payments.stepCode'),
          t('payments.stepResult'),
        ]}
        current={stepIndex}
        skipped={codeSkipped ? [2] : []}
      />
      {step === 'details' ? (
        <ProviderForm
          provider={provider}
          state={state}
          accounts={usable}
          byCard={byCard}
          language={language}
          locale={locale}
          handlers={{
            onField: (name, value) => dispatch({ type: 'edited', name, value }),
            onSource: (accountId) => dispatch({ type: 'sourceChosen', accountId }),
            onAmount: (value) => dispatch({ type: 'amountEdited', value }),
            onLineToggle: (id, chosen) => dispatch({ type: 'lineToggled', id, chosen }),
            onLineEdit: (id, value) => dispatch({ type: 'lineEdited', id, value }),
            onSubmit: submit,
            onRetry: () => void calls.submitDetails(),
          }}
        />
      ) : null}
      {step === 'review' && state.fee && source ? (
        <PayReview
          provider={provider}
          values={state.values}
          bill={state.check?.bill ?? null}
          paidLines={state.paid?.lines ?? null}
          fee={state.fee}
          source={source}
          holderName={state.check?.holderName ?? null}
          failure={state.failure}
          busy={state.busy}
          language={language}
          headingRef={stepHeading}
          onPay={() => void calls.pay()}
          onEdit={() => dispatch({ type: 'backToDetails' })}
        />
      ) : null}
      {step === 'code' && state.payment?.confirmation ? (
        <PayCodeStep
          payment={state.payment}
          confirmation={state.payment.confirmation}
          headingRef={stepHeading}
          cancelFailure={cancelFailure}
          onSubmit={calls.confirm}
          onResend={calls.resend}
          onCancel={() => void cancel()}
        />
      ) : null}
      {step === 'result' && state.payment ? (
        <PayResult
          payment={state.payment}
          saveable={saveableOf(provider, state.payment, state.values, language)}
          onAnother={() => dispatch({ type: 'startedOver' })}
        />
      ) : null}
    </div>
  );
}

/**
 * A provider's page (/payments/{providerId}): its form driven by its field definitions, then the
 * review, the code and the result. A repeat from the history arrives with the fields in the
 * route's state, so paying again is "Repeat" and "Check".
 */
export function ProviderPage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { providerId = '' } = useParams();
  const location = useLocation();
  const prefill = savedPrefillOf(location.state);
  const { providerState, reload, accountsState, reloadAccounts, provider } = useProviderAndAccounts(providerId);
  const byCard = usePayingCard();
  usePageTitle(provider ? localized(provider.name, language) : t('payments.title'));

  return (
    <div className="page payments-page">
      <p>
        <Link to="/payments">← {t('payments.allPayments')}</Link>
      </p>
      {providerState.status === 'loading' || accountsState.status === 'loading' || byCard === null ? <LoadingState /> : null}
      {providerState.status === 'error' ? (
        <>
          <PageHeader title={t('payments.notFound')} />
          <ErrorAlert failure={providerState.failure} onRetry={providerState.failure.status === 404 ? undefined : reload} />
        </>
      ) : null}
      {accountsState.status === 'error' ? <ErrorAlert failure={accountsState.failure} onRetry={reloadAccounts} /> : null}
      {provider ? (
        <PageHeader
          title={
            <span className="provider-title">
              <ProviderLogo logo={provider.logo} size="large" />
              <span>{localized(provider.name, language)}</span>
            </span>
          }
          lead={provider.legalName}
        />
      ) : null}
      {provider && provider.mode !== 'fetch' ? (
        <p className="payments-links">
          <Link to={`/payments/${provider.id}/schedule`} state={prefill ?? undefined}>
            {t('paymentsSaved.scheduleNew')}
          </Link>
        </p>
      ) : null}
      {provider && accountsState.status === 'ready' && byCard !== null ? (
        <PaymentFlow key={provider.id} provider={provider} accounts={accountsState.data.items} byCard={byCard} prefill={prefill} />
      ) : null}
    </div>
  );
}
