import type { FormEvent } from 'react';
import { Link } from 'react-router-dom';
import type { TransferKind } from '../../../api/enums';
import type { ApiFailure } from '../../../api/problem';
import { useLocale, useTranslation } from '../../../i18n';
import { formatMoney } from '../../../lib/format';
import { AmountField, IbanField, PayeePhoneField } from '../../../money/fields';
import { checkIban, isThisBankIban } from '../../../money/iban';
import type { Account } from '../../../money/model';
import { Alert, Button, ButtonLink, ErrorAlert, SelectField, TextField } from '../../../ui';

import { AccountOptions } from './AccountOptions';
import { CardNumberField } from './CardNumberField';
import { WizardFooter } from './WizardFooter';
import type { FormErrors, TransferForm } from './wizard-model';

const DESCRIPTION_LENGTH_MAX = 140;
const PAYEE_NAME_LENGTH_MAX = 120;
const TAX_ID_LENGTH = 12;
/** The purpose codes offered for a transfer to another bank (the common ones for individuals). */
const PURPOSE_CODES = ['342', '119'] as const;

interface DetailsStepProps {
  kind: TransferKind;
  form: TransferForm;
  errors: FormErrors;
  failure: ApiFailure | null;
  usable: Account[];
  destinations: Account[];
  source: Account | null;
  amountMinor: bigint | null;
  /** This bank's code in a KZ IBAN, once the fee schedule is loaded: another bank's IBAN needs more. */
  bankCode: string | null;
  /** The fee to another bank in the source's currency, when known. */
  otherBankFee: bigint | null;
  /** The payee is being looked up: the button waits. */
  busy: boolean;
  /** The last refusal said the payee is the customer: offer a transfer between own accounts. */
  suggestOwn: boolean;
  update: (name: keyof TransferForm, value: string) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}

/** The first step: from which account, to whom, how much. Checked in the browser before the review. */
export function DetailsStep(props: DetailsStepProps) {
  const { kind, form, errors, failure, source, amountMinor, update } = props;
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <form className="wizard-screen" onSubmit={props.onSubmit} noValidate>
      <div className="wizard-screen__body stack">
        {failure ? <ErrorAlert failure={failure} /> : null}
        <SelectField
          label={t('transfer.from')}
          name="sourceAccountId"
          value={form.sourceAccountId}
          error={errors.sourceAccountId}
          onChange={(event) => update('sourceAccountId', event.target.value)}
        >
          <AccountOptions accounts={props.usable} />
        </SelectField>
        {kind === 'own' ? <OwnDestination {...props} /> : null}
        {kind === 'phone' ? (
          <PayeePhoneField
            label={t('transfer.payeePhone')}
            hint={t('transfer.payeePhoneHint')}
            name="payeePhone"
            value={form.payeePhone}
            error={errors.payeePhone}
            onChange={(value) => update('payeePhone', value)}
          />
        ) : null}
        {kind === 'iban' ? <IbanPayee {...props} /> : null}
        {kind === 'card-number' ? (
          <CardNumberField value={form.cardNumber} error={errors.cardNumber} onChange={(value) => update('cardNumber', value)} />
        ) : null}
        {props.suggestOwn ? (
          <p className="wizard-note">
            <Link to="/transfers/own">{t('transfer.ownInstead')}</Link>
          </p>
        ) : null}
        <AmountField
          label={source ? `${t('transfer.amount')}, ${source.currency}` : t('transfer.amount')}
          hint={source ? t('transfer.amountHint', { available: formatMoney(source.availableMinor, source.currency, locale) }) : undefined}
          name="amountText"
          value={form.amountText}
          error={errors.amountText}
          onChange={(value) => update('amountText', value)}
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
      </div>
      <WizardFooter>
        <Button type="submit" variant="primary" loading={props.busy} disabled={kind === 'own' && props.destinations.length === 0}>
          {t('transfer.continue')}
        </Button>
        <ButtonLink to="/transfers" variant="secondary">
          {t('transfer.back')}
        </ButtonLink>
      </WizardFooter>
    </form>
  );
}

function OwnDestination({ form, errors, destinations, source, update }: DetailsStepProps) {
  const { t } = useTranslation();
  if (destinations.length === 0) {
    return (
      <Alert tone="info" live={false} title={t('transfer.noSameCurrency', { currency: source?.currency ?? '' })}>
        <p>
          {t('transfer.needTwoAccounts')} <Link to="/">{t('transfer.openAccountLink')}</Link>
        </p>
      </Alert>
    );
  }
  return (
    <SelectField
      label={t('transfer.to')}
      name="destinationAccountId"
      value={form.destinationAccountId}
      error={errors.destinationAccountId}
      onChange={(event) => update('destinationAccountId', event.target.value)}
    >
      <AccountOptions accounts={destinations} />
    </SelectField>
  );
}

/**
 * The IBAN, and for another bank what its payment order needs: the name, IIN/BIN and purpose
 * code. Inside this bank the IBAN is enough, so those fields show only once the IBAN is complete
 * and names another bank (or while the bank's code is not known yet).
 */
function IbanPayee({ form, errors, source, bankCode, otherBankFee, update }: DetailsStepProps) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const complete = checkIban(form.payeeIban) === 'ok';
  const otherBank = complete && (bankCode === null || !isThisBankIban(form.payeeIban, bankCode));
  return (
    <>
      <IbanField
        label={t('transfer.payeeIban')}
        hint={t('transfer.payeeIbanHint')}
        name="payeeIban"
        value={form.payeeIban}
        error={errors.payeeIban}
        onChange={(value) => update('payeeIban', value)}
      />
      {complete && !otherBank ? <p className="wizard-note wizard-note--ok">{t('transfer.ibanThisBank')}</p> : null}
      {otherBank ? (
        <>
          <Alert tone="info" live={false}>
            <p>
              {otherBankFee !== null && source
                ? t('transfer.otherBankFeeNote', { fee: formatMoney(otherBankFee, source.currency, locale) })
                : t('transfer.otherBankNote')}
            </p>
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
            value={form.payeeTaxId}
            error={errors.payeeTaxId}
            onChange={(event) => update('payeeTaxId', event.target.value.replace(/\D/g, '').slice(0, TAX_ID_LENGTH))}
          />
          <SelectField
            label={t('transfer.purposeCode')}
            hint={t('transfer.purposeCodeHint')}
            name="purposeCode"
            value={form.purposeCode}
            error={errors.purposeCode}
            onChange={(event) => update('purposeCode', event.target.value)}
          >
            <option value="">{t('transfer.purposeChoose')}</option>
            {PURPOSE_CODES.map((code) => (
              <option key={code} value={code}>
                {t(`transfer.purpose_${code}`)}
              </option>
            ))}
          </SelectField>
        </>
      ) : null}
    </>
  );
}
