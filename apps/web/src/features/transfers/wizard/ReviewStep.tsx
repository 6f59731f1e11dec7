import type { RefObject } from 'react';
import type { TransferKind } from '../../../api/enums';
import type { ApiFailure } from '../../../api/problem';
import { useLocale, useTranslation } from '../../../i18n';
import { formatMoney } from '../../../lib/format';
import { Facts, useAccountName } from '../../../money/components';
import type { Account, CodeExpectation } from '../../../money/model';
import { Alert, Button, ErrorAlert, Money } from '../../../ui';

import { PayeeName } from './PayeeName';
import { WizardFooter } from './WizardFooter';
import type { TransferForm } from './wizard-model';
import type { PayeeCheck } from './wizard-state';

interface ReviewStepProps {
  kind: TransferKind;
  form: TransferForm;
  source: Account;
  amountMinor: bigint;
  fee: bigint | null;
  /** The phone, IBAN or account as typed or chosen. */
  payeeText: string;
  payee: PayeeCheck;
  expectation: CodeExpectation;
  failure: ApiFailure | null;
  busy: boolean;
  canSend: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onConfirm: () => void;
  onEdit: () => void;
}

/**
 * The second step: everything the bank will do, with the payee's name as the bank knows it
 * (before any code is sent), and a button that says what it does: "Send 1 000 ₸" when no code
 * will be asked, "Get a code" when one will.
 */
export function ReviewStep(props: ReviewStepProps) {
  const { kind, form, source, amountMinor, fee, expectation, failure } = props;
  const { t } = useTranslation();
  const { locale } = useLocale();
  const accountName = useAccountName();
  const amount = formatMoney(amountMinor, source.currency, locale);
  const primary = {
    none: t('transfer.sendAmount', { amount }),
    maybe: t('transfer.confirmMaybeCode'),
    code: t('transfer.confirmSendCode'),
  }[expectation];
  return (
    <section className="wizard-screen" aria-labelledby="review-title">
      <div className="wizard-screen__body stack">
        <h2 id="review-title" className="section-title" ref={props.headingRef} tabIndex={-1}>
          {t('transfer.reviewTitle')}
        </h2>
        {failure ? (
          <>
            {failure.status === null ? <Alert tone="warning">{t('transfer.retryNetwork')}</Alert> : null}
            <ErrorAlert failure={failure} />
          </>
        ) : null}
        <div className="review-card">
          <PayeeName
            kind={kind}
            payee={props.payee}
            payeeText={props.payeeText}
            fee={fee !== null && fee > 0n ? formatMoney(fee, source.currency, locale) : null}
          />
          <p className="review-card__amount">
            <Money amountMinor={amountMinor} currency={source.currency} />
          </p>
          <Facts
            rows={[
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
                  strong: true,
                },
              kind === 'iban' && form.payeeTaxId !== '' && { label: t('transfer.reviewTaxId'), value: form.payeeTaxId },
              kind === 'iban' && form.purposeCode !== '' && { label: t('transfer.reviewPurpose'), value: form.purposeCode },
              form.description.trim() !== '' &&
                kind !== 'own' && { label: t('transfer.reviewDescription'), value: form.description.trim() },
            ]}
          />
        </div>
        <p className="muted small">{t('transfer.reviewLead')}</p>
        {kind !== 'own' && expectation === 'none' ? <p className="muted">{t('transfer.noCodeTrustedNote')}</p> : null}
        {expectation === 'maybe' ? <p className="muted">{t('transfer.maybeNoCodeNote')}</p> : null}
      </div>
      <WizardFooter>
        <Button variant="primary" loading={props.busy} disabled={!props.canSend && !props.busy} onClick={props.onConfirm}>
          {primary}
        </Button>
        <Button variant="secondary" onClick={props.onEdit} disabled={props.busy}>
          {t('transfer.edit')}
        </Button>
      </WizardFooter>
    </section>
  );
}
