import './card-picture.css';
import { useTranslation } from '../../i18n';
import { LockIcon } from '../../ui';
import { SnowflakeIcon } from './card-icons';
import { type CardView, groupPan, maskedNumber, type RevealedDetails } from './card-model';

type PictureCard = Pick<CardView, 'kind' | 'status' | 'network' | 'last4' | 'expiry' | 'cardholderName' | 'blockedByBank'>;

/** The network's mark as printed on a card: drawn, so no brand name sits among the words. */
function NetworkMark({ network }: { network: CardView['network'] }) {
  if (network === 'visa') {
    return (
      <span className="card-picture__network card-picture__network--visa" aria-hidden="true">
        VISA
      </span>
    );
  }
  if (network === 'mastercard') {
    return (
      <svg className="card-picture__network" viewBox="0 0 40 24" width="40" height="24" aria-hidden="true" focusable="false">
        <circle cx="14" cy="12" r="10" fill="#eb001b" />
        <circle cx="26" cy="12" r="10" fill="#f79e1b" fillOpacity="0.9" />
      </svg>
    );
  }
  return null;
}

/** The bank's mark: the top bar's square and the name beside it. */
function BankMark() {
  return (
    <span className="card-picture__bank">
      <img className="card-picture__bank-mark" src="/icons/icon.svg" alt="" width="24" height="24" />
      <span>Kassa</span>
    </span>
  );
}

/** Frozen, closed or expired: said on the card itself, over a greyed picture. */
function StateBadge({ card }: { card: PictureCard }) {
  const { t } = useTranslation();
  if (card.status === 'frozen') {
    return (
      <span className="card-picture__state">
        <SnowflakeIcon />
        {t('cards.statusFrozen')}
      </span>
    );
  }
  if (card.status === 'closed' || card.status === 'expired') {
    return (
      <span className="card-picture__state">
        <LockIcon />
        {card.status === 'closed' ? t('cards.statusClosed') : t('cards.statusExpired')}
      </span>
    );
  }
  return null;
}

/**
 * A card as people know it: the bank's mark, the kind, the number (masked to its last four, or
 * in full while the details are revealed), the expiry, the Latin name and the network. The
 * revealed details come only as a prop from the card page's state: this component keeps nothing.
 */
export function CardPicture({
  card,
  details = null,
  size = 'large',
  decorative = false,
}: {
  card: PictureCard;
  details?: RevealedDetails | null;
  size?: 'large' | 'small';
  /** A preview (the issue form's): hidden from assistive technology, the choices beside it say it all. */
  decorative?: boolean;
}) {
  const { t } = useTranslation();
  const look = card.status === 'frozen' ? 'frozen' : card.status === 'active' ? 'active' : 'ended';
  const classes = ['card-picture', `card-picture--${card.kind}`, `card-picture--${look}`, `card-picture--${size}`];
  // With the CVC2 beside the name and the expiry there is no room for the network's mark.
  if (details) classes.push('card-picture--revealed');
  const kindName = t(`cards.kind_${card.kind}`);
  return (
    <div
      className={classes.join(' ')}
      {...(decorative
        ? { 'aria-hidden': true }
        : { role: 'group', 'aria-label': t('cards.pictureLabel', { kind: kindName, last4: card.last4 }) })}
    >
      <div className="card-picture__face">
        <div className="card-picture__top">
          <BankMark />
          <span className="card-picture__kind">{kindName}</span>
        </div>
        <p className="card-picture__number">
          {details ? (
            <span className="card-picture__pan" data-testid="card-pan">
              {groupPan(details.pan)}
            </span>
          ) : (
            <>
              <span aria-hidden="true">{maskedNumber(card.last4)}</span>
              <span className="visually-hidden">{t('cards.numberEndsWith', { last4: card.last4 })}</span>
            </>
          )}
        </p>
        <dl className="card-picture__bottom">
          <div className="card-picture__holder">
            <dt>{t('cards.holder')}</dt>
            <dd>{details?.cardholderName ?? card.cardholderName}</dd>
          </div>
          <div>
            <dt>{t('cards.validThru')}</dt>
            <dd>{details?.expiry ?? card.expiry}</dd>
          </div>
          {details ? (
            <div>
              <dt>CVC2</dt>
              <dd data-testid="card-cvc">{details.cvc2}</dd>
            </div>
          ) : null}
        </dl>
        <NetworkMark network={card.network} />
      </div>
      <StateBadge card={card} />
    </div>
  );
}
