import type { Language } from '../../shared/i18n.js';
import type { Currency } from '../ledger/index.js';
import type { AcsReason } from './acs.types.js';

/**
 * What an ACS decided about an AReq, before anything is written: Kassa's ACS (kassa-acs.ts) or
 * the sandbox ACS (below). acs.service.ts turns it into the row, the code and the ARes.
 */
export type Decision =
  | { status: 'R'; reason: AcsReason; card: CardOwner | null }
  | { status: 'Y'; card: CardOwner | null }
  | { status: 'C'; card: CardOwner | null; challenge: Challenge };

export interface CardOwner {
  cardId: string;
  customerId: string;
}

/** A challenge by SMS to the cardholder's phone, or the sandbox's: no SMS, a fixed code or none that passes. */
export type Challenge =
  | { kind: 'sms'; phone: string; language: Language; currency: Currency; last4: string }
  | { kind: 'sandbox'; code: string | null };

/** The sandbox cards' code: the challenge page says it ("sandbox: code 111111"). */
export const SANDBOX_CODE = '111111';

/**
 * The sandbox ACS (issue 15 item 4; docs/acquiring-money.md): other banks' test cards, the outcome
 * chosen by the number, as the payment processors' sandboxes do. The issuer's side of the same
 * cards is card-network's SANDBOX_ISSUER_ANSWERS (…0309 is authenticated, then declined 51).
 */
export const SANDBOX_ACS: Readonly<Record<string, Decision>> = {
  '4000000000000002': { status: 'Y', card: null },
  '4000000000000101': { status: 'C', card: null, challenge: { kind: 'sandbox', code: SANDBOX_CODE } },
  '4000000000000200': { status: 'C', card: null, challenge: { kind: 'sandbox', code: null } },
  '4000000000000309': { status: 'Y', card: null },
  '4000000000000408': { status: 'R', reason: 'sandbox-rejected', card: null },
};

export function isSandboxCard(pan: string): boolean {
  return Object.hasOwn(SANDBOX_ACS, pan);
}

export function decideSandbox(pan: string): Decision {
  const decision = Object.hasOwn(SANDBOX_ACS, pan) ? SANDBOX_ACS[pan] : undefined;
  return decision ?? { status: 'R', reason: 'card-unknown', card: null };
}
