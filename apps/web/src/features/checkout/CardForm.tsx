import { type FormEvent, type RefObject, useRef, useState } from 'react';
import type { ApiFailure } from '../../api/problem';
import type { TFunction } from '../../i18n';
import { useLocale, useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { Button, ErrorAlert, ShieldIcon, TextField } from '../../ui';
import {
  brandOf,
  CARDHOLDER_LENGTH_MAX,
  CVC_DIGITS,
  cardholderValid,
  checkExpiry,
  checkPan,
  cvcDigits,
  cvcValid,
  EXPIRY_LENGTH,
  formatCardholder,
  formatExpiry,
  groupPan,
  PAN_GROUPED_LENGTH_MAX,
  panDigits,
} from './card-input';
import { type CardEntry, cardFieldErrors } from './checkout-api';

type Field = 'pan' | 'expiry' | 'cvc2' | 'cardholderName';
type FieldErrors = Partial<Record<Field, string>>;

const FOCUS_ORDER: readonly Field[] = ['pan', 'expiry', 'cvc2', 'cardholderName'];

interface Typed {
  pan: string;
  expiry: string;
  cvc: string;
  holder: string;
}

/**
 * What is wrong with the typed card. Before the first submit only what is already certain shows
 * (a whole number failing Luhn, an expiry in the past); after it, every missing field too.
 */
function validate(typed: Typed, submitted: boolean, t: TFunction): FieldErrors {
  const result: FieldErrors = {};
  const panCheck = checkPan(typed.pan, { submitted });
  if (panCheck === 'empty') result.pan = t('checkout.cardNumberEmpty');
  if (panCheck === 'short') result.pan = t('checkout.cardNumberShort');
  if (panCheck === 'wrong') result.pan = t('checkout.cardNumberWrong');
  const expiryCheck = checkExpiry(typed.expiry, new Date(), { submitted });
  if (expiryCheck.status === 'empty') result.expiry = t('checkout.expiryEmpty');
  if (expiryCheck.status === 'invalid') result.expiry = t('checkout.expiryInvalid');
  if (expiryCheck.status === 'expired') result.expiry = t('checkout.expiryExpired');
  if (submitted && !cvcValid(typed.cvc)) result.cvc2 = t('checkout.cvcInvalid');
  if (!cardholderValid(typed.holder)) result.cardholderName = t('checkout.cardholderInvalid');
  return result;
}

interface CardFormProps {
  amountMinor: bigint;
  currency: string;
  /** Sends the card; resolves to the failure to show, or null when the page moved on. */
  onPay: (card: CardEntry) => Promise<ApiFailure | null>;
}

/**
 * The card form of the hosted checkout. The browser may fill it (cc-number, cc-exp, cc-csc,
 * cc-name); what is typed stays in this component's state and goes only into the body of one
 * POST to the bank. method="post" keeps even a submit without script from putting it in a URL.
 */
export function CardForm({ amountMinor, currency, onPay }: CardFormProps) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [pan, setPan] = useState('');
  const [expiry, setExpiry] = useState('');
  const [cvc, setCvc] = useState('');
  const [holder, setHolder] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [paying, setPaying] = useState(false);
  const refs: Record<'pan' | 'expiry' | 'cvc2', RefObject<HTMLInputElement | null>> = {
    pan: useRef<HTMLInputElement>(null),
    expiry: useRef<HTMLInputElement>(null),
    cvc2: useRef<HTMLInputElement>(null),
  };

  const brand = brandOf(pan);
  const errors = validate({ pan, expiry, cvc, holder }, submitted, t);

  function errorOf(field: Field): string | null {
    return serverErrors[field] ?? errors[field] ?? null;
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    const expiryCheck = checkExpiry(expiry, new Date(), { submitted: true });
    const found = validate({ pan, expiry, cvc, holder }, true, t);
    const first = FOCUS_ORDER.find((field) => found[field]);
    if (first || expiryCheck.status !== 'ok') {
      if (first && first !== 'cardholderName') refs[first].current?.focus();
      return;
    }
    setPaying(true);
    setFailure(null);
    setServerErrors({});
    const name = holder.trim();
    const result = await onPay({
      pan: panDigits(pan),
      expiryMonth: expiryCheck.month,
      expiryYear: expiryCheck.year,
      cvc2: cvc,
      ...(name ? { cardholderName: name } : {}),
    });
    setPaying(false);
    if (result === null) return;
    const fields = cardFieldErrors(result);
    setServerErrors(fields);
    // A 422 the fields explain is said at the fields; anything else gets the alert.
    if (Object.keys(fields).length === 0) setFailure(result);
    // The CVC2 is typed again after any refusal: it is the one value a browser never keeps.
    setCvc('');
  }

  function clearServerError(field: Field) {
    if (serverErrors[field]) setServerErrors(({ [field]: _gone, ...rest }) => rest);
  }

  const amount = formatMoney(amountMinor, currency, locale);
  return (
    <form
      className="checkout-card stack"
      method="post"
      onSubmit={(event) => void handleSubmit(event)}
      noValidate
      aria-labelledby="card-title"
    >
      <h2 id="card-title" className="checkout-card__title">
        {t('checkout.cardTitle')}
      </h2>
      <TextField
        ref={refs.pan}
        label={t('checkout.cardNumber')}
        name="cardnumber"
        inputMode="numeric"
        autoComplete="cc-number"
        spellCheck={false}
        className="field--mono checkout-card__pan"
        placeholder="0000 0000 0000 0000"
        maxLength={PAN_GROUPED_LENGTH_MAX}
        value={pan}
        error={errorOf('pan')}
        // Always an addon, empty until the digits name a brand: a field that gained its frame only
        // then would remount the input and take the focus from the buyer mid-number.
        addon={
          <span className={brand ? `checkout-brand checkout-brand--${brand}` : 'checkout-brand'} aria-hidden="true">
            {brand ? t(`checkout.brand_${brand}`) : ''}
          </span>
        }
        aria-describedby="card-brand"
        onChange={(event) => {
          setPan(groupPan(event.target.value));
          clearServerError('pan');
        }}
      />
      <p id="card-brand" className="visually-hidden" aria-live="polite">
        {brand && brand !== 'other' ? t('checkout.brandDetected', { brand: t(`checkout.brand_${brand}`) }) : ''}
      </p>
      <div className="checkout-card__row">
        <TextField
          ref={refs.expiry}
          label={t('checkout.expiry')}
          hint={t('checkout.expiryHint')}
          name="cc-exp"
          inputMode="numeric"
          autoComplete="cc-exp"
          placeholder={t('checkout.expiryPlaceholder')}
          maxLength={EXPIRY_LENGTH}
          className="field--mono"
          value={expiry}
          error={errorOf('expiry')}
          onChange={(event) => {
            setExpiry(formatExpiry(event.target.value, expiry));
            clearServerError('expiry');
          }}
        />
        <TextField
          ref={refs.cvc2}
          label={t('checkout.cvc')}
          hint={t('checkout.cvcHint')}
          name="cvc"
          type="password"
          inputMode="numeric"
          autoComplete="cc-csc"
          maxLength={CVC_DIGITS}
          className="field--mono"
          value={cvc}
          error={errorOf('cvc2')}
          onChange={(event) => {
            setCvc(cvcDigits(event.target.value));
            clearServerError('cvc2');
          }}
        />
      </div>
      <TextField
        label={t('checkout.cardholder')}
        hint={t('checkout.cardholderHint')}
        name="ccname"
        autoComplete="cc-name"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={CARDHOLDER_LENGTH_MAX}
        value={holder}
        error={errorOf('cardholderName')}
        onChange={(event) => {
          setHolder(formatCardholder(event.target.value));
          clearServerError('cardholderName');
        }}
      />
      {failure ? <ErrorAlert failure={failure} /> : null}
      <Button type="submit" className="button--wide checkout-pay" loading={paying}>
        {paying ? t('checkout.paying') : t('checkout.pay', { amount })}
      </Button>
      <p className="checkout-card__safety">
        <ShieldIcon />
        <span>{t('checkout.cardSafety')}</span>
      </p>
    </form>
  );
}
