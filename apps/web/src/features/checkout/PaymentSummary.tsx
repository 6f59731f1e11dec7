import { hostOf } from '../../api/meta';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Alert, Money } from '../../ui';
import type { CheckoutView } from './checkout-api';

/** Whom the buyer pays and how much: the first thing to check before typing a card. */
export function PaymentSummary({ view }: { view: CheckoutView }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const origin = hostOf(view.merchant.origin);
  return (
    <section className="checkout-summary" aria-labelledby="checkout-merchant">
      <p className="checkout-summary__label">{t('checkout.merchant')}</p>
      <h1 id="checkout-merchant" className="checkout-summary__merchant">
        {view.merchant.displayName}
      </h1>
      {view.merchant.legalName && view.merchant.legalName !== view.merchant.displayName ? (
        <p className="checkout-summary__legal">{view.merchant.legalName}</p>
      ) : null}
      <p className="checkout-summary__label">{t('checkout.amount')}</p>
      <p className="checkout-summary__amount">
        <Money amountMinor={view.amountMinor} currency={view.currency} />
      </p>
      <dl className="checkout-summary__facts">
        {view.description ? (
          <div>
            <dt>{t('checkout.description')}</dt>
            <dd>{view.description}</dd>
          </div>
        ) : null}
        {view.orderId ? (
          <div>
            <dt>{t('checkout.order')}</dt>
            <dd className="mono">{view.orderId}</dd>
          </div>
        ) : null}
      </dl>
      {origin ? <p className="checkout-summary__note">{t('checkout.returnTo', { origin })}</p> : null}
      {view.expiresAt && view.status === 'requires_payment_method' ? (
        <p className="checkout-summary__note">{t('checkout.payBefore', { time: formatDateTime(view.expiresAt, locale) ?? '' })}</p>
      ) : null}
    </section>
  );
}

/** The sandbox cards of the card-network and ACS test doubles (card-network/simulated-network.ts, acs/decision.ts). */
const SANDBOX_CARDS = [
  { number: '4000 0000 0000 0002', outcome: 'checkout.test_frictionless' },
  { number: '4000 0000 0000 0101', outcome: 'checkout.test_challenge' },
  { number: '4000 0000 0000 0200', outcome: 'checkout.test_challengeFails' },
  { number: '4000 0000 0000 0309', outcome: 'checkout.test_insufficient' },
  { number: '4000 0000 0000 0408', outcome: 'checkout.test_rejected' },
] as const;

/** A test-mode payment says so before anything is typed, with the cards that work in it. */
export function TestModeBanner() {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" title={t('checkout.testTitle')} live={false}>
      <p>{t('checkout.testText')}</p>
      <table className="checkout-sandbox">
        <thead>
          <tr>
            <th scope="col">{t('checkout.testCardNumber')}</th>
            <th scope="col">{t('checkout.testCardOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {SANDBOX_CARDS.map((card) => (
            <tr key={card.number}>
              <td className="mono">{card.number}</td>
              <td>{t(card.outcome)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Alert>
  );
}
