import type { RefObject } from 'react';
import type { Language } from '../../api/enums';
import { useLocale, useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { Facts } from '../../money/components';
import { Alert, Button, ErrorAlert, LockIcon, Money, TextField } from '../../ui';
import { formatPhoneInput } from '../auth/PhoneStep';
import { useSession } from '../auth/session';
import { ProviderLogo } from '../payments/ProviderLogo';
import { type FeeQuote, localized, type ProviderView } from '../payments/payment-model';
import { WizardFooter } from '../transfers/wizard/WizardFooter';
import type { GuestPayState } from './guest-state';

/**
 * A guest's review before the card (issue 16 item 5): the provider, the account paid, the lines,
 * the amount, the fee and the total as the bank quoted them, then the phone the receipt goes to,
 * with the +7 mask, and what happens next. "Pay" creates the payment and opens the bank's card page.
 */
export function GuestReview({
  provider,
  state,
  fee,
  language,
  headingRef,
  onReceiptPhone,
  onPay,
  onEdit,
}: {
  provider: ProviderView;
  state: GuestPayState;
  fee: FeeQuote;
  language: Language;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onReceiptPhone: (value: string) => void;
  onPay: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { state: session } = useSession();
  // A signed-in customer's receipt goes to their own number (POST /api/v1/payments/by-card): shown masked, nothing to type.
  const ownPhone = session.status === 'authenticated' ? session.session.customer.maskedPhone : null;
  const bill = state.check?.bill ?? null;
  const lineRows = (state.paid?.lines ?? []).map((paid) => {
    const line = bill?.lines.find((item) => item.id === paid.id);
    return {
      label: line ? localized(line.name, language) : paid.id,
      value: <Money amountMinor={paid.amountMinor} currency={fee.currency} />,
    };
  });
  return (
    <form
      className="wizard-screen"
      aria-labelledby="guest-review-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onPay();
      }}
    >
      <div className="stack wizard-screen__body">
        <h2 id="guest-review-title" className="section-title" ref={headingRef} tabIndex={-1}>
          {t('guestPay.reviewTitle')}
        </h2>
        <div className="review-card">
          <p className="review-card__payee pay-review__provider">
            <ProviderLogo logo={provider.logo} />
            <span>{localized(provider.name, language)}</span>
          </p>
          <p className="review-card__amount">
            <Money amountMinor={fee.totalMinor} currency={fee.currency} />
          </p>
          <Facts
            rows={[
              ...provider.fields.map((field) => ({ label: localized(field.label, language), value: state.values[field.name] ?? '' })),
              ...lineRows,
              { label: t('guestPay.amount'), value: <Money amountMinor={fee.amountMinor} currency={fee.currency} /> },
              {
                label: t('guestPay.fee'),
                value: fee.feeMinor > 0 ? <Money amountMinor={fee.feeMinor} currency={fee.currency} /> : t('guestPay.feeNone'),
              },
              { label: t('guestPay.total'), value: <Money amountMinor={fee.totalMinor} currency={fee.currency} />, strong: true },
            ]}
          />
        </div>
        {ownPhone ? (
          <p className="guest-pay__receipt-own">{t('guestPay.receiptToOwnPhone', { phone: ownPhone })}</p>
        ) : (
          <TextField
            label={t('guestPay.receiptPhone')}
            hint={t('guestPay.receiptPhoneHint')}
            name="receiptPhone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="+7 7__ ___ __ __"
            value={state.receiptPhone}
            error={state.receiptError}
            onChange={(event) => onReceiptPhone(formatPhoneInput(event.target.value))}
          />
        )}
        {ownPhone ? null : (
          <Alert tone="info" title={t('guestPay.noRegistrationTitle')} live={false}>
            <p>{t('guestPay.noRegistrationText')}</p>
          </Alert>
        )}
        {state.failure ? <ErrorAlert failure={state.failure} /> : null}
        <p className="guest-pay__card-note">
          <LockIcon />
          <span>{t('guestPay.cardNote')}</span>
        </p>
      </div>
      <WizardFooter>
        <Button type="submit" variant="primary" loading={state.busy}>
          {state.leaving
            ? t('guestPay.redirecting')
            : t('guestPay.payByCard', { amount: formatMoney(fee.totalMinor, fee.currency, locale) })}
        </Button>
        <Button variant="secondary" onClick={onEdit} disabled={state.busy}>
          {t('guestPay.edit')}
        </Button>
      </WizardFooter>
    </form>
  );
}
