import type { RefObject } from 'react';
import type { Language } from '../../api/enums';
import { type ApiFailure, problemCode } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Facts, useAccountName } from '../../money/components';
import type { Account } from '../../money/model';
import { Alert, Button, ErrorAlert, Money } from '../../ui';
import { WizardFooter } from '../transfers/wizard/WizardFooter';
import { ProviderLogo } from './ProviderLogo';
import { type Bill, type FeeQuote, type FieldValues, localized, PROVIDER_UNAVAILABLE, type ProviderView } from './payment-model';

/**
 * The review before any money moves: the provider, the account paid, the lines, the amount, the
 * fee and the total as the bank quoted them (GET …/fee), and the account debited. "Pay" creates
 * the payment with the key chosen when this screen opened, so a retry never pays twice.
 */
export function PayReview({
  provider,
  values,
  bill,
  paidLines,
  fee,
  source,
  holderName,
  failure,
  busy,
  language,
  headingRef,
  onPay,
  onEdit,
}: {
  provider: ProviderView;
  values: FieldValues;
  bill: Bill | null;
  paidLines: ReadonlyArray<{ id: string; amountMinor: number }> | null;
  fee: FeeQuote;
  source: Account;
  holderName: string | null;
  failure: ApiFailure | null;
  busy: boolean;
  language: Language;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onPay: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  const unavailable = failure !== null && problemCode(failure) === PROVIDER_UNAVAILABLE;
  const lineRows = (paidLines ?? []).map((paid) => {
    const line = bill?.lines.find((item) => item.id === paid.id);
    return {
      label: line ? localized(line.name, language) : paid.id,
      value: <Money amountMinor={paid.amountMinor} currency={fee.currency} />,
    };
  });
  return (
    <section className="wizard-screen" aria-labelledby="pay-review-title">
      <div className="stack wizard-screen__body">
        <h2 id="pay-review-title" className="section-title" ref={headingRef} tabIndex={-1}>
          {t('payments.reviewTitle')}
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
              ...provider.fields.map((field) => ({ label: localized(field.label, language), value: values[field.name] ?? '' })),
              holderName !== null && { label: t('payments.holder'), value: holderName },
              ...lineRows,
              { label: t('payments.reviewAmount'), value: <Money amountMinor={fee.amountMinor} currency={fee.currency} /> },
              {
                label: t('payments.reviewFee'),
                value: fee.feeMinor > 0 ? <Money amountMinor={fee.feeMinor} currency={fee.currency} /> : t('payments.reviewFeeNone'),
              },
              { label: t('payments.reviewTotal'), value: <Money amountMinor={fee.totalMinor} currency={fee.currency} />, strong: true },
              { label: t('payments.reviewFrom'), value: accountName(source) },
            ]}
          />
        </div>
        {unavailable ? (
          <Alert tone="error" title={t('payments.unavailableTitle')}>
            <p>{t('payments.unavailableText')}</p>
          </Alert>
        ) : failure ? (
          <ErrorAlert failure={failure} />
        ) : null}
      </div>
      <WizardFooter>
        <Button variant="primary" loading={busy} onClick={onPay}>
          {unavailable ? t('payments.tryAgain') : t('payments.pay')}
        </Button>
        <Button variant="secondary" onClick={onEdit} disabled={busy}>
          {t('payments.edit')}
        </Button>
      </WizardFooter>
    </section>
  );
}
