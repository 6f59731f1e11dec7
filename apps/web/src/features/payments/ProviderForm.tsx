import type { FormEvent } from 'react';
import type { Language } from '../../api/enums';
import { problemCode } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { AmountField, PayeePhoneField } from '../../money/fields';
import type { Account } from '../../money/model';
import { Alert, Button, ErrorAlert, SelectField, TextField } from '../../ui';
import { AccountOptions } from '../transfers/wizard/AccountOptions';
import { WizardFooter } from '../transfers/wizard/WizardFooter';
import { BillLines } from './BillLines';
import { CARD_SOURCE } from './card-source';
import type { PayState } from './pay-state';
import { fieldInputMode, localized, needsCheck, PROVIDER_UNAVAILABLE, type ProviderField, type ProviderView } from './payment-model';

/** Room for the spaces a customer types between digit groups: a bound on the input, not a rule. */
const TYPED_SPACES_MAX = 8;

export interface ProviderFormHandlers {
  onField: (name: string, value: string) => void;
  /** Unused where nothing is paid from an account (a guest pays by card, features/guest-pay). */
  onSource: (accountId: string) => void;
  onAmount: (value: string) => void;
  onLineToggle: (id: string, chosen: boolean) => void;
  onLineEdit: (id: string, value: string) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  onRetry: () => void;
}

/** One field from the provider's definition: its label, hint and keyboard; the app's +7 mask for phones. */
export function DefinedField({
  field,
  value,
  error,
  language,
  onChange,
}: {
  field: ProviderField;
  value: string;
  error: string | undefined;
  language: Language;
  onChange: (value: string) => void;
}) {
  const label = localized(field.label, language);
  const hint = field.hint ? localized(field.hint, language) : undefined;
  if (field.kind === 'phone')
    return <PayeePhoneField label={label} hint={hint} name={field.name} value={value} error={error} onChange={onChange} />;
  return (
    <TextField
      label={label}
      hint={hint}
      name={field.name}
      inputMode={fieldInputMode(field)}
      autoComplete="off"
      spellCheck={false}
      maxLength={field.maxLength + TYPED_SPACES_MAX}
      className={field.kind === 'text' ? undefined : 'field--mono'}
      value={value}
      error={error}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** "From 100 ₸ to 100 000 ₸" under the amount, from the provider's rule. */
function amountHint(provider: ProviderView, t: ReturnType<typeof useTranslation>['t'], locale: string): string {
  const { minMinor, maxMinor } = provider.amountRule;
  return t('payments.amountRange', {
    min: formatMoney(minMinor, provider.currency, locale),
    max: formatMoney(maxMinor, provider.currency, locale),
  });
}

function amountError(reason: string | undefined, provider: ProviderView, t: ReturnType<typeof useTranslation>['t'], locale: string) {
  if (!reason) return null;
  if (reason === 'invalid') return t('payments.amountInvalid');
  if (reason === 'below') return t('payments.amountBelow', { min: formatMoney(provider.amountRule.minMinor, provider.currency, locale) });
  if (reason === 'above') return t('payments.amountAbove', { max: formatMoney(provider.amountRule.maxMinor, provider.currency, locale) });
  return reason;
}

/**
 * The provider's form (issue 16 item 7): the fields its definition lists, the account to pay
 * from, then what the provider answered (the holder, warnings that do not block, the bill's
 * lines) and the amount. The first button asks the provider ("Check"); once it has answered,
 * the same place says "Next" and leads to the review with the fee.
 */
export function ProviderForm({
  provider,
  state,
  accounts,
  byCard = false,
  language,
  locale,
  handlers,
}: {
  provider: ProviderView;
  state: Pick<PayState, 'values' | 'errors' | 'check' | 'lineChoices' | 'amountText' | 'sourceAccountId' | 'busy' | 'failure'>;
  /** The accounts to pay from; null for a guest, who pays by card and chooses no account. */
  accounts: readonly Account[] | null;
  /** Whether "By card" sits beside the accounts: a customer with an active Kassa card (card-source.ts). */
  byCard?: boolean;
  language: Language;
  locale: string;
  handlers: ProviderFormHandlers;
}) {
  const { t } = useTranslation();
  const { check, errors } = state;
  const checkFirst = needsCheck(provider) && check === null;
  const bill = check?.bill ?? null;
  // A fetched bill's lines make the amount; the other modes take the amount typed.
  const showAmount = provider.mode !== 'fetch';
  const unavailable = state.failure !== null && problemCode(state.failure) === PROVIDER_UNAVAILABLE;
  const cardChosen = byCard && state.sourceAccountId === CARD_SOURCE;
  return (
    <form className="wizard-screen stack pay-form" onSubmit={handlers.onSubmit} noValidate>
      <div className="stack wizard-screen__body">
        {provider.fields.map((field) => (
          <DefinedField
            key={field.name}
            field={field}
            value={state.values[field.name] ?? ''}
            error={errors[field.name]}
            language={language}
            onChange={(value) => handlers.onField(field.name, value)}
          />
        ))}
        {accounts ? (
          <SelectField
            label={byCard ? t('payments.fromOrCard') : t('payments.from')}
            name="sourceAccountId"
            value={state.sourceAccountId}
            onChange={(event) => handlers.onSource(event.target.value)}
          >
            <AccountOptions accounts={accounts} />
            {byCard ? <option value={CARD_SOURCE}>{t('payments.byCard')}</option> : null}
          </SelectField>
        ) : null}
        {cardChosen ? (
          <Alert tone="info" live={false}>
            <p>{t('payments.byCardNote')}</p>
          </Alert>
        ) : null}
        {check?.holderName ? (
          <Alert tone="success" title={t('payments.holder')}>
            <p className="pay-form__holder">{check.holderName}</p>
          </Alert>
        ) : check?.checkId && !bill ? (
          <Alert tone="success">{t('payments.checked')}</Alert>
        ) : null}
        {check && check.warnings.length > 0 ? (
          <Alert tone="warning" title={t('payments.warningsTitle')}>
            {check.warnings.map((warning) => (
              <p key={`${warning.field}-${warning.code}`}>{warning.message}</p>
            ))}
            <p>{t('payments.warningsText')}</p>
          </Alert>
        ) : null}
        {bill ? (
          <BillLines
            bill={bill}
            choices={state.lineChoices}
            rule={provider.amountRule}
            currency={provider.currency}
            errors={errors}
            language={language}
            onToggle={handlers.onLineToggle}
            onEdit={handlers.onLineEdit}
          />
        ) : null}
        {showAmount ? (
          <AmountField
            label={provider.currency === 'KZT' ? t('payments.amount') : t('payments.amountCurrency', { currency: provider.currency })}
            hint={amountHint(provider, t, locale)}
            name="amount"
            value={state.amountText}
            error={amountError(errors.amount, provider, t, locale)}
            onChange={handlers.onAmount}
          />
        ) : null}
        {unavailable ? (
          <Alert
            tone="error"
            title={t('payments.unavailableTitle')}
            action={
              <Button variant="secondary" onClick={handlers.onRetry}>
                {t('payments.tryAgain')}
              </Button>
            }
          >
            <p>{t('payments.unavailableText')}</p>
          </Alert>
        ) : state.failure ? (
          <ErrorAlert failure={state.failure} />
        ) : null}
      </div>
      <WizardFooter>
        <Button type="submit" variant="primary" loading={state.busy}>
          {cardChosen ? t('payments.continueByCard') : checkFirst ? t('payments.check') : t('payments.next')}
        </Button>
      </WizardFooter>
    </form>
  );
}
