import { Card, CopyButton, DateTime, Money } from '@kassa/ui';
import { Link } from 'react-router-dom';
import { useTranslation } from '../../i18n';
import type { Dispute } from './DisputeSteps';
import './chargeback.css';

export type Chargeback = NonNullable<Dispute['chargeback']>;
type ChargebackStatus = Chargeback['status'];

/**
 * Chargeback status transitions (the server's chargebacks module decides them):
 *   needs_response -> under_review  (the merchant answered: evidence, or accepts)
 *   needs_response | under_review -> won | lost | withdrawn  (the case's outcome)
 * The badge's tone is the merchant's side of it: lost is the outcome that takes its money.
 */
const STATUS_BADGE: Record<ChargebackStatus, string> = {
  needs_response: 'badge--warning',
  under_review: 'badge--info',
  won: 'badge--success',
  lost: 'badge--error',
  withdrawn: 'badge--muted',
};

function isOverdue(chargeback: Chargeback, now: Date): boolean {
  return chargeback.status === 'needs_response' && Date.parse(chargeback.respondBy) <= now.getTime();
}

/** The merchant's answer; its text is shown as text (React escapes it), line breaks kept by CSS. */
function MerchantResponse({ response }: { response: Chargeback['response'] }) {
  const { t } = useTranslation();
  if (response === null) return <p className="muted">{t('chargeback.noResponse')}</p>;
  return (
    <>
      <p>
        <strong>{t(`chargeback.response_${response.kind}`)}</strong> · <DateTime value={response.at} />
      </p>
      {response.text ? <p className="chargeback__response-text">{response.text}</p> : null}
    </>
  );
}

/** For a lost chargeback: what was charged back, what the settlement account has paid, what the next payout owes. */
function LostMoney({ chargeback }: { chargeback: Chargeback }) {
  const { t } = useTranslation();
  if (chargeback.status !== 'lost' || chargeback.lostMinor === null) return null;
  const owedMinor = Math.max(0, chargeback.lostMinor - chargeback.recoveredMinor);
  const rows = [
    { label: t('chargeback.chargedBack'), amountMinor: chargeback.lostMinor },
    { label: t('chargeback.recovered'), amountMinor: chargeback.recoveredMinor },
    { label: t('chargeback.owed'), amountMinor: owedMinor },
  ];
  return (
    <>
      {rows.map((row) => (
        <div key={row.label} className="facts__row">
          <dt>{row.label}</dt>
          <dd>
            <Money amountMinor={row.amountMinor} currency={chargeback.currency} />
          </dd>
        </div>
      ))}
    </>
  );
}

/**
 * The merchant's side of a case on a purchase at a merchant Kassa acquires (issue 15 item 7): the
 * chargeback, its deadline, the merchant's answer and, when lost, the money taken back. While the
 * case is open it says what each step does to the merchant, since refund and reject decide it.
 */
export function ChargebackPanel({ chargeback, caseOpen, now = new Date() }: { chargeback: Chargeback; caseOpen: boolean; now?: Date }) {
  const { t } = useTranslation();
  const overdue = isOverdue(chargeback, now);
  return (
    <Card title={t('chargeback.title')}>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('chargeback.merchant')}</dt>
          <dd>
            <Link to={`/merchants/${chargeback.merchant.id}`}>{chargeback.merchant.displayName}</Link>
            <small className="chargeback__legal-name">{chargeback.merchant.legalName}</small>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('chargeback.payment')}</dt>
          <dd>
            <span className="mono">{chargeback.paymentId}</span>{' '}
            <CopyButton value={chargeback.paymentId} label={t('chargeback.copyPayment')} />
          </dd>
        </div>
        <div className="facts__row facts__row--strong">
          <dt>{t('chargeback.amount')}</dt>
          <dd>
            <Money amountMinor={chargeback.amountMinor} currency={chargeback.currency} />
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('chargeback.status')}</dt>
          <dd>
            <span className={`badge ${STATUS_BADGE[chargeback.status]}`}>{t(`chargeback.status_${chargeback.status}`)}</span>
            {caseOpen ? <p className="muted">{t('chargeback.consequence')}</p> : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('chargeback.respondBy')}</dt>
          <dd>
            <DateTime value={chargeback.respondBy} className={overdue ? 'chargeback__due--overdue' : undefined} />{' '}
            {overdue ? <span className="badge badge--danger">{t('chargeback.overdue')}</span> : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t('chargeback.opened')}</dt>
          <dd>
            <DateTime value={chargeback.createdAt} />
          </dd>
        </div>
        {chargeback.closedAt ? (
          <div className="facts__row">
            <dt>{t('chargeback.closed')}</dt>
            <dd>
              <DateTime value={chargeback.closedAt} />
            </dd>
          </div>
        ) : null}
        <LostMoney chargeback={chargeback} />
      </dl>
      <h3>{t('chargeback.response')}</h3>
      <MerchantResponse response={chargeback.response} />
    </Card>
  );
}
