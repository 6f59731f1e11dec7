import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { isOperationStatus } from '../api/enums';
import { CardIcon } from '../features/cards/card-icons';
import { useTranslation } from '../i18n';
import { ArrowInIcon, ArrowOutIcon, CopyButton, DateTime, Money, ReceiptIcon, SwapIcon, WalletIcon } from '../ui';
import { type Account, groupIban, isAccepted, isHeld, type Operation, signedAmountMinor } from './model';

/** "Current account · KZT": the kind in the customer's language (the server's name is English). */
export function useAccountName() {
  const { t } = useTranslation();
  return (account: Pick<Account, 'kind' | 'currency' | 'displayName'>): string => {
    const kind = account.kind === 'ewallet' || account.kind === 'customer_current' ? t(`accountKind.${account.kind}`) : account.displayName;
    return `${kind} · ${account.currency}`;
  };
}

/**
 * Why the bank asked no SMS code for an outgoing transfer (own accounts, a trusted payee, a
 * low-value payment), so an operation without a code never looks like a missed check.
 */
export function ScaExemptionNote({ operation }: { operation: Pick<Operation, 'scaExemption'> }) {
  const { t } = useTranslation();
  if (!operation.scaExemption) return null;
  const text = {
    own: t('operation.noCodeOwn'),
    'trusted-payee': t('operation.noCodeTrustedPayee'),
    'low-value': t('operation.noCodeLowValue'),
    recurring: t('operation.noCodeRecurring'),
  }[operation.scaExemption];
  return <p className="muted sca-exemption">{text}</p>;
}

/** The tone of a status: money moved, still waiting (a code, a card hold), stopped without a refusal, or refused. */
function statusTone(status: string): 'success' | 'info' | 'muted' | 'error' {
  if (isAccepted(status)) return 'success';
  if (status === 'awaiting_confirmation' || isHeld(status)) return 'info';
  return status === 'cancelled' || status === 'reversed' ? 'muted' : 'error';
}

/** `kind`: a payment for services that left the bank went to its provider, not "to another bank". */
export function StatusBadge({ status, kind }: { status: string; kind?: Operation['kind'] }) {
  const { t } = useTranslation();
  const tone = statusTone(status);
  if (kind === 'service' && status === 'sent') return <span className={`badge badge--${tone}`}>{t('payments.resultSent')}</span>;
  return <span className={`badge badge--${tone}`}>{isOperationStatus(status) ? t(`status.${status}`) : status}</span>;
}

/** One account: balance large, available and held beside it, the IBAN with a copy button. */
export function AccountCard({ account, actions }: { account: Account; actions?: ReactNode }) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  const headingId = `account-${account.id}`;
  return (
    <article className={`account-card account-card--${account.kind}`} aria-labelledby={headingId}>
      <div className="account-card__head">
        <span className="account-card__icon">
          <WalletIcon />
        </span>
        <h3 id={headingId} className="account-card__name">
          {accountName(account)}
        </h3>
        {account.status !== 'active' ? (
          <span className="badge badge--error">
            {account.status === 'frozen' ? t('accounts.statusFrozen') : t('accounts.statusClosed')}
          </span>
        ) : null}
      </div>
      <p className="account-card__balance">
        <span className="visually-hidden">{t('accounts.balance')}: </span>
        <Money amountMinor={account.balanceMinor} currency={account.currency} />
      </p>
      <dl className="account-card__figures">
        <div>
          <dt>{t('accounts.available')}</dt>
          <dd>
            <Money amountMinor={account.availableMinor} currency={account.currency} />
          </dd>
        </div>
        {account.heldMinor !== 0 ? (
          <div>
            <dt>{t('accounts.held')}</dt>
            <dd>
              <Money amountMinor={account.heldMinor} currency={account.currency} />
            </dd>
          </div>
        ) : null}
      </dl>
      {account.iban ? (
        <div className="account-card__iban">
          <span className="account-card__iban-label">{t('accounts.iban')}</span>
          <span className="account-card__iban-value">{groupIban(account.iban)}</span>
          <CopyButton value={account.iban} label={t('accounts.copyIban', { iban: groupIban(account.iban) })} />
        </div>
      ) : (
        <p className="account-card__note">{t('accounts.noIban')}</p>
      )}
      {actions ? <div className="account-card__actions">{actions}</div> : null}
    </article>
  );
}

/** Who is on the other side of an operation, in words that say which way the money went. */
export function useOperationTitle() {
  const { t } = useTranslation();
  return (operation: Operation): string => {
    if (operation.kind === 'own') return t('history.ownTransfer', { name: operation.payee });
    // Money the bank paid back on a dispute: the bank is the payer, named by what it is.
    if (operation.kind === 'refund') return t('support.refundTitle');
    // A card purchase is named by its merchant, as the network sends it: "accepted and not accepted" alike.
    if (operation.kind === 'card') return operation.payee;
    // A payment for services is named by its provider, as the catalogue names it.
    if (operation.kind === 'service') return operation.payee;
    if (operation.direction === 'incoming') return t('history.incoming', { name: operation.payer ?? t('history.unknownPayer') });
    return t('history.outgoing', { name: operation.payee });
  };
}

function DirectionIcon({ operation }: { operation: Operation }) {
  if (operation.kind === 'own') return <SwapIcon />;
  if (operation.kind === 'card') return <CardIcon />;
  if (operation.kind === 'service') return <ReceiptIcon />;
  return operation.direction === 'incoming' ? <ArrowInIcon /> : <ArrowOutIcon />;
}

/**
 * The card a purchase was made with, "•••• 1234", linking to the card's page. Beside the row's own
 * link, not inside it: a link inside a link is no HTML, and each must be reachable on its own.
 */
function PurchaseCardLink({ card }: { card: NonNullable<Operation['card']> }) {
  const { t } = useTranslation();
  return (
    <Link to={`/cards/${card.id}`} className="operation__card">
      <CardIcon />
      <span>
        <span className="visually-hidden">{t('history.purchaseCard')} </span>•••• {card.last4}
      </span>
    </Link>
  );
}

/**
 * A history row. Accepted operations show the signed amount in the normal colour (credits green);
 * declined and unconfirmed ones are struck through with the reason, so they cannot be mistaken
 * for money that moved. A card purchase on hold is money spent, not yet debited: not struck, and
 * its status says so. A card purchase names its card, linked to its page (`showCard`: not on the
 * card's own page).
 */
export function OperationRow({
  operation,
  timeOnly = false,
  showCard = true,
}: {
  operation: Operation;
  timeOnly?: boolean;
  showCard?: boolean;
}) {
  const { t } = useTranslation();
  const title = useOperationTitle();
  const accepted = isAccepted(operation.status);
  const counts = accepted || isHeld(operation.status);
  const signed = signedAmountMinor(operation);
  const tone = !counts ? 'failed' : operation.kind === 'own' ? 'own' : operation.direction === 'incoming' ? 'in' : 'out';
  const card = showCard ? operation.card : null;
  return (
    <li className={card ? `operation operation--${tone} operation--with-card` : `operation operation--${tone}`}>
      <Link to={`/operations/${operation.id}`} className="operation__link">
        <span className="operation__icon">
          <DirectionIcon operation={operation} />
        </span>
        <span className="operation__body">
          <span className="operation__title">{title(operation)}</span>
          <span className="operation__meta">
            <DateTime value={operation.createdAt} format={timeOnly ? 'time' : 'dateTime'} />
            {' · '}
            {t(`kind.${operation.kind}`)}
          </span>
          {!accepted ? (
            <span className="operation__reason">
              <StatusBadge status={operation.status} kind={operation.kind} />
              {operation.declineReasonText ? <span>{operation.declineReasonText}</span> : null}
            </span>
          ) : null}
        </span>
        <span className="operation__amount">
          <span className="visually-hidden">
            {operation.kind === 'own'
              ? t('direction.own')
              : operation.direction === 'incoming'
                ? t('direction.incoming')
                : t('direction.outgoing')}
            {': '}
          </span>
          <span className={counts ? undefined : 'operation__amount--struck'}>
            {signed > 0 && operation.kind !== 'own' ? '+' : ''}
            <Money amountMinor={signed} currency={operation.currency} className="operation__money" />
          </span>
          {operation.feeMinor > 0 && accepted ? (
            <span className="operation__fee">
              {t('operation.fee')} <Money amountMinor={operation.feeMinor} currency={operation.currency} />
            </span>
          ) : null}
        </span>
      </Link>
      {card ? <PurchaseCardLink card={card} /> : null}
    </li>
  );
}

/** A definition list of label/value rows (review screens, operation details). */
export function Facts({ rows }: { rows: ReadonlyArray<{ label: string; value: ReactNode; strong?: boolean } | null | false> }) {
  return (
    <dl className="facts">
      {rows.map((row) =>
        row ? (
          <div key={row.label} className={row.strong ? 'facts__row facts__row--strong' : 'facts__row'}>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}
