import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferKind } from '../../../api/enums';
import type { ApiFailure } from '../../../api/problem';
import { Facts, useAccountName } from '../../../money/components';
import type { Account, codeExpectation } from '../../../money/model';
import { Alert, Button, ErrorAlert, Money } from '../../../ui';

import type { TransferForm } from './wizard-model';

/** The second step: everything the bank will do, and a button that says whether a code comes. */
export function ReviewStep({
  kind,
  form,
  source,
  amountMinor,
  fee,
  payeeText,
  expectation,
  failure,
  busy,
  headingRef,
  onConfirm,
  onEdit,
}: {
  kind: TransferKind;
  form: TransferForm;
  source: Account;
  amountMinor: bigint;
  fee: bigint | null;
  payeeText: string;
  expectation: ReturnType<typeof codeExpectation>;
  failure: ApiFailure | null;
  busy: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onConfirm: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  const needsCode = kind !== 'own';
  return (
    <section className="stack form-narrow" aria-labelledby="review-title">
      <h2 id="review-title" className="section-title" ref={headingRef} tabIndex={-1}>
        {t('transfer.reviewTitle')}
      </h2>
      <p className="muted">{t('transfer.reviewLead')}</p>
      {failure ? (
        <>
          {failure.status === null ? <Alert tone="warning">{t('transfer.retryNetwork')}</Alert> : null}
          <ErrorAlert failure={failure} />
        </>
      ) : null}
      <div className="review-card">
        <p className="review-card__amount">
          <Money amountMinor={amountMinor} currency={source.currency} />
        </p>
        <Facts
          rows={[
            { label: t('transfer.reviewPayee'), value: <span className="review-card__payee">{payeeText}</span>, strong: true },
            { label: t('transfer.reviewFrom'), value: accountName(source) },
            {
              label: t('transfer.reviewFee'),
              value:
                fee === null ? (
                  t('transfer.reviewFeeLater')
                ) : fee === 0n ? (
                  t('transfer.reviewFeeNone')
                ) : (
                  <Money amountMinor={fee} currency={source.currency} />
                ),
            },
            fee !== null &&
              fee > 0n && {
                label: t('transfer.reviewTotal'),
                value: <Money amountMinor={amountMinor + fee} currency={source.currency} />,
              },
            kind === 'iban' && form.payeeTaxId !== '' && { label: t('transfer.reviewTaxId'), value: form.payeeTaxId },
            kind === 'iban' && form.purposeCode !== '' && { label: t('transfer.reviewPurpose'), value: form.purposeCode },
            form.description.trim() !== '' && kind !== 'own' && { label: t('transfer.reviewDescription'), value: form.description.trim() },
          ]}
        />
      </div>
      {needsCode && expectation === 'none' ? <p className="muted">{t('transfer.noCodeTrustedNote')}</p> : null}
      {expectation === 'maybe' ? <p className="muted">{t('transfer.maybeNoCodeNote')}</p> : null}
      <div className="form-actions">
        <Button variant="primary" loading={busy} onClick={onConfirm}>
          {
            {
              none: t('transfer.confirmNoCode'),
              maybe: t('transfer.confirmMaybeCode'),
              code: t('transfer.confirmSendCode'),
            }[expectation]
          }
        </Button>
        <Button variant="secondary" onClick={onEdit} disabled={busy}>
          {t('transfer.edit')}
        </Button>
      </div>
    </section>
  );
}
