import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../../api/client';
import type { TransferKind } from '../../../api/enums';
import { type ApiFailure, callApi, fieldErrorsByName, problemCode } from '../../../api/problem';
import { minorUnitDigits } from '../../../lib/format';
import { useApiLoad } from '../../../lib/useApiLoad';
import { useAccountName } from '../../../money/components';
import {
  type Account,
  codeExpectation,
  compactIban,
  expectedFeeMinor,
  groupIban,
  isTrustedPayee,
  looksLikeIban,
  newIdempotencyKey,
  type Operation,
  parseAmountMinor,
} from '../../../money/model';
import { EmptyState, Steps, WalletIcon } from '../../../ui';
import type { ResendOutcome } from '../../auth/CodeStep';
import { formatPhoneInput, looksLikePhone } from '../../auth/PhoneStep';

import { ConfirmCodeStep } from './ConfirmCodeStep';
import { DetailsStep } from './DetailsStep';
import { ResultView } from './ResultView';
import { ReviewStep } from './ReviewStep';
import { type FormErrors, requestBody, type Step, type TransferForm } from './wizard-model';

/** The transfer wizard: its state and the calls to the bank; each step is a component of its own. */
export function Wizard({ kind, accounts }: { kind: TransferKind; accounts: Account[] }) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  const [params] = useSearchParams();
  const usable = accounts.filter((account) => account.status === 'active');
  const preferred = usable.find((account) => account.id === params.get('from')) ?? usable[0];
  const emptyForm: TransferForm = {
    sourceAccountId: preferred?.id ?? '',
    destinationAccountId: '',
    payeePhone: '',
    payeeIban: '',
    payeeName: '',
    payeeTaxId: '',
    purposeCode: '',
    amountText: '',
    description: '',
  };
  const [form, setForm] = useState<TransferForm>(emptyForm);
  const [errors, setErrors] = useState<FormErrors>({});
  const [step, setStep] = useState<Step>('details');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [transfer, setTransfer] = useState<Operation | null>(null);
  /** Whether the bank's answer asked for a code: without one, the code step was skipped, not done. */
  const [codeAsked, setCodeAsked] = useState(false);
  // What the review step needs to name its button truthfully (codeExpectation).
  const { state: exemptionsState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/transfers/sca-exemptions', { signal })), []);
  const { state: payeesState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/trusted-payees', { signal })), []);
  const { state: feesState } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/transfers/fees', { signal })), []);
  /** The Idempotency-Key of the submission in flight: made on "confirm", kept for its retries. */
  const submissionKey = useRef<string | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);

  const source = usable.find((account) => account.id === form.sourceAccountId) ?? null;
  const destinations = usable.filter((account) => source && account.id !== source.id && account.currency === source.currency);
  const destination = destinations.find((account) => account.id === form.destinationAccountId) ?? null;
  const parsed = source ? parseAmountMinor(form.amountText, source.currency) : null;
  const amountMinor = parsed?.ok ? parsed.amountMinor : null;
  const compact = compactIban(form.payeeIban);

  useEffect(() => {
    if (step !== 'details') stepHeading.current?.focus();
  }, [step]);

  // Own transfers: keep the destination valid when the source changes.
  useEffect(() => {
    if (kind !== 'own') return;
    if (!destinations.some((account) => account.id === form.destinationAccountId)) {
      setForm((previous) => ({ ...previous, destinationAccountId: destinations[0]?.id ?? '' }));
    }
  }, [kind, destinations, form.destinationAccountId]);

  function update<K extends keyof TransferForm>(name: K, value: TransferForm[K]) {
    setForm((previous) => ({ ...previous, [name]: value }));
    setErrors((previous) => ({ ...previous, [name]: undefined }));
  }

  function validate(): FormErrors {
    const next: FormErrors = {};
    if (!source) next.sourceAccountId = t('transfer.noAccounts');
    if (kind === 'own' && !destination) next.destinationAccountId = t('transfer.needTwoAccounts');
    if (kind === 'phone' && !looksLikePhone(form.payeePhone)) next.payeePhone = t('transfer.payeePhoneInvalid');
    if (kind === 'iban') {
      if (!looksLikeIban(form.payeeIban)) next.payeeIban = t('transfer.payeeIbanInvalid');
      if (form.payeeName.trim() !== '' && form.payeeName.trim().length < 2) next.payeeName = t('transfer.payeeNameInvalid');
      if (form.payeeTaxId !== '' && !/^\d{12}$/.test(form.payeeTaxId)) next.payeeTaxId = t('transfer.payeeTaxIdInvalid');
    }
    if (source && parsed && !parsed.ok) {
      next.amountText = {
        empty: t('transfer.amountEmpty'),
        invalid: t('transfer.amountInvalid'),
        decimals: t('transfer.amountDecimals', { digits: minorUnitDigits(source.currency) }),
        zero: t('transfer.amountZero'),
        tooLarge: t('transfer.amountTooLarge'),
      }[parsed.reason];
    }
    return next;
  }

  function toReview(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = validate();
    setErrors(next);
    setFailure(null);
    const firstInvalid = Object.keys(next).find((key) => next[key as keyof TransferForm]);
    if (firstInvalid) {
      document.querySelector<HTMLElement>(`[name="${firstInvalid}"]`)?.focus();
      return;
    }
    submissionKey.current = null;
    setStep('review');
  }

  async function submit() {
    if (!source || amountMinor === null) return;
    // One key per confirmed submission; a retry after a lost answer reuses it, so the bank
    // returns the first result instead of making a second transfer.
    submissionKey.current ??= newIdempotencyKey();
    const key = submissionKey.current;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/v1/transfers', {
        body: requestBody(kind, form, source, amountMinor),
        headers: { 'Idempotency-Key': key },
      }),
    );
    setBusy(false);
    if (!result.ok) {
      if (result.aborted) return;
      setFailure(result.failure);
      // A refusal before any operation exists (bad input): back to the form with the field marked.
      if (result.failure.status !== null && result.failure.status < 500) {
        submissionKey.current = null;
        const byField = fieldErrorsByName(result.failure);
        if (Object.keys(byField).length > 0 || problemCode(result.failure) === 'iban-invalid') {
          setErrors({
            payeeIban: problemCode(result.failure) === 'iban-invalid' ? t('transfer.payeeIbanInvalid') : undefined,
            payeePhone: byField.payeePhone,
            amountText: byField.amountMinor,
          });
          setStep('details');
        }
      }
      return;
    }
    setTransfer(result.data);
    const asked = result.data.status === 'awaiting_confirmation' && result.data.confirmation !== null;
    setCodeAsked(asked);
    setStep(asked ? 'code' : 'result');
  }

  async function loadOutcome(id: string): Promise<boolean> {
    const current = await callApi(() => api.GET('/api/v1/operations/{transferId}', { params: { path: { transferId: id } } }));
    if (current.ok && current.data.status !== 'awaiting_confirmation') {
      setTransfer(current.data);
      setStep('result');
      return true;
    }
    return false;
  }

  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!transfer) return null;
    const result = await callApi(() =>
      api.POST('/api/v1/transfers/{transferId}/confirm', { params: { path: { transferId: transfer.id } }, body: { code } }),
    );
    if (result.ok) {
      setTransfer(result.data);
      setStep('result');
      return null;
    }
    if (result.aborted) return null;
    // Too many wrong codes or an expired code decline the transfer: show that outcome.
    const code422 = problemCode(result.failure);
    if (code422 === 'code-attempts-exceeded' || code422 === 'code-expired' || code422 === 'code-not-valid-anymore') {
      if (await loadOutcome(transfer.id)) return null;
    }
    if (result.failure.status === 409 && (await loadOutcome(transfer.id))) return null;
    return result.failure;
  }

  async function resend(): Promise<ResendOutcome> {
    if (!transfer) return { ok: false, failure: { status: null, body: null } };
    const result = await callApi(() =>
      api.POST('/api/v1/transfers/{transferId}/resend', { params: { path: { transferId: transfer.id } } }),
    );
    if (result.ok && result.data.confirmation) {
      setTransfer(result.data);
      return { ok: true, resendAvailableAt: result.data.confirmation.resendAvailableAt };
    }
    if (!result.ok && !result.aborted) return { ok: false, failure: result.failure };
    return { ok: false, failure: { status: null, body: null } };
  }

  function startOver() {
    setForm({ ...emptyForm, sourceAccountId: form.sourceAccountId });
    setErrors({});
    setFailure(null);
    setTransfer(null);
    setCodeAsked(false);
    submissionKey.current = null;
    setStep('details');
  }

  const expectation = codeExpectation({
    kind,
    trustedPayee:
      payeesState.status === 'ready'
        ? isTrustedPayee(payeesState.data.items, kind === 'phone' ? { phone: form.payeePhone } : { iban: form.payeeIban })
        : null,
    exemptions: exemptionsState.status === 'ready' ? exemptionsState.data : undefined,
    currency: source?.currency ?? '',
    amountMinor: amountMinor ?? 0n,
  });
  const fee = expectedFeeMinor(feesState.status === 'ready' ? feesState.data : undefined, {
    kind,
    iban: form.payeeIban,
    currency: source?.currency ?? '',
  });
  const needsCode = kind !== 'own';
  // The code step is skipped when the bank asked for no code: known from its answer, and foreseen
  // for a trusted payee. A skipped step is never shown as done.
  const codeSkipped = needsCode && (step === 'result' ? !codeAsked : step !== 'code' && expectation === 'none');
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
        ? formatPhoneInput(form.payeePhone)
        : [form.payeeName.trim(), groupIban(compact)].filter(Boolean).join(' · ');

  if (usable.length === 0) {
    return <EmptyState icon={<WalletIcon />} title={t('transfer.noAccounts')} />;
  }

  return (
    <div className="stack">
      <Steps labels={stepLabels} current={stepIndex} skipped={codeSkipped ? [2] : []} />
      {step === 'details' ? (
        <DetailsStep
          kind={kind}
          form={form}
          errors={errors}
          failure={failure}
          usable={usable}
          destinations={destinations}
          source={source}
          amountMinor={amountMinor}
          update={update}
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
          expectation={expectation}
          failure={failure}
          busy={busy}
          headingRef={stepHeading}
          onConfirm={() => void submit()}
          onEdit={() => {
            setFailure(null);
            setStep('details');
          }}
        />
      ) : null}

      {step === 'code' && transfer?.confirmation ? (
        <ConfirmCodeStep
          transfer={transfer}
          confirmation={transfer.confirmation}
          headingRef={stepHeading}
          onSubmit={confirm}
          onResend={resend}
          onBack={startOver}
        />
      ) : null}

      {step === 'result' && transfer ? <ResultView transfer={transfer} onAnother={startOver} /> : null}
    </div>
  );
}
