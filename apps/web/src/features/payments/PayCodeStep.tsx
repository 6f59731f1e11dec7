import type { RefObject } from 'react';
import type { ApiFailure } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Facts } from '../../money/components';
import type { Operation } from '../../money/model';
import { ErrorAlert, Money } from '../../ui';
import { CodeStep, type ResendOutcome } from '../auth/CodeStep';

/**
 * The SMS code for the payment, next to what it confirms: the shared code step (the official
 * domain, the memo's "never tell anyone the code", the resend countdown), worded for a payment.
 * "Cancel the payment" cancels it at the bank: its code stops working, no money moves.
 */
export function PayCodeStep({
  payment,
  confirmation,
  headingRef,
  cancelFailure,
  onSubmit,
  onResend,
  onCancel,
}: {
  payment: Operation;
  confirmation: NonNullable<Operation['confirmation']>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  cancelFailure: ApiFailure | null;
  onSubmit: (code: string) => Promise<ApiFailure | null>;
  onResend: () => Promise<ResendOutcome>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="wizard-screen stack" aria-labelledby="pay-code-title">
      <h2 id="pay-code-title" className="section-title" ref={headingRef} tabIndex={-1}>
        {t('payments.codeSummary')}
      </h2>
      <div className="review-card review-card--compact">
        <p className="review-card__payee">{payment.payee}</p>
        <p className="review-card__amount">
          <Money amountMinor={payment.amountMinor + payment.feeMinor} currency={payment.currency} />
        </p>
        <Facts
          rows={[
            { label: t('payments.reviewAmount'), value: <Money amountMinor={payment.amountMinor} currency={payment.currency} /> },
            {
              label: t('payments.reviewFee'),
              value:
                payment.feeMinor > 0 ? <Money amountMinor={payment.feeMinor} currency={payment.currency} /> : t('payments.reviewFeeNone'),
            },
          ]}
        />
      </div>
      {cancelFailure ? <ErrorAlert failure={cancelFailure} /> : null}
      <CodeStep
        intro={t('payments.codeIntro')}
        resendAvailableAt={confirmation.resendAvailableAt}
        onSubmit={onSubmit}
        onResend={onResend}
        onBack={onCancel}
        backLabel={t('payments.cancel')}
        submitLabel={t('payments.codeSubmit')}
        usedUpHint={t('payments.codeUsedUp')}
      />
    </section>
  );
}
