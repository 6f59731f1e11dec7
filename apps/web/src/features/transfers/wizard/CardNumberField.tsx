import { useTranslation } from '../../../i18n';
import { TextField } from '../../../ui';
import { CARD_DIGITS_MAX, checkCardNumber, groupCardNumber } from './card-number';

/** Digits and the spaces between groups of four. */
const GROUPED_LENGTH_MAX = CARD_DIGITS_MAX + Math.floor(CARD_DIGITS_MAX / 4);

interface CardNumberFieldProps {
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
}

/**
 * The recipient's card number, grouped 4-4-4-4 as typed, its Luhn digit checked live: a typing
 * mistake shows under the field before anything is asked of the bank. autocomplete is off (it is
 * someone else's card, and a browser must not offer to save it as the customer's).
 */
export function CardNumberField({ value, error, onChange }: CardNumberFieldProps) {
  const { t } = useTranslation();
  const check = checkCardNumber(value);
  const live = check === 'wrong' ? t('cardTransfer.cardNumberWrong') : null;
  return (
    <>
      <TextField
        label={t('cardTransfer.cardNumber')}
        hint={t('cardTransfer.cardNumberHint')}
        name="cardNumber"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        className="field--mono"
        maxLength={GROUPED_LENGTH_MAX}
        value={value}
        error={error ?? live}
        onChange={(event) => onChange(groupCardNumber(event.target.value))}
      />
      {check === 'ok' && !error ? (
        <p className="wizard-note wizard-note--ok" aria-live="polite">
          {t('cardTransfer.cardNumberOk')}
        </p>
      ) : null}
    </>
  );
}
