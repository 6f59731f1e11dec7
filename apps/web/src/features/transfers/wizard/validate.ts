import type { TransferKind } from '../../../api/enums';
import { useTranslation } from '../../../i18n';
import { minorUnitDigits } from '../../../lib/format';
import { checkIban, isThisBankIban } from '../../../money/iban';
import type { Account, AmountParse } from '../../../money/model';
import { looksLikePhone } from '../../auth/PhoneStep';
import { checkCardNumber } from './card-number';
import type { FormErrors, TransferForm } from './wizard-model';

const TAX_ID_PATTERN = /^\d{12}$/;

/**
 * The details step's checks in the browser, before anything is asked of the bank: what a
 * mistake looks like is said under its field. The bank checks everything again.
 */
export function useDetailsCheck(
  kind: TransferKind,
  input: { form: TransferForm; source: Account | null; destination: Account | null; parsed: AmountParse | null; bankCode: string | null },
) {
  const { t } = useTranslation();
  return (): FormErrors => {
    const { form, source, parsed } = input;
    const errors: FormErrors = {};
    if (!source) errors.sourceAccountId = t('transfer.noAccounts');
    if (kind === 'own' && !input.destination) errors.destinationAccountId = t('transfer.needTwoAccounts');
    if (kind === 'phone' && !looksLikePhone(form.payeePhone)) errors.payeePhone = t('transfer.payeePhoneInvalid');
    if (kind === 'iban') Object.assign(errors, ibanErrors(form, input.bankCode, t));
    if (kind === 'card-number') {
      const check = checkCardNumber(form.cardNumber, { complete: true });
      if (check !== 'ok')
        errors.cardNumber = {
          empty: t('cardTransfer.cardNumberEmpty'),
          typing: t('cardTransfer.cardNumberShort'),
          short: t('cardTransfer.cardNumberShort'),
          wrong: t('cardTransfer.cardNumberWrong'),
        }[check];
    }
    if (source && parsed && !parsed.ok) {
      errors.amountText = {
        empty: t('transfer.amountEmpty'),
        invalid: t('transfer.amountInvalid'),
        decimals: t('transfer.amountDecimals', { digits: minorUnitDigits(source.currency) }),
        zero: t('transfer.amountZero'),
        tooLarge: t('transfer.amountTooLarge'),
      }[parsed.reason];
    }
    return errors;
  };
}

function ibanErrors(form: TransferForm, bankCode: string | null, t: ReturnType<typeof useTranslation>['t']): FormErrors {
  const check = checkIban(form.payeeIban, { complete: true });
  if (check !== 'ok') {
    const message = {
      checksum: t('transfer.ibanChecksum'),
      length: t('transfer.ibanLength'),
      empty: t('transfer.ibanEmpty'),
      incomplete: t('transfer.ibanLength'),
      format: t('transfer.payeeIbanInvalid'),
    }[check];
    return { payeeIban: message };
  }
  // Another bank's payment order needs the payee's name, IIN/BIN and purpose code.
  if (bankCode !== null && isThisBankIban(form.payeeIban, bankCode)) return {};
  const errors: FormErrors = {};
  if (form.payeeName.trim().length < 2) errors.payeeName = t('transfer.payeeNameInvalid');
  if (!TAX_ID_PATTERN.test(form.payeeTaxId)) errors.payeeTaxId = t('transfer.payeeTaxIdInvalid');
  if (form.purposeCode === '') errors.purposeCode = t('transfer.purposeRequired');
  return errors;
}
