import { type FormEvent, useEffect, useReducer, useRef, useState } from 'react';
import { api } from '../../../api/client';
import type { TransferKind } from '../../../api/enums';
import { type ApiFailure, callApi } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { useApiLoad } from '../../../lib/useApiLoad';
import { useAccountName } from '../../../money/components';
import { compactIban, groupIban } from '../../../money/iban';
import { type Account, codeExpectation, expectedFeeMinor, isTrustedPayee, newIdempotencyKey, parseAmountMinor } from '../../../money/model';
import { EmptyState, Steps, WalletIcon } from '../../../ui';
import { ConfirmCodeStep } from './ConfirmCodeStep';
import { cardFeeMinor, cardReference } from './card-number';
import { DetailsStep } from './DetailsStep';
import { ResultView } from './ResultView';
import { ReviewStep } from './ReviewStep';
import { useTransferCalls } from './useTransferCalls';
import { useDetailsCheck } from './validate';
import { phoneForApi, type TransferForm } from './wizard-model';
import { canSend, initialState, wizardReducer } from './wizard-state';

/**
 * The transfer wizard: one reducer (wizard-state.ts) holds the state, the bank's calls are in
 * useTransferCalls, and each step is a component of its own. `prefill` fills the form from a
 * repeated transfer or a recent payee.
 */
export function Wizard({ kind, accounts, prefill }: { kind: TransferKind; accounts: Account[]; prefill: Partial<TransferForm> }) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  const usable = accounts.filter((account) => account.status === 'active');
  const [state, dispatch] = useReducer(wizardReducer, undefined, () =>
    initialState({ sourceAccountId: usable[0]?.id ?? '', ...prefill, ...validSource(prefill, usable) }),
  );
  const [cancelFailure, setCancelFailure] = useState<ApiFailure | null>(null);
  const { state: exemptionsState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/transfers/sca-exemptions', { signal })), []);
  const { state: payeesState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/trusted-payees', { signal })), []);
  const { state: feesState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/transfers/fees', { signal })), []);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const { form, step } = state;

  const source = usable.find((account) => account.id === form.sourceAccountId) ?? null;
  const destinations = usable.filter((account) => source && account.id !== source.id && account.currency === source.currency);
  const destination = destinations.find((account) => account.id === form.destinationAccountId) ?? null;
  const parsed = source ? parseAmountMinor(form.amountText, source.currency) : null;
  const amountMinor = parsed?.ok ? parsed.amountMinor : null;
  const fees = feesState.status === 'ready' ? feesState.data : undefined;
  const check = useDetailsCheck(kind, { form, source, destination, parsed, bankCode: fees?.bankCode ?? null });
  const calls = useTransferCalls(kind, state, dispatch, { source, amountMinor });

  useEffect(() => {
    if (step !== 'details') stepHeading.current?.focus();
  }, [step]);

  // Own transfers: keep the destination valid when the source changes.
  const firstDestination = destinations[0]?.id ?? '';
  const destinationValid = destinations.some((account) => account.id === form.destinationAccountId);
  useEffect(() => {
    if (kind === 'own' && !destinationValid) dispatch({ type: 'edited', name: 'destinationAccountId', value: firstDestination });
  }, [kind, destinationValid, firstDestination]);

  function toReview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errors = check();
    const firstInvalid = Object.keys(errors).find((key) => errors[key as keyof TransferForm]);
    if (firstInvalid) {
      dispatch({ type: 'invalid', errors });
      document.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    if (kind === 'own') dispatch({ type: 'reviewed' });
    else void calls.lookUp();
  }

  async function cancel() {
    setCancelFailure(null);
    const failure = await calls.cancel();
    if (failure) setCancelFailure(failure);
  }

  const ownCard = kind === 'card-number' && state.payee.status === 'known' && state.payee.lookup.isSelf;
  const foreseen = codeExpectation({
    kind,
    trustedPayee:
      payeesState.status === 'ready'
        ? isTrustedPayee(payeesState.data.items, kind === 'phone' ? { phone: form.payeePhone } : { iban: form.payeeIban })
        : null,
    exemptions: exemptionsState.status === 'ready' ? exemptionsState.data : undefined,
    currency: source?.currency ?? '',
    amountMinor: amountMinor ?? 0n,
  });
  // One's own card is a move between own accounts: no code (RTS art. 15), as the bank decides.
  const expectation = ownCard ? 'none' : foreseen;
  const fee =
    kind === 'card-number'
      ? cardFeeMinor(fees, state.payee.status === 'known' ? state.payee.lookup : null, source?.currency ?? '')
      : expectedFeeMinor(fees, { kind, iban: form.payeeIban, currency: source?.currency ?? '' });
  const otherBankFeeMinor = fees?.ibanOtherBank.find((item) => item.currency === source?.currency)?.feeMinor;
  const otherBankFee = otherBankFeeMinor === undefined ? null : BigInt(otherBankFeeMinor);
  const needsCode = kind !== 'own';
  // The code step is skipped when the bank asked for no code: known from its answer, and foreseen
  // for a trusted payee. A skipped step is never shown as done.
  const codeSkipped = needsCode && (step === 'result' ? !state.codeAsked : step !== 'code' && expectation === 'none');
  const stepLabels = needsCode
    ? [
        t('transfer.stepDetails'),
        t('transfer.stepReview'),
        codeSkipped ? t('transfer.stepNoCode') : t('transfer.stepCode'),
        t('transfer.stepResult'),
      ]
    : [t('transfer.stepDetails'), t('transfer.stepReview'), t('transfer.stepResult')];
  const stepIndex = { details: 0, review: 1, code: 2, result: needsCode ? 3 : 2 }[step];
  const payeeText =
    kind === 'own'
      ? destination
        ? accountName(destination)
        : ''
      : kind === 'phone'
        ? form.payeePhone
        : kind === 'card-number'
          ? cardReference(form.cardNumber)
          : [form.payeeName.trim(), groupIban(compactIban(form.payeeIban))].filter(Boolean).join(' · ');
  const ownMessages = [t('transfer.ownPhone'), t('transfer.ownIban')];

  if (usable.length === 0) return <EmptyState icon={<WalletIcon />} title={t('transfer.noAccounts')} />;

  return (
    <div className="wizard stack">
      <Steps labels={stepLabels} current={stepIndex} skipped={codeSkipped ? [2] : []} />
      {step === 'details' ? (
        <DetailsStep
          kind={kind}
          form={form}
          errors={state.errors}
          failure={state.failure}
          usable={usable}
          destinations={destinations}
          source={source}
          amountMinor={amountMinor}
          bankCode={fees?.bankCode ?? null}
          otherBankFee={otherBankFee}
          busy={state.busy}
          suggestOwn={ownMessages.includes(state.errors.payeePhone ?? '') || ownMessages.includes(state.errors.payeeIban ?? '')}
          update={(name, value) => dispatch({ type: 'edited', name, value })}
          onSubmit={toReview}
        />
      ) : null}
      {step === 'review' && source && amountMinor !== null ? (
        <ReviewStep
          kind={kind}
          form={form}
          source={source}
          amountMinor={amountMinor}
          fee={fee}
          payeeText={payeeText}
          payee={state.payee}
          expectation={expectation}
          failure={state.failure}
          busy={state.busy}
          canSend={canSend(state, kind)}
          headingRef={stepHeading}
          onConfirm={() => void calls.submit(newIdempotencyKey)}
          onEdit={() => dispatch({ type: 'backToDetails' })}
        />
      ) : null}
      {step === 'code' && state.transfer?.confirmation ? (
        <ConfirmCodeStep
          transfer={state.transfer}
          confirmation={state.transfer.confirmation}
          headingRef={stepHeading}
          cancelFailure={cancelFailure}
          onSubmit={calls.confirm}
          onResend={calls.resend}
          onCancel={() => void cancel()}
        />
      ) : null}
      {step === 'result' && state.transfer ? (
        <ResultView transfer={state.transfer} trustQuery={trustQuery(kind, form)} onAnother={() => dispatch({ type: 'startedOver' })} />
      ) : null}
    </div>
  );
}

/** The payee for "save as trusted payee": the phone or IBAN sent to; an own account is no payee. */
function trustQuery(kind: TransferKind, form: TransferForm): string | null {
  if (kind === 'phone') return new URLSearchParams({ phone: phoneForApi(form.payeePhone) }).toString();
  if (kind === 'iban') return new URLSearchParams({ iban: compactIban(form.payeeIban) }).toString();
  return null;
}

/** A prefilled source account is kept only if it is one of the customer's usable accounts. */
function validSource(prefill: Partial<TransferForm>, usable: Account[]): Partial<TransferForm> {
  if (prefill.sourceAccountId && usable.some((account) => account.id === prefill.sourceAccountId)) return {};
  return { sourceAccountId: usable[0]?.id ?? '' };
}
