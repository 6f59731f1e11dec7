import { type FormEvent, useState } from 'react';
import type { ApiFailure } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { dotted } from '../../lib/masked';
import { Alert, Button, ErrorAlert } from '../../ui';
import type { OwnCard } from './checkout-api';

type Unusable = 'ownFrozen' | 'ownInternetOff' | 'ownUnavailable';

/** Why a card of the buyer's cannot pay here, said beside it (the bank would refuse it before any code). */
export function unusableReason(card: OwnCard): Unusable | null {
  if (card.status === 'frozen') return 'ownFrozen';
  if (card.status !== 'active') return 'ownUnavailable';
  if (!card.internetPaymentsEnabled) return 'ownInternetOff';
  return null;
}

/** "4400 43•• •••• 1234" from "440043••••••1234": grouped as on the card. */
function grouped(masked: string): string {
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

interface OwnCardsProps {
  cards: readonly OwnCard[];
  amountMinor: bigint;
  currency: string;
  onPay: (cardId: string) => Promise<ApiFailure | null>;
}

/**
 * A signed-in Kassa customer pays with one of their cards: no number typed, the same 3-D Secure
 * step after. Frozen or internet-off cards are shown, disabled, with what to do about them.
 */
export function OwnCards({ cards, amountMinor, currency, onPay }: OwnCardsProps) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const firstUsable = cards.find((card) => unusableReason(card) === null);
  const [chosen, setChosen] = useState<string | null>(firstUsable?.id ?? null);
  const [paying, setPaying] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [noChoice, setNoChoice] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) {
      setNoChoice(true);
      return;
    }
    setPaying(true);
    setFailure(null);
    const result = await onPay(chosen);
    setPaying(false);
    if (result) setFailure(result);
  }

  return (
    <form className="checkout-card checkout-own stack" method="post" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <fieldset className="choice-group">
        <legend className="checkout-card__title">{t('checkout.ownTitle')}</legend>
        <p className="muted small">{t('checkout.ownLead')}</p>
        {cards.map((card) => {
          const reason = unusableReason(card);
          return (
            <label
              key={card.id}
              className={['choice', chosen === card.id ? 'choice--selected' : '', reason ? 'choice--disabled' : ''].join(' ')}
            >
              <input
                type="radio"
                name="ownCard"
                value={card.id}
                checked={chosen === card.id}
                disabled={reason !== null}
                onChange={() => {
                  setChosen(card.id);
                  setNoChoice(false);
                }}
              />
              <span className="choice__text">
                <span className="choice__title mono">
                  {t('checkout.ownCard', { brand: t(`checkout.brand_${card.brand}`), masked: grouped(dotted(card.masked)) })}
                </span>
                {reason ? <span className="choice__description">{t(`checkout.${reason}`)}</span> : null}
              </span>
            </label>
          );
        })}
      </fieldset>
      {noChoice ? (
        <Alert tone="warning" live>
          {t('checkout.ownChoose')}
        </Alert>
      ) : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      <Button type="submit" className="button--wide" loading={paying} disabled={!firstUsable}>
        {paying ? t('checkout.paying') : t('checkout.ownPay', { amount: formatMoney(amountMinor, currency, locale) })}
      </Button>
    </form>
  );
}
