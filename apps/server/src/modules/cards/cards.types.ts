import type { Currency } from '../ledger/index.js';
import { cardExpiry, isExpired, maskPan } from './card-numbers.js';
import type { VaultId } from './vault/index.js';

/**
 * A card's life (issue 14 item 1), written once. The repository's UPDATE names the states each
 * step may come from (statesBefore), so a step not listed here changes no row and is refused:
 *   active -> frozen | closed | expired
 *   frozen -> active | closed | expired
 *   closed, expired: final.
 * `expired` comes by the date (cardExpired): from the first instant after the expiry month a card
 * is expired whatever its row says, and the next write on it records so.
 */
export const CARD_STATUSES = ['active', 'frozen', 'closed', 'expired'] as const;
export type CardStatus = (typeof CARD_STATUSES)[number];

export const CARD_TRANSITIONS: Readonly<Record<CardStatus, readonly CardStatus[]>> = {
  active: ['frozen', 'closed', 'expired'],
  frozen: ['active', 'closed', 'expired'],
  closed: [],
  expired: [],
};

export function canTransition(from: CardStatus, to: CardStatus): boolean {
  return CARD_TRANSITIONS[from].includes(to);
}

export function statesBefore(to: CardStatus): CardStatus[] {
  return CARD_STATUSES.filter((from) => canTransition(from, to));
}

/** A card that still counts against the per-customer cap, and can come back to use. */
export function isLive(status: CardStatus): boolean {
  return CARD_TRANSITIONS[status].length > 0;
}

/** virtual: an everyday card for online purchases; single_use: closes itself after its first approved purchase. */
export const CARD_KINDS = ['virtual', 'single_use'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

export const CLOSE_REASONS = ['customer', 'single_use_spent'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface Card {
  id: string;
  customerId: string;
  accountId: string;
  currency: Currency;
  /** The PAN's row in the vault: the only way to the number, through the vault's withPan. */
  vaultId: VaultId;
  first6: string;
  last4: string;
  expiryMonth: number;
  expiryYear: number;
  cardholderName: string;
  kind: CardKind;
  productName: string;
  /** As the row says; the status that counts is effectiveStatus (the date may have expired it). */
  status: CardStatus;
  closeReason: CloseReason | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

/** Internet limits in the card's currency, minor units. */
export interface CardLimits {
  perOperationMinor: bigint;
  perDayMinor: bigint;
  perMonthMinor: bigint;
}

export interface CardControls {
  cardId: string;
  internetEnabled: boolean;
  /** For a later physical card; a virtual card has no contactless or cash use, but the switch is kept. */
  contactlessEnabled: boolean;
  cashEnabled: boolean;
  limits: CardLimits;
  /** "No limit" until this instant; null or past: the limits apply. */
  unlimitedUntil: Date | null;
  updatedAt: Date;
}

/**
 * Whether a card is past its expiry: valid through the last day of the month printed, in the
 * bank's time zone (card-numbers.ts cardExpiry, the same instant the CVC2's expiry names).
 */
export function cardExpired(card: Pick<Card, 'expiryMonth' | 'expiryYear'>, now: Date, timeZone: string): boolean {
  return isExpired(cardExpiry(card.expiryMonth, card.expiryYear, timeZone), now);
}

/** The status that counts now: a live card past its expiry month is expired, whatever the row says. */
export function effectiveStatus(card: Pick<Card, 'status' | 'expiryMonth' | 'expiryYear'>, now: Date, timeZone: string): CardStatus {
  return isLive(card.status) && cardExpired(card, now, timeZone) ? 'expired' : card.status;
}

/** Whether "no limit for a while" is in force now (by the time, no job turns it off). */
export function unlimitedNow(controls: Pick<CardControls, 'unlimitedUntil'>, now: Date): boolean {
  return controls.unlimitedUntil !== null && controls.unlimitedUntil.getTime() > now.getTime();
}

/** The masked number everyone but the vault sees: first 6, six dots, last 4 (PCI DSS 3.4.1). */
export function maskedPan(card: Pick<Card, 'first6' | 'last4'>): string {
  return maskPan(card.first6, card.last4);
}

export const CARDS_LISTED_MAX = 50;
/** Issuing tries this many fresh PANs before giving up: a collision in a BIN range of 10⁹ numbers is rare, twice in a row rarer. */
export const PAN_ATTEMPTS_MAX = 8;
/** How long the details stay on the screen after a code (issue 14 item 4). */
export const REVEAL_VISIBLE_SECONDS = 60;
export const DAY_MS = 86_400_000;
