import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../../db/database.js';
import { assert } from '../../../shared/assert.js';
import type { Keyring } from '../../../shared/keyring.js';
import { isLuhnValid } from '../card-numbers.js';
import { deleteHeldCard, insertHeldCard, purgeHeldCards, selectHeldCard } from './held-cards.repo.js';

/**
 * Cards the buyer typed into the hosted checkout (issue 15 item 3), held between the typing and
 * the authorisation while a 3-D Secure challenge runs: number, expiry, CVC2 and name sealed under
 * CARD_KEK (AES-256-GCM, bound to the row's id), for minutes, then dropped. The vault's one copy
 * of another bank's number; like its PANs, it comes out only for the length of one call.
 *
 * Sealed with the KEK itself, not a data key: a held card lives for minutes, so `cards:rotate-key`
 * has nothing to re-wrap; the old KEK stays in CARD_KEK for the life of one (HELD_CARD_TTL_MS).
 */
export interface HeldCard {
  pan: string;
  /** YYMM, as DE14 carries it. */
  expiry: string;
  cvc2: string | null;
  cardholderName: string | null;
}

export type HeldCardId = `hcd_${string}`;

/** Long enough for a 3-D Secure challenge (its code lives 5 minutes, resends included), no longer. */
export const HELD_CARD_TTL_MS = 15 * 60_000;

const PURPOSE = 'held-card';
const HELD_ID = /^hcd_[0-9a-f]{32}$/;

export function isHeldCardId(value: string): value is HeldCardId {
  return HELD_ID.test(value);
}

function newHeldCardId(): HeldCardId {
  return `hcd_${randomBytes(16).toString('hex')}`;
}

export async function holdCard(q: Queryable, kek: Keyring, card: HeldCard, now: Date): Promise<HeldCardId> {
  // Never the number in the message: an assertion's text ends up in logs.
  assert(/^\d{12,19}$/.test(card.pan) && isLuhnValid(card.pan), 'holdCard takes a 12 to 19 digit number with a valid Luhn digit');
  const id = newHeldCardId();
  const sealed = kek.seal(PURPOSE, JSON.stringify(card), id);
  await insertHeldCard(q, { id, sealed, createdAt: now, expiresAt: new Date(now.getTime() + HELD_CARD_TTL_MS) });
  return id;
}

/** Opens a held card for `use` alone; null when it is gone or expired (the buyer types it again). */
export async function withHeldCard<T>(
  q: Queryable,
  kek: Keyring,
  id: HeldCardId,
  now: Date,
  use: (card: HeldCard) => Promise<T>,
): Promise<T | null> {
  const sealed = await selectHeldCard(q, id, now);
  if (!sealed) return null;
  const card = parseHeldCard(kek.open(PURPOSE, sealed, id));
  return use(card);
}

function parseHeldCard(text: string): HeldCard {
  const value: unknown = JSON.parse(text);
  assert(
    typeof value === 'object' &&
      value !== null &&
      'pan' in value &&
      typeof value.pan === 'string' &&
      'expiry' in value &&
      typeof value.expiry === 'string',
    'a held card opens to a number and an expiry',
  );
  const cvc2 = 'cvc2' in value && typeof value.cvc2 === 'string' ? value.cvc2 : null;
  const cardholderName = 'cardholderName' in value && typeof value.cardholderName === 'string' ? value.cardholderName : null;
  return { pan: value.pan, expiry: value.expiry, cvc2, cardholderName };
}

/** After the authorisation, whatever its answer: the CVC2 must not outlive it. */
export async function dropHeldCard(q: Queryable, id: HeldCardId): Promise<void> {
  await deleteHeldCard(q, id);
}

/** One bounded batch of held cards past their time (the retention worker, through cards' purge). */
export async function purgeExpiredHeldCards(q: Queryable, now: Date): Promise<number> {
  return purgeHeldCards(q, now);
}
