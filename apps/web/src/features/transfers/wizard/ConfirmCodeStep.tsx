import type { RefObject } from 'react';
import type { ApiFailure } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { Facts } from '../../../money/components';
import type { Operation } from '../../../money/model';
import { ErrorAlert, Money } from '../../../ui';
import { CodeStep, type ResendOutcome } from '../../auth/CodeStep';

/**
 * The third step: the SMS code, next to what it confirms (the payee, the amount, the total).
 * "Cancel transfer" cancels it at the bank: its code stops working, and the history says
 * "cancelled by you".
 */
export function ConfirmCodeStep({
  transfer,
  confirmation,
  headingRef,
  cancelFailure,
  onSubmit,
  onResend,
  onCancel,
}: {
  transfer: Operation;
  confirmation: NonNullable<Operation['confirmation']>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  cancelFailure: ApiFailure | null;
  onSubmit: (code: string) => Promise<ApiFailure | null>;
  onResend: () => Promise<ResendOutcome>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="wizard-screen stack" aria-labelledby="code-title">
      <h2 id="code-title" className="section-title" ref={headingRef} tabIndex={-1}>
        {t('transfer.codeSummary')}
      </h2>
      <div className="review-card review-card--compact">
        <p className="review-card__payee">{transfer.payee}</p>
        <p className="review-card__amount">
          <Money amountMinor={transfer.amountMinor} currency={transfer.currency} />
        </p>
        <Facts
          rows={[
            {
              label: t('transfer.reviewFee'),
              value:
                transfer.feeMinor > 0 ? (
                  <Money amountMinor={transfer.feeMinor} currency={transfer.currency} />
                ) : (
                  t('transfer.reviewFeeNone')
                ),
            },
            {
              label: t('transfer.reviewTotal'),
              value: <Money amountMinor={transfer.amountMinor + transfer.feeMinor} currency={transfer.currency} />,
              strong: true,
            },
          ]}
        />
      </div>
      {cancelFailure ? <ErrorAlert failure={cancelFailure} /> : null}
      <CodeStep
        intro={t('transfer.codeIntro')}
        resendAvailableAt={confirmation.resendAvailableAt}
        onSubmit={onSubmit}
        onResend={onResend}
        onBack={onCancel}
        backLabel={t('transfer.cancel')}
        submitLabel={t('transfer.codeSubmit')}
        usedUpHint={t('transfer.codeUsedUp')}
      />
    </section>
  );
}
