import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { isOpenableCurrency } from '../../api/enums';
import { type ApiFailure, callApi, NETWORK_FAILURE } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Facts } from '../../money/components';
import { type Account, addDays, todayInBankZone } from '../../money/model';
import { ButtonLink, EmptyState, ErrorAlert, LoadingState, Money, PageHeader, Steps, SuccessIcon, WalletIcon } from '../../ui';
import { CodeStep, type ResendOutcome } from '../auth/CodeStep';
import { WizardFooter } from '../transfers/wizard/WizardFooter';
import { ProviderLogo } from './ProviderLogo';
import { amountVerdict, emptyFieldErrors, type FormErrors, fieldValuesForApi, localized, type ProviderView } from './payment-model';
import { ScheduleForm } from './ScheduleForm';
import { bankDayText, scheduleWhen } from './SchedulesPage';
import {
  defaultDayOfMonth,
  prefilledAmountText,
  prefilledFieldValues,
  readDayOfMonth,
  SAVED_NAME_LENGTH_MAX,
  type SavedPrefill,
  type Schedule,
  type ScheduleBody,
  type ScheduleDraft,
  savedPrefillOf,
  scheduleDraftErrors,
  scheduleErrorsOf,
} from './saved-model';
import '../transfers/transfers.css';
import { useProviderAndAccounts } from './useProviderAndAccounts';
import './payments.css';
import './saved.css';

type Confirmation = { expiresAt: string; resendAvailableAt: string };

function initialDraft(provider: ProviderView, prefill: SavedPrefill | null, sourceAccountId: string, today: string): ScheduleDraft {
  return {
    name: '',
    values: prefilledFieldValues(provider.fields, prefill),
    amountText: prefilledAmountText(prefill, provider.currency),
    sourceAccountId,
    frequency: 'monthly',
    runOn: addDays(today, 1),
    dayOfMonth: defaultDayOfMonth(today),
  };
}

/** Everything the form can say before asking the bank: empty fields, the amount's range, the date. */
function draftErrors(
  provider: ProviderView,
  draft: ScheduleDraft,
  today: string,
  t: ReturnType<typeof useTranslation>['t'],
  language: ReturnType<typeof useLocale>['language'],
): FormErrors {
  const errors: FormErrors = {
    ...emptyFieldErrors(provider.fields, draft.values, (label) => t('payments.fieldRequired', { label }), language),
    ...scheduleDraftErrors(draft, today, {
      name: t('paymentsSaved.saveNameRequired'),
      runOn: t('paymentsSaved.formDateInvalid'),
      dayOfMonth: t('paymentsSaved.formDayInvalid'),
    }),
  };
  const verdict = amountVerdict(draft.amountText, provider.amountRule, provider.currency);
  if (!verdict.ok) errors.amount = verdict.reason;
  return errors;
}

function scheduleBody(provider: ProviderView, draft: ScheduleDraft, source: Account): ScheduleBody | null {
  const verdict = amountVerdict(draft.amountText, provider.amountRule, provider.currency);
  if (!verdict.ok || !isOpenableCurrency(source.currency)) return null;
  const day = readDayOfMonth(draft.dayOfMonth);
  return {
    providerId: provider.id,
    name: draft.name.trim(),
    fields: fieldValuesForApi(provider.fields, draft.values),
    amountMinor: Number(verdict.amountMinor),
    currency: source.currency,
    sourceAccountId: source.id,
    frequency: draft.frequency,
    ...(draft.frequency === 'once' ? { runOn: draft.runOn } : day !== null ? { dayOfMonth: day } : {}),
  };
}

/** The schedule once its code passed: its terms and the first day it runs. */
function ScheduleDone({ schedule }: { schedule: Schedule }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const next = schedule.nextRunOn ? bankDayText(schedule.nextRunOn, locale) : '';
  return (
    <div className="wizard-screen">
      <div className="result result--success wizard-screen__body" data-schedule-status={schedule.status}>
        <span className="result__icon">
          <SuccessIcon />
        </span>
        <h2 className="result__title" ref={headingRef} tabIndex={-1}>
          {t('paymentsSaved.doneTitle')}
        </h2>
        <p className="result__amount">
          <Money amountMinor={schedule.amountMinor} currency={schedule.currency} />
        </p>
        <p className="result__payee">{schedule.name}</p>
        <p className="muted">{t('paymentsSaved.doneText', { date: next })}</p>
        <Facts
          rows={[
            { label: t('payments.detailsAccount'), value: <span className="mono">{schedule.accountLabel}</span> },
            { label: t('paymentsSaved.formFrequency'), value: scheduleWhen(schedule, t, locale) },
            schedule.nextRunOn ? { label: t('paymentsSaved.nextRun'), value: next } : null,
          ]}
        />
      </div>
      <WizardFooter>
        <ButtonLink to="/payments/schedules" variant="primary">
          {t('paymentsSaved.toSchedules')}
        </ButtonLink>
        <ButtonLink to="/payments" variant="secondary">
          {t('payments.allPayments')}
        </ButtonLink>
      </WizardFooter>
    </div>
  );
}

/** form → code (the SMS names the provider, account, amount and schedule) → done; the code's "back" cancels the unconfirmed schedule. */
function ScheduleFlow({ provider, accounts, prefill }: { provider: ProviderView; accounts: Account[]; prefill: SavedPrefill | null }) {
  const { t } = useTranslation();
  const { language, locale } = useLocale();
  const today = todayInBankZone();
  const usable = accounts.filter((account) => account.status === 'active' && account.currency === provider.currency);
  const firstSource = usable.find((account) => account.id === prefill?.sourceAccountId)?.id ?? usable[0]?.id ?? '';
  const [draft, setDraft] = useState(() => ({
    ...initialDraft(provider, prefill, firstSource, today),
    name: localized(provider.name, language).slice(0, SAVED_NAME_LENGTH_MAX),
  }));
  const [errors, setErrors] = useState<FormErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ schedule: Schedule; confirmation: Confirmation } | null>(null);
  const [done, setDone] = useState<Schedule | null>(null);
  const codeHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (pending) codeHeading.current?.focus();
  }, [pending]);

  if (usable.length === 0) return <EmptyState icon={<WalletIcon />} title={t('payments.noAccounts', { currency: provider.currency })} />;

  function edit(change: Partial<ScheduleDraft>, part: string) {
    setDraft((current) => ({ ...current, ...change }));
    setErrors(({ [part]: _dropped, ...rest }) => rest);
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = draftErrors(provider, draft, today, t, language);
    const source = usable.find((account) => account.id === draft.sourceAccountId);
    const body = source ? scheduleBody(provider, draft, source) : null;
    if (Object.keys(found).length > 0 || !body) {
      setErrors(found);
      const first = Object.keys(found)[0] === 'name' ? 'scheduleName' : Object.keys(found)[0];
      if (first) document.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/v1/payments/schedules', { body }));
    setBusy(false);
    if (result.ok) return setPending(result.data);
    if (result.aborted) return;
    const pointed = scheduleErrorsOf(result.failure, provider.fields);
    setErrors(pointed);
    // A refusal not tied to a field (too many schedules, limits) stays above the button.
    setFailure(Object.keys(pointed).length > 0 ? null : result.failure);
  }

  async function confirm(code: string): Promise<ApiFailure | null> {
    if (!pending) return null;
    const result = await callApi(() =>
      api.POST('/api/v1/payments/schedules/{scheduleId}/confirm', {
        params: { path: { scheduleId: pending.schedule.id } },
        body: { code },
      }),
    );
    if (result.ok) {
      setDone(result.data);
      return null;
    }
    return result.aborted ? null : result.failure;
  }

  async function resend(): Promise<ResendOutcome> {
    if (!pending) return { ok: false, failure: NETWORK_FAILURE };
    const result = await callApi(() =>
      api.POST('/api/v1/payments/schedules/{scheduleId}/resend', { params: { path: { scheduleId: pending.schedule.id } } }),
    );
    if (result.ok) {
      setPending(result.data);
      return { ok: true, resendAvailableAt: result.data.confirmation.resendAvailableAt };
    }
    return { ok: false, failure: result.aborted ? NETWORK_FAILURE : result.failure };
  }

  /** "Do not set it up": the unconfirmed schedule is cancelled at the bank, so its code stops working. */
  async function back() {
    if (pending)
      await callApi(() =>
        api.POST('/api/v1/payments/schedules/{scheduleId}/cancel', { params: { path: { scheduleId: pending.schedule.id } } }),
      );
    setPending(null);
  }

  const step = done ? 2 : pending ? 1 : 0;
  return (
    <div className="wizard stack">
      <Steps labels={[t('paymentsSaved.stepForm'), t('paymentsSaved.stepCode'), t('paymentsSaved.stepDone')]} current={step} />
      {step === 0 ? (
        <ScheduleForm
          provider={provider}
          draft={draft}
          errors={errors}
          accounts={usable}
          failure={failure}
          busy={busy}
          today={today}
          language={language}
          locale={locale}
          handlers={{
            onName: (name) => edit({ name }, 'name'),
            onField: (name, value) => edit({ values: { ...draft.values, [name]: value } }, name),
            onAmount: (amountText) => edit({ amountText }, 'amount'),
            onSource: (sourceAccountId) => edit({ sourceAccountId }, 'sourceAccountId'),
            onFrequency: (frequency) => edit({ frequency }, frequency === 'once' ? 'runOn' : 'dayOfMonth'),
            onRunOn: (runOn) => edit({ runOn }, 'runOn'),
            onDayOfMonth: (dayOfMonth) => edit({ dayOfMonth }, 'dayOfMonth'),
            onSubmit: (event) => void submit(event),
          }}
        />
      ) : null}
      {step === 1 && pending ? (
        <section className="wizard-screen stack" aria-labelledby="schedule-code-title">
          <h2 id="schedule-code-title" className="section-title" ref={codeHeading} tabIndex={-1}>
            {t('paymentsSaved.codeSummary')}
          </h2>
          <div className="review-card review-card--compact">
            <p className="review-card__payee">{pending.schedule.name}</p>
            <p className="review-card__amount">
              <Money amountMinor={pending.schedule.amountMinor} currency={pending.schedule.currency} />
            </p>
            <Facts
              rows={[
                { label: t('payments.detailsAccount'), value: <span className="mono">{pending.schedule.accountLabel}</span> },
                { label: t('paymentsSaved.formFrequency'), value: scheduleWhen(pending.schedule, t, locale) },
              ]}
            />
          </div>
          <CodeStep
            intro={t('paymentsSaved.codeIntro')}
            resendAvailableAt={pending.confirmation.resendAvailableAt}
            onSubmit={confirm}
            onResend={resend}
            onBack={() => void back()}
            backLabel={t('paymentsSaved.codeBack')}
            submitLabel={t('paymentsSaved.codeSubmit')}
            usedUpHint={t('paymentsSaved.codeUsedUp')}
          />
        </section>
      ) : null}
      {done ? <ScheduleDone schedule={done} /> : null}
    </div>
  );
}

/**
 * A new scheduled payment (/payments/{providerId}/schedule): from a payment's "Make it regular"
 * (the route's state brings its fields, amount and account) or from the provider's page.
 */
export function SchedulePage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { providerId = '' } = useParams();
  const location = useLocation();
  const prefill = savedPrefillOf(location.state);
  const { providerState, reload, accountsState, reloadAccounts, provider } = useProviderAndAccounts(providerId);
  const title = provider ? t('paymentsSaved.formTitle', { provider: localized(provider.name, language) }) : t('paymentsSaved.scheduleNew');
  usePageTitle(title);
  return (
    <div className="page payments-page">
      <p>
        <Link to="/payments/schedules">← {t('paymentsSaved.schedulesTitle')}</Link>
      </p>
      {providerState.status === 'loading' || accountsState.status === 'loading' ? <LoadingState /> : null}
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
              <span>{title}</span>
            </span>
          }
          lead={t('paymentsSaved.schedulesLead')}
        />
      ) : null}
      {provider && accountsState.status === 'ready' ? (
        <ScheduleFlow key={provider.id} provider={provider} accounts={accountsState.data.items} prefill={prefill} />
      ) : null}
    </div>
  );
}
