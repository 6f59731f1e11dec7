import { type FormEvent, useState } from 'react';
import type { ApiFailure } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { dotted } from '../../lib/masked';
import { Alert, Button, ErrorAlert } from '../../ui';
import type { OwnCard, OwnChoice, OwnWallet } from './checkout-api';

type Unusable = 'ownFrozen' | 'ownInternetOff' | 'ownUnavailable';
type WalletUnusable = 'walletShort' | 'walletTestMode';

/** Why a card of the buyer's cannot pay here, said beside it (the bank would refuse it before any code). */
export function unusableReason(card: OwnCard): Unusable | null {
  if (card.status === 'frozen') return 'ownFrozen';
  if (card.status !== 'active') return 'ownUnavailable';
  if (!card.internetPaymentsEnabled) return 'ownInternetOff';
  return null;
}

/**
 * Why the buyer's e-wallet cannot pay here. A test payment takes sandbox cards only, and the card
 * the bank would issue on the wallet is a real one: the payment would fail for certain, so the
 * page says so instead of issuing a card for nothing.
 */
export function walletUnusableReason(wallet: OwnWallet, amountMinor: bigint, testMode: boolean): WalletUnusable | null {
  if (testMode) return 'walletTestMode';
  if (wallet.availableMinor < amountMinor) return 'walletShort';
  return null;
}

/** "4400 43•• •••• 1234" from "440043••••••1234": grouped as on the card. */
function grouped(masked: string): string {
  return masked.replace(/(.{4})(?=.)/g, '$1 ');
}

interface OwnCardsProps {
  cards: readonly OwnCard[];
  wallets: readonly OwnWallet[];
  amountMinor: bigint;
  currency: string;
  testMode: boolean;
  onPay: (choice: OwnChoice) => Promise<ApiFailure | null>;
}

/** The usable choices in the order shown: cards first (as before the e-wallet), then the e-wallets. */
function firstUsableChoice(props: OwnCardsProps): OwnChoice | null {
  const card = props.cards.find((item) => unusableReason(item) === null);
  if (card) return { kind: 'card', id: card.id };
  const wallet = props.wallets.find((item) => walletUnusableReason(item, props.amountMinor, props.testMode) === null);
  return wallet ? { kind: 'wallet', id: wallet.accountId } : null;
}

/**
 * A signed-in Kassa customer pays with one of their cards or from their e-wallet: no number
 * typed, the same 3-D Secure step after. What cannot pay (a frozen card, a wallet short of the
 * amount) is shown, disabled, with what to do about it.
 */
export function OwnCards(props: OwnCardsProps) {
  const { cards, wallets, amountMinor, currency, testMode, onPay } = props;
  const { t } = useTranslation();
  const { locale } = useLocale();
  const firstUsable = firstUsableChoice(props);
  const [chosen, setChosen] = useState<OwnChoice | null>(firstUsable);
  const [paying, setPaying] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [noChoice, setNoChoice] = useState(false);
  const money = (minor: bigint) => formatMoney(minor, currency, locale);
  const isChosen = (kind: OwnChoice['kind'], id: string) => chosen?.kind === kind && chosen.id === id;
  const choose = (choice: OwnChoice) => {
    setChosen(choice);
    setNoChoice(false);
  };

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

  const withWallets = wallets.length > 0;
  // With nothing chosen (nothing can pay), the disabled button still names what is listed.
  const payKind = chosen?.kind ?? (cards.length > 0 ? 'card' : 'wallet');
  const payLabel = payKind === 'wallet' ? 'checkout.walletPay' : 'checkout.ownPay';
  // The code note matters only when the e-wallet can be chosen; a disabled one has its reason.
  const walletUsable = wallets.some((wallet) => walletUnusableReason(wallet, amountMinor, testMode) === null);
  return (
    <form className="checkout-card checkout-own stack" method="post" onSubmit={(event) => void handleSubmit(event)} noValidate>
      <fieldset className="choice-group">
        <legend className="checkout-card__title">{t(withWallets ? 'checkout.ownTitleKassa' : 'checkout.ownTitle')}</legend>
        <p className="muted small">{t(withWallets ? 'checkout.ownLeadKassa' : 'checkout.ownLead')}</p>
        {cards.map((card) => {
          const reason = unusableReason(card);
          return (
            <OwnOption
              key={card.id}
              value={card.id}
              checked={isChosen('card', card.id)}
              disabled={reason !== null}
              onChoose={() => choose({ kind: 'card', id: card.id })}
              title={t('checkout.ownCard', { brand: t(`checkout.brand_${card.brand}`), masked: grouped(dotted(card.masked)) })}
              titleClassName="mono"
              description={reason ? t(`checkout.${reason}`) : null}
            />
          );
        })}
        {wallets.map((wallet) => {
          const reason = walletUnusableReason(wallet, amountMinor, testMode);
          const available = money(wallet.availableMinor);
          return (
            <OwnOption
              key={wallet.accountId}
              value={wallet.accountId}
              checked={isChosen('wallet', wallet.accountId)}
              disabled={reason !== null}
              onChoose={() => choose({ kind: 'wallet', id: wallet.accountId })}
              title={t('checkout.wallet')}
              description={reason ? t(`checkout.${reason}`, { amount: available }) : t('checkout.walletAvailable', { amount: available })}
            />
          );
        })}
      </fieldset>
      {walletUsable ? <p className="checkout-own__note">{t('checkout.walletNote')}</p> : null}
      {noChoice ? (
        <Alert tone="warning" live>
          {t(withWallets ? 'checkout.ownChooseAny' : 'checkout.ownChoose')}
        </Alert>
      ) : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      <Button type="submit" className="button--wide" loading={paying} disabled={!firstUsable}>
        {paying ? t('checkout.paying') : t(payLabel, { amount: money(amountMinor) })}
      </Button>
    </form>
  );
}

interface OwnOptionProps {
  value: string;
  checked: boolean;
  disabled: boolean;
  onChoose: () => void;
  title: string;
  titleClassName?: string;
  description: string | null;
}

/** One radio card of the list; a disabled one keeps its reason beside it, read with the option. */
function OwnOption({ value, checked, disabled, onChoose, title, titleClassName, description }: OwnOptionProps) {
  return (
    <label className={['choice', checked ? 'choice--selected' : '', disabled ? 'choice--disabled' : ''].filter(Boolean).join(' ')}>
      <input type="radio" name="ownMethod" value={value} checked={checked} disabled={disabled} onChange={onChoose} />
      <span className="choice__text">
        <span className={['choice__title', titleClassName].filter(Boolean).join(' ')}>{title}</span>
        {description ? <span className="choice__description">{description}</span> : null}
      </span>
    </label>
  );
}
