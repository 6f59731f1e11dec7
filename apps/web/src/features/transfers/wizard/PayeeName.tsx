import type { TransferKind } from '../../../api/enums';
import { useTranslation } from '../../../i18n';
import { Spinner } from '../../../ui';
import { initialsOf } from '../recent/initials';
import { type PayeeCheck, payeeVerdict } from './wizard-state';

/**
 * Whom the money goes to, in the bank's words, before anything is sent (issue 12 item 4): the
 * masked name ("Айгерим Б.") of the customer the phone or IBAN belongs to, "another bank", or
 * "not a Kassa customer — check the number". The number itself is under it.
 */
export function PayeeName({
  kind,
  payee,
  payeeText,
  fee,
}: {
  kind: TransferKind;
  payee: PayeeCheck;
  payeeText: string;
  fee?: string | null;
}) {
  const { t } = useTranslation();
  // Another bank's card: the fee is said with the payee, as the money leaves Kassa through the network.
  const cardOtherBankNote = fee ? t('cardTransfer.otherBank', { fee }) : t('cardTransfer.otherBankNoFee');
  if (kind === 'own' || payee.status === 'none') {
    return (
      <div className="payee">
        <p className="payee__name review-card__payee">{payeeText}</p>
      </div>
    );
  }
  if (payee.status === 'checking') {
    return (
      <div className="payee" aria-busy="true">
        <Spinner decorative size="small" />
        <p className="payee__ref">{payeeText}</p>
      </div>
    );
  }
  if (payee.status === 'unknown') {
    return (
      <div className="payee">
        <p className="payee__name review-card__payee">{payeeText}</p>
        <p className="payee__note">{t('transfer.payeeNotChecked')}</p>
      </div>
    );
  }
  const verdict = payeeVerdict(payee.lookup, kind);
  if (verdict === 'named' && payee.lookup.maskedName) {
    return (
      <div className="payee payee--named">
        <span className="avatar" aria-hidden="true">
          {initialsOf(payee.lookup.maskedName)}
        </span>
        <div>
          <p className="payee__name review-card__payee">{payee.lookup.maskedName}</p>
          <p className="payee__ref">{payeeText}</p>
          {kind === 'card-number' && payee.lookup.isSelf ? <p className="payee__note">{t('cardTransfer.ownCard')}</p> : null}
        </div>
      </div>
    );
  }
  const note = {
    named: '',
    'other-bank': kind === 'card-number' ? cardOtherBankNote : t('transfer.payeeOtherBank'),
    nobody:
      kind === 'phone' ? t('transfer.payeeNobodyPhone') : kind === 'card-number' ? t('cardTransfer.nobody') : t('transfer.payeeNobodyIban'),
    self: t('transfer.payeeSelf'),
  }[verdict];
  return (
    <div className={verdict === 'other-bank' ? 'payee' : 'payee payee--warning'} role={verdict === 'other-bank' ? undefined : 'alert'}>
      <p className="payee__name review-card__payee">{payeeText}</p>
      <p className="payee__note">{note}</p>
    </div>
  );
}
