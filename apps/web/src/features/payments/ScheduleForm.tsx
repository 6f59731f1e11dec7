import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { Language } from '../../api/enums';
import type { ApiFailure } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { AmountField } from '../../money/fields';
import { type Account, addDays } from '../../money/model';
import { Alert, Button, ErrorAlert, SelectField, TextField } from '../../ui';
import { AccountOptions } from '../transfers/wizard/AccountOptions';
import { WizardFooter } from '../transfers/wizard/WizardFooter';
import { DefinedField } from './ProviderForm';
import type { FormErrors, ProviderView } from './payment-model';
import { DAY_OF_MONTH_MAX, type Frequency, ONCE_AHEAD_DAYS_MAX, SAVED_NAME_LENGTH_MAX, type ScheduleDraft } from './saved-model';

export interface ScheduleFormHandlers {
  onName: (value: string) => void;
  onField: (name: string, value: string) => void;
  onAmount: (value: string) => void;
  onSource: (accountId: string) => void;
  onFrequency: (frequency: Frequency) => void;
  onRunOn: (value: string) => void;
  onDayOfMonth: (value: string) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/** The amount's words under the field: a reason found here, or the server's sentence as it came. */
function amountMessage(reason: string | undefined, provider: ProviderView, t: ReturnType<typeof useTranslation>['t'], locale: string) {
  if (!reason) return null;
  const money = (minor: number) => formatMoney(minor, provider.currency, locale);
  if (reason === 'invalid') return t('payments.amountInvalid');
  if (reason === 'below') return t('payments.amountBelow', { min: money(provider.amountRule.minMinor) });
  if (reason === 'above') return t('payments.amountAbove', { max: money(provider.amountRule.maxMinor) });
  return reason;
}

/**
 * A bill that changes monthly is not scheduled (the bank's rule, schedules.ts): the form gives
 * way to why, and to what to do instead (pay it, save it as a favourite with the reminder).
 */
export function ScheduleNotOffered({ providerId, detail }: { providerId: string; detail: string | null }) {
  const { t } = useTranslation();
  return (
    <Alert tone="info" title={t('paymentsSaved.formFetch')}>
      <p>{detail ?? t('paymentsSaved.formFetchText')}</p>
      <p>
        <Link to={`/payments/${providerId}`}>{t('paymentsSaved.formFetchPay')}</Link>
      </p>
    </Alert>
  );
}

/**
 * The schedule's terms (issue 16 item 4): a name, the provider's fields, the amount, the account
 * to pay from, and once on a date (from tomorrow) or monthly on a day 1–28. "Get the code" sends
 * it; the code names all of it, and only then is anything scheduled.
 */
export function ScheduleForm({
  provider,
  draft,
  errors,
  accounts,
  failure,
  busy,
  today,
  language,
  locale,
  handlers,
}: {
  provider: ProviderView;
  draft: ScheduleDraft;
  errors: FormErrors;
  accounts: readonly Account[];
  failure: ApiFailure | null;
  busy: boolean;
  /** Today in the bank's zone (YYYY-MM-DD): the date picker starts tomorrow. */
  today: string;
  language: Language;
  locale: string;
  handlers: ScheduleFormHandlers;
}) {
  const { t } = useTranslation();
  if (provider.mode === 'fetch' || errors.provider) return <ScheduleNotOffered providerId={provider.id} detail={errors.provider ?? null} />;
  const { minMinor, maxMinor } = provider.amountRule;
  return (
    <form className="wizard-screen stack pay-form" onSubmit={handlers.onSubmit} noValidate>
      <div className="stack wizard-screen__body">
        <TextField
          label={t('paymentsSaved.formName')}
          name="scheduleName"
          maxLength={SAVED_NAME_LENGTH_MAX}
          autoComplete="off"
          value={draft.name}
          error={errors.name}
          onChange={(event) => handlers.onName(event.target.value)}
        />
        {provider.fields.map((field) => (
          <DefinedField
            key={field.name}
            field={field}
            value={draft.values[field.name] ?? ''}
            error={errors[field.name]}
            language={language}
            onChange={(value) => handlers.onField(field.name, value)}
          />
        ))}
        <AmountField
          label={provider.currency === 'KZT' ? t('payments.amount') : t('payments.amountCurrency', { currency: provider.currency })}
          hint={t('payments.amountRange', {
            min: formatMoney(minMinor, provider.currency, locale),
            max: formatMoney(maxMinor, provider.currency, locale),
          })}
          name="amount"
          value={draft.amountText}
          error={amountMessage(errors.amount, provider, t, locale)}
          onChange={handlers.onAmount}
        />
        <SelectField
          label={t('payments.from')}
          name="sourceAccountId"
          value={draft.sourceAccountId}
          error={errors.sourceAccountId}
          onChange={(event) => handlers.onSource(event.target.value)}
        >
          <AccountOptions accounts={accounts} />
        </SelectField>
        <fieldset className="schedule-frequency">
          <legend>{t('paymentsSaved.formFrequency')}</legend>
          {(['monthly', 'once'] as const).map((frequency) => (
            <label key={frequency}>
              <input
                type="radio"
                name="frequency"
                value={frequency}
                checked={draft.frequency === frequency}
                onChange={() => handlers.onFrequency(frequency)}
              />
              {frequency === 'monthly' ? t('paymentsSaved.formMonthly') : t('paymentsSaved.formOnce')}
            </label>
          ))}
        </fieldset>
        {draft.frequency === 'monthly' ? (
          <TextField
            label={t('paymentsSaved.formDay')}
            hint={t('paymentsSaved.formDayHint')}
            name="dayOfMonth"
            type="number"
            inputMode="numeric"
            min={1}
            max={DAY_OF_MONTH_MAX}
            value={draft.dayOfMonth}
            error={errors.dayOfMonth}
            onChange={(event) => handlers.onDayOfMonth(event.target.value)}
          />
        ) : (
          <TextField
            label={t('paymentsSaved.formDate')}
            hint={t('paymentsSaved.formDateHint')}
            name="runOn"
            type="date"
            min={addDays(today, 1)}
            max={addDays(today, ONCE_AHEAD_DAYS_MAX)}
            value={draft.runOn}
            error={errors.runOn}
            onChange={(event) => handlers.onRunOn(event.target.value)}
          />
        )}
        {failure ? <ErrorAlert failure={failure} /> : null}
      </div>
      <WizardFooter>
        <Button type="submit" variant="primary" loading={busy}>
          {t('paymentsSaved.formSubmit')}
        </Button>
      </WizardFooter>
    </form>
  );
}
