import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api } from '../api/client';
import { isTransferKind, type TransferKind } from '../api/enums';
import { type ApiFailure, callApi, fieldErrorsByName, problemCode } from '../api/problem';
import { CodeStep, type ResendOutcome } from '../auth/CodeStep';
import { formatPhoneInput, looksLikePhone } from '../auth/PhoneStep';
import { useLocale } from '../i18n';
import { formatMoney, minorUnitDigits } from '../lib/format';
import { useApiLoad } from '../lib/useApiLoad';
import { usePageTitle } from '../lib/usePageTitle';
import { Facts, ScaExemptionNote, StatusBadge, useAccountName } from '../money/components';
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
} from '../money/model';
import {
  Alert,
  BankIcon,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  ErrorAlert,
  ErrorIcon,
  LoadingState,
  Money,
  PageHeader,
  PhoneIcon,
  SelectField,
  Steps,
  SuccessIcon,
  SwapIcon,
  TextField,
  UsersIcon,
  WalletIcon,
} from '../ui';

const DESCRIPTION_LENGTH_MAX = 140;
const PAYEE_NAME_LENGTH_MAX = 120;
/** The purpose codes offered for a transfer to another bank (the common ones for individuals). */
const PURPOSE_CODES = ['342', '119'] as const;

const KIND_ICONS = { own: <SwapIcon />, phone: <PhoneIcon />, iban: <BankIcon /> } satisfies Record<TransferKind, ReactNode>;
/** The kinds as the chooser lists them: the most used first. */
const CHOOSER_KINDS = ['phone', 'own', 'iban'] as const satisfies readonly TransferKind[];

function KindChooser() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const query = params.toString() ? `?${params.toString()}` : '';
  usePageTitle(t('transfer.title'));
  return (
    <div className="page">
      <PageHeader title={t('transfer.title')} lead={t('transfer.lead')} />
      <ul className="kind-list">
        {CHOOSER_KINDS.map((kind) => (
          <li key={kind}>
            <Link to={`/transfers/${kind}${query}`} className="kind-card">
              <span className="kind-card__icon">{KIND_ICONS[kind]}</span>
              <span className="kind-card__text">
                <span className="kind-card__title">{t(`transfer.${kind}`)}</span>
                <span className="kind-card__description">{t(`transfer.${kind}Text`)}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <Alert tone="info" live={false}>
        <p>
          {t('transfer.trustedHint')} <Link to="/payees">{t('transfer.trustedLink')}</Link>
        </p>
      </Alert>
    </div>
  );
}

interface TransferForm {
  sourceAccountId: string;
  destinationAccountId: string;
  payeePhone: string;
  payeeIban: string;
  payeeName: string;
  payeeTaxId: string;
  purposeCode: string;
  amountText: string;
  description: string;
}

type FormErrors = Partial<Record<keyof TransferForm, string>>;

type Step = 'details' | 'review' | 'code' | 'result';

/** The request body of POST /api/v1/transfers for a validated form. */
function requestBody(kind: TransferKind, form: TransferForm, source: Account, amountMinor: bigint) {
  const currency = source.currency as 'KZT' | 'USD' | 'EUR' | 'RUB';
  const description = form.description.trim() || undefined;
  const base = { kind, sourceAccountId: source.id, amountMinor: Number(amountMinor), currency, description };
  if (kind === 'own') return { ...base, destinationAccountId: form.destinationAccountId };
  if (kind === 'phone') return { ...base, payeePhone: form.payeePhone.replace(/[\s()-]/g, '') };
  return {
    ...base,
    payeeIban: compactIban(form.payeeIban),
    payeeName: form.payeeName.trim() || undefined,
    payeeTaxId: form.payeeTaxId || undefined,
    purposeCode: form.purposeCode || undefined,
  };
}

function ResultView({ transfer, onAnother }: { transfer: Operation; onAnother: () => void }) {
  const { t } = useTranslation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const outcome =
    transfer.status === 'completed'
      ? { tone: 'success', title: t('transfer.resultCompleted'), text: t('transfer.resultCompletedText') }
      : transfer.status === 'sent'
        ? { tone: 'success', title: t('transfer.resultSent'), text: t('transfer.resultSentText') }
        : transfer.status === 'awaiting_confirmation'
          ? { tone: 'info', title: t('transfer.resultAwaiting'), text: '' }
          : {
              tone: 'error',
              title: transfer.status === 'expired' ? t('transfer.resultExpired') : t('transfer.resultDeclined'),
              text: t('transfer.resultDeclinedText'),
            };
  return (
    <div className={`result result--${outcome.tone}`}>
      <span className="result__icon">{outcome.tone === 'error' ? <ErrorIcon /> : <SuccessIcon />}</span>
      <h2 className="result__title" ref={headingRef} tabIndex={-1}>
        {outcome.title}
      </h2>
      <p className="result__amount">
        <Money amountMinor={transfer.amountMinor} currency={transfer.currency} />
      </p>
      <p className="result__payee">{transfer.payee}</p>
      {outcome.tone === 'error' ? (
        <div className="result__reason" role="alert">
          <span className="result__reason-label">{t('transfer.reason')}</span>
          <span>{transfer.declineReasonText ?? t('transfer.reasonUnknown')}</span>
        </div>
      ) : null}
      {outcome.text ? <p className="muted">{outcome.text}</p> : null}
      <ScaExemptionNote operation={transfer} />
      <Facts
        rows={[
          { label: t('operation.status'), value: <StatusBadge status={transfer.status} /> },
          transfer.feeMinor > 0 && {
            label: t('operation.fee'),
            value: <Money amountMinor={transfer.feeMinor} currency={transfer.currency} />,
          },
          { label: t('operation.id'), value: <span className="mono">{transfer.id}</span> },
        ]}
      />
      <div className="form-actions">
        <ButtonLink to={`/operations/${transfer.id}`} variant="primary">
          {t('transfer.details')}
        </ButtonLink>
        <Button variant="secondary" onClick={onAnother}>
          {t('transfer.another')}
        </Button>
        <Link to="/history">{t('transfer.toHistory')}</Link>
      </div>
    </div>
  );
}

function Wizard({ kind, accounts }: { kind: TransferKind; accounts: Account[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
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
        <form className="stack form-narrow" onSubmit={toReview} noValidate>
          {failure ? <ErrorAlert failure={failure} /> : null}
          <SelectField
            label={t('transfer.from')}
            name="sourceAccountId"
            value={form.sourceAccountId}
            error={errors.sourceAccountId}
            onChange={(event) => update('sourceAccountId', event.target.value)}
          >
            <AccountOptions accounts={usable} />
          </SelectField>
          {kind === 'own' ? (
            destinations.length > 0 ? (
              <SelectField
                label={t('transfer.to')}
                name="destinationAccountId"
                value={form.destinationAccountId}
                error={errors.destinationAccountId}
                onChange={(event) => update('destinationAccountId', event.target.value)}
              >
                <AccountOptions accounts={destinations} />
              </SelectField>
            ) : (
              <Alert tone="info" live={false} title={t('transfer.noSameCurrency', { currency: source?.currency ?? '' })}>
                <p>
                  {t('transfer.needTwoAccounts')} <Link to="/">{t('transfer.openAccountLink')}</Link>
                </p>
              </Alert>
            )
          ) : null}
          {kind === 'phone' ? (
            <TextField
              label={t('transfer.payeePhone')}
              hint={t('transfer.payeePhoneHint')}
              name="payeePhone"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={form.payeePhone}
              error={errors.payeePhone}
              onChange={(event) => update('payeePhone', formatPhoneInput(event.target.value))}
            />
          ) : null}
          {kind === 'iban' ? (
            <>
              <TextField
                label={t('transfer.payeeIban')}
                hint={t('transfer.payeeIbanHint')}
                name="payeeIban"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                className="field--mono"
                value={form.payeeIban}
                error={errors.payeeIban}
                onChange={(event) =>
                  update(
                    'payeeIban',
                    groupIban(
                      event.target.value
                        .toUpperCase()
                        .replace(/[^A-Z0-9]/g, '')
                        .slice(0, 34),
                    ),
                  )
                }
              />
              <Alert tone="info" live={false}>
                <p>{t('transfer.otherBankNote')}</p>
              </Alert>
              <TextField
                label={t('transfer.payeeName')}
                hint={t('transfer.payeeNameHint')}
                name="payeeName"
                autoComplete="off"
                maxLength={PAYEE_NAME_LENGTH_MAX}
                value={form.payeeName}
                error={errors.payeeName}
                onChange={(event) => update('payeeName', event.target.value)}
              />
              <TextField
                label={t('transfer.payeeTaxId')}
                hint={t('transfer.payeeTaxIdHint')}
                name="payeeTaxId"
                inputMode="numeric"
                autoComplete="off"
                maxLength={12}
                value={form.payeeTaxId}
                error={errors.payeeTaxId}
                onChange={(event) => update('payeeTaxId', event.target.value.replace(/\D/g, '').slice(0, 12))}
              />
              <SelectField
                label={t('transfer.purposeCode')}
                hint={t('transfer.purposeCodeHint')}
                name="purposeCode"
                value={form.purposeCode}
                onChange={(event) => update('purposeCode', event.target.value)}
              >
                <option value="">{t('transfer.purposeNone')}</option>
                {PURPOSE_CODES.map((code) => (
                  <option key={code} value={code}>
                    {t(`transfer.purpose_${code}`)}
                  </option>
                ))}
              </SelectField>
            </>
          ) : null}
          <TextField
            label={source ? `${t('transfer.amount')}, ${source.currency}` : t('transfer.amount')}
            hint={source ? t('transfer.amountHint', { available: formatMoney(source.availableMinor, source.currency, locale) }) : undefined}
            name="amountText"
            inputMode="decimal"
            autoComplete="off"
            className="field--amount"
            value={form.amountText}
            error={errors.amountText}
            onChange={(event) => update('amountText', event.target.value.replace(/[^\d\s.,]/g, ''))}
          />
          {source && amountMinor !== null && amountMinor > BigInt(source.availableMinor) ? (
            <Alert tone="warning" live={false}>
              <p>{t('transfer.amountOverAvailable')}</p>
            </Alert>
          ) : null}
          {kind !== 'own' ? (
            <TextField
              label={t('transfer.description')}
              hint={t('transfer.descriptionHint')}
              name="description"
              autoComplete="off"
              maxLength={DESCRIPTION_LENGTH_MAX}
              value={form.description}
              onChange={(event) => update('description', event.target.value)}
            />
          ) : null}
          <div className="form-actions">
            <Button type="submit" variant="primary" disabled={kind === 'own' && destinations.length === 0}>
              {t('transfer.continue')}
            </Button>
            <ButtonLink to="/transfers" variant="secondary">
              {t('transfer.back')}
            </ButtonLink>
          </div>
        </form>
      ) : null}

      {step === 'review' && source && amountMinor !== null ? (
        <section className="stack form-narrow" aria-labelledby="review-title">
          <h2 id="review-title" className="section-title" ref={stepHeading} tabIndex={-1}>
            {t('transfer.reviewTitle')}
          </h2>
          <p className="muted">{t('transfer.reviewLead')}</p>
          {failure ? (
            <>
              {failure.status === null ? <Alert tone="warning">{t('transfer.retryNetwork')}</Alert> : null}
              <ErrorAlert failure={failure} />
            </>
          ) : null}
          <div className="review-card">
            <p className="review-card__amount">
              <Money amountMinor={amountMinor} currency={source.currency} />
            </p>
            <Facts
              rows={[
                { label: t('transfer.reviewPayee'), value: <span className="review-card__payee">{payeeText}</span>, strong: true },
                { label: t('transfer.reviewFrom'), value: accountName(source) },
                {
                  label: t('transfer.reviewFee'),
                  value:
                    fee === null ? (
                      t('transfer.reviewFeeLater')
                    ) : fee === 0n ? (
                      t('transfer.reviewFeeNone')
                    ) : (
                      <Money amountMinor={fee} currency={source.currency} />
                    ),
                },
                fee !== null &&
                  fee > 0n && {
                    label: t('transfer.reviewTotal'),
                    value: <Money amountMinor={amountMinor + fee} currency={source.currency} />,
                  },
                kind === 'iban' && form.payeeTaxId !== '' && { label: t('transfer.reviewTaxId'), value: form.payeeTaxId },
                kind === 'iban' && form.purposeCode !== '' && { label: t('transfer.reviewPurpose'), value: form.purposeCode },
                form.description.trim() !== '' &&
                  kind !== 'own' && { label: t('transfer.reviewDescription'), value: form.description.trim() },
              ]}
            />
          </div>
          {needsCode && expectation === 'none' ? <p className="muted">{t('transfer.noCodeTrustedNote')}</p> : null}
          {expectation === 'maybe' ? <p className="muted">{t('transfer.maybeNoCodeNote')}</p> : null}
          <div className="form-actions">
            <Button variant="primary" loading={busy} onClick={() => void submit()}>
              {
                {
                  none: t('transfer.confirmNoCode'),
                  maybe: t('transfer.confirmMaybeCode'),
                  code: t('transfer.confirmSendCode'),
                }[expectation]
              }
            </Button>
            <Button
              variant="secondary"
              onClick={() => {
                setFailure(null);
                setStep('details');
              }}
              disabled={busy}
            >
              {t('transfer.edit')}
            </Button>
          </div>
        </section>
      ) : null}

      {step === 'code' && transfer?.confirmation ? (
        <section className="stack form-narrow" aria-labelledby="code-title">
          <h2 id="code-title" className="section-title" ref={stepHeading} tabIndex={-1}>
            {t('transfer.codeSummary')}
          </h2>
          <div className="review-card">
            <p className="review-card__amount">
              <Money amountMinor={transfer.amountMinor} currency={transfer.currency} />
            </p>
            <Facts
              rows={[
                { label: t('transfer.reviewPayee'), value: <span className="review-card__payee">{transfer.payee}</span>, strong: true },
                {
                  label: t('transfer.reviewFee'),
                  value:
                    transfer.feeMinor > 0 ? (
                      <Money amountMinor={transfer.feeMinor} currency={transfer.currency} />
                    ) : (
                      t('transfer.reviewFeeNone')
                    ),
                },
                {
                  label: t('transfer.reviewTotal'),
                  value: <Money amountMinor={transfer.amountMinor + transfer.feeMinor} currency={transfer.currency} />,
                  strong: true,
                },
              ]}
            />
          </div>
          <CodeStep
            intro={t('transfer.codeIntro')}
            resendAvailableAt={transfer.confirmation.resendAvailableAt}
            onSubmit={confirm}
            onResend={resend}
            onBack={startOver}
            backLabel={t('transfer.cancel')}
            submitLabel={t('transfer.codeSubmit')}
          />
        </section>
      ) : null}

      {step === 'result' && transfer ? <ResultView transfer={transfer} onAnother={startOver} /> : null}
    </div>
  );
}

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

/** The options of an account select: name and available balance. */
function AccountOptions({ accounts }: { accounts: readonly Account[] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const accountName = useAccountName();
  return accounts.map((account) => (
    <option key={account.id} value={account.id}>
      {t('transfer.accountOption', { name: accountName(account), balance: formatMoney(account.availableMinor, account.currency, locale) })}
    </option>
  ));
}
