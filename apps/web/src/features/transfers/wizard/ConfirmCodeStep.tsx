import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiFailure } from '../../../api/problem';
import { Facts } from '../../../money/components';
import type { Operation } from '../../../money/model';
import { Money } from '../../../ui';
import { CodeStep, type ResendOutcome } from '../../auth/CodeStep';

/** The third step: the SMS code, next to what it confirms (the amount, the payee, the total). */
export function ConfirmCodeStep({
  transfer,
  confirmation,
  headingRef,
  onSubmit,
  onResend,
  onBack,
}: {
  transfer: Operation;
  confirmation: NonNullable<Operation['confirmation']>;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onSubmit: (code: string) => Promise<ApiFailure | null>;
  onResend: () => Promise<ResendOutcome>;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="stack form-narrow" aria-labelledby="code-title">
      <h2 id="code-title" className="section-title" ref={headingRef} tabIndex={-1}>
        {t('transfer.codeSummary')}
      </h2>
      <div className="review-card">
        <p className="review-card__amount">
          <Money amountMinor={transfer.amountMinor} currency={transfer.currency} />
        </p>
        <Facts
          rows={[
            { label: t('transfer.reviewPayee'), value: <span className="review-card__payee">{transfer.payee}</span>, strong: true },
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
      <CodeStep
        intro={t('transfer.codeIntro')}
        resendAvailableAt={confirmation.resendAvailableAt}
        onSubmit={onSubmit}
        onResend={onResend}
        onBack={onBack}
        backLabel={t('transfer.cancel')}
        submitLabel={t('transfer.codeSubmit')}
      />
    </section>
  );
}
