import type { Queryable, Tx } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import type { Keyring } from '../../shared/keyring.js';
import { holdAuditChain } from '../audit/index.js';
import { capWindowUsage, insertCapEvent, lockCapKey } from './sca.repo.js';
import type { CapScope } from './sca.types.js';

/**
 * Business caps over sliding windows (SECURITY.md 10, 33, 36): SMS codes per phone, per IP and
 * payment codes per customer per hour (sca.service.ts), unknown payee numbers looked up per
 * customer and IINs tried per phone per day (transfers, identity). The table is cap_events
 * (migration 0009), one row per counted event.
 *
 * SECURITY.md 33: a cap is checked and counted in one step. chargeCaps takes a transaction-scoped
 * lock per (scope, key), then counts the rows inside the window and adds one only if every cap
 * has room, all in the caller's transaction: a parallel request for the same key waits for that
 * transaction to end and then counts its row, so N parallel requests never pass a cap of M < N,
 * and a transaction that rolls back takes its rows with it.
 *
 * Sliding, not fixed, windows: the caps are small (6 codes an hour), and a fixed hour would let
 * twice the cap through around :00. Counting at most `max` rows per key costs next to nothing.
 *
 * Lock order: the audit chain's head, then the keys in sorted order. The transactions that charge
 * a cap write audit rows after it (code.sent, a refusal), and others audit before they charge (a
 * login), so the chain's lock is taken first here, whoever calls: no two transactions can then
 * each hold what the other waits for. Row locks a caller took before (a transfer, a challenge, a
 * registration) come before both, and nothing locks those after a cap.
 */

export type { CapScope };

export interface Cap {
  scope: CapScope;
  /** Whose cap: a phone, an IP, a customer id. */
  key: string;
  max: number;
  windowMs: number;
  /**
   * Counted once per window: the cap is on distinct items (numbers looked up, IINs tried), and an
   * item already counted in the window passes free. A keyed hash, never the value itself (capItem).
   */
  item?: CapItem;
}

/**
 * An item as cap_events keeps it: `hash` under the current key, for the row a new item adds, and
 * `candidates` under every key of the ring, for "counted already?". SECURITY.md 39: an item
 * counted just before a new key was put first is still found in its window, so a rotation neither
 * counts it twice nor lets it through a second time.
 */
export interface CapItem {
  hash: string;
  candidates: readonly string[];
}

export type CapDecision = { ok: true } | { ok: false; scope: CapScope; retryAfterSeconds: number };

/** The longest window a cap may have; a row older than this decides nothing and is purged. */
export const CAP_WINDOW_MS_MAX = 24 * 3_600_000;

/** Caps one call may charge together (an SMS code has three at most). */
const CAPS_PER_CHARGE_MAX = 4;

const MS_PER_S = 1000;

/** The keyed hash a cap item is stored as: the same value gives the same item, and no one can read it back. */
export function capItem(keyring: Keyring, scope: CapScope, value: string): CapItem {
  const label = `cap-item:${scope}`;
  return { hash: keyring.hmacHex(label, value), candidates: keyring.hmacCandidates(label, value) };
}

// A scope never has a space in it, so "scope key" names one key of one scope.
function lockName(cap: Cap): string {
  return `cap ${cap.scope} ${cap.key}`;
}

function assertCaps(caps: readonly Cap[]): void {
  assert(caps.length >= 1 && caps.length <= CAPS_PER_CHARGE_MAX, `1-${CAPS_PER_CHARGE_MAX} caps per charge`);
  for (const cap of caps) {
    assert(Number.isSafeInteger(cap.max) && cap.max >= 0, `cap ${cap.scope} has no whole maximum`);
    assert(cap.windowMs > 0 && cap.windowMs <= CAP_WINDOW_MS_MAX, `cap ${cap.scope} has a window beyond ${CAP_WINDOW_MS_MAX} ms`);
    assert(cap.key.length > 0, `cap ${cap.scope} has no key`);
  }
}

/** Whether one cap has room for one more event now, from the rows of its window. */
async function decide(q: Queryable, cap: Cap, now: Date): Promise<{ room: boolean; counts: boolean; retryAfterSeconds: number }> {
  const usage = await capWindowUsage(q, {
    scope: cap.scope,
    key: cap.key,
    since: new Date(now.getTime() - cap.windowMs),
    itemCandidates: cap.item?.candidates ?? null,
  });
  // The window has room again when its oldest row leaves it.
  const freedAtMs = (usage.oldest?.getTime() ?? now.getTime()) + cap.windowMs;
  return {
    room: usage.seen || usage.used < cap.max,
    counts: !usage.seen,
    retryAfterSeconds: Math.max(1, Math.ceil((freedAtMs - now.getTime()) / MS_PER_S)),
  };
}

/**
 * Checks every cap and, only if all have room, counts one event in each, in the caller's
 * transaction (see the module comment for why that is atomic). A refusal counts nothing.
 */
export async function chargeCaps(tx: Tx, caps: readonly Cap[], now: Date): Promise<CapDecision> {
  assert(tx.inTransaction, 'caps are charged inside the transaction that uses them');
  assertCaps(caps);
  await holdAuditChain(tx);
  const ordered = [...caps].sort((a, b) => (lockName(a) < lockName(b) ? -1 : lockName(a) > lockName(b) ? 1 : 0));
  for (const cap of ordered) await lockCapKey(tx, lockName(cap));
  const counted: Cap[] = [];
  for (const cap of ordered) {
    const decision = await decide(tx, cap, now);
    if (!decision.room) return { ok: false, scope: cap.scope, retryAfterSeconds: decision.retryAfterSeconds };
    if (decision.counts) counted.push(cap);
  }
  for (const cap of counted) await insertCapEvent(tx, { scope: cap.scope, key: cap.key, item: cap.item?.hash ?? null, now });
  return { ok: true };
}

/**
 * Whether every cap has room now, without counting or locking: a cheap early refusal before
 * expensive work (SECURITY.md 37). Only chargeCaps decides; a request this lets through may still
 * be refused there.
 */
export async function peekCaps(q: Queryable, caps: readonly Cap[], now: Date): Promise<CapDecision> {
  assertCaps(caps);
  for (const cap of caps) {
    const decision = await decide(q, cap, now);
    if (!decision.room) return { ok: false, scope: cap.scope, retryAfterSeconds: decision.retryAfterSeconds };
  }
  return { ok: true };
}
