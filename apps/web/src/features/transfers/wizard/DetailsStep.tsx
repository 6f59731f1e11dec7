import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TransferKind } from '../../../api/enums';
import type { ApiFailure } from '../../../api/problem';
import { useLocale } from '../../../i18n';
import { formatMoney } from '../../../lib/format';
import { type Account, groupIban } from '../../../money/model';
import { Alert, Button, ButtonLink, ErrorAlert, SelectField, TextField } from '../../../ui';
import { formatPhoneInput } from '../../auth/PhoneStep';

import { AccountOptions } from './AccountOptions';
import type { FormErrors, TransferForm } from './wizard-model';

const DESCRIPTION_LENGTH_MAX = 140;
const PAYEE_NAME_LENGTH_MAX = 120;
/** The purpose codes offered for a transfer to another bank (the common ones for individuals). */
const PURPOSE_CODES = ['342', '119'] as const;

/** The first step: from which account, to whom, how much. Checked in the browser before the review. */
export function DetailsStep({
  kind,
  form,
  errors,
  failure,
  usable,
  destinations,
  source,
  amountMinor,
  update,
  onSubmit,
}: {
  kind: TransferKind;
  form: TransferForm;
  errors: FormErrors;
  failure: ApiFailure | null;
  usable: Account[];
  destinations: Account[];
  source: Account | null;
  amountMinor: bigint | null;
  update: <K extends keyof TransferForm>(name: K, value: TransferForm[K]) => void;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <form className="stack form-narrow" onSubmit={onSubmit} noValidate>
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
  );
}
