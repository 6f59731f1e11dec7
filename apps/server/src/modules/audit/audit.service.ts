import { createHash } from 'node:crypto';
import type { Database, Queryable, Tx } from '../../db/database.js';
import { canonicalJson } from '../../shared/canonical-json.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { type AuditRow, appendAuditRow, lockChainHead, readChainHead, readChainPage } from './audit.repo.js';

/** Security events (SECURITY.md 31). The set is closed so a reviewer can read every kind here. */
export type AuditEvent =
  | 'registration.started'
  | 'registration.completed'
  | 'registration.refused'
  | 'login.password_checked'
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'login.new_client'
  | 'code.sent'
  | 'code.failed'
  | 'code.voided'
  | 'code.rate_limited'
  | 'code.country_refused'
  | 'rate_limit.exceeded'
  | 'session.ended'
  | 'session.rejected'
  | 'device.binding_started'
  | 'device.bound'
  | 'device.revoked'
  | 'device.pin_failed'
  | 'device.login_failed'
  | 'device.sign_count_regressed'
  | 'password.changed'
  | 'password.change_refused'
  | 'password.reset'
  // A security officer reset it from a case (auth/bank-password-reset.ts): details.staffId, details.caseId.
  | 'password.reset_by_bank'
  | 'access.denied'
  | 'csrf.rejected'
  | 'trusted_payee.added'
  | 'trusted_payee.removed'
  | 'dispute.opened'
  // Cases (modules/disputes, modules/incidents): a staff member's step names them in details.staffId.
  | 'dispute.withdrawn'
  | 'dispute.assigned'
  | 'dispute.investigating'
  | 'dispute.note_added'
  | 'dispute.refunded'
  | 'dispute.rejected'
  | 'dispute.viewed'
  | 'incident.reported'
  | 'incident.recorded'
  | 'incident.assigned'
  | 'incident.status_changed'
  | 'incident.note_added'
  | 'incident.action'
  | 'incident.viewed'
  | 'operation.cancelled'
  | 'payee.looked_up'
  | 'limits.changed'
  | 'profile.language_changed'
  // Cards (modules/cards): details.cardId and details.last4, never a PAN or a CVC2. revealed: the
  // full details were shown after a code; limits_raise_requested: a code went out for a raise.
  | 'card.issued'
  | 'card.frozen'
  | 'card.unfrozen'
  | 'card.closed'
  | 'card.expired'
  | 'card.controls_changed'
  | 'card.limits_changed'
  | 'card.limits_raise_requested'
  | 'card.reveal_requested'
  | 'card.revealed'
  // The card network (modules/card-network): a message whose signature failed (details.failure:
  // headers-missing | unknown-key | bad-signature | stale-timestamp, details.keyId), and an
  // authorisation whose CVC2 was wrong (details.cardId, last4, network, rrn, merchantId).
  | 'card_network.rejected'
  | 'card.cvc2_failed'
  // Maker-checker requests (modules/approvals): details.staffId is who acted (the maker on
  // requested, the checker on a decision), with details.makerStaffId and details.checkerStaffId.
  | 'approval.requested'
  | 'approval.approved'
  | 'approval.rejected'
  | 'approval.refused'
  // The audit viewer itself (audit.routes.ts): every CSV export and every chain verification.
  | 'audit.exported'
  | 'audit.verified'
  // Contact-center calls (modules/calls): the staff member is in details.staffId, the call in details.callId.
  | 'call.opened'
  | 'call.customer_looked_up'
  | 'call.verification_sent'
  | 'call.verification_failed'
  | 'call.identified'
  | 'call.closed'
  | 'customer.file.viewed'
  // A security officer's search of customers (calls/customer-search.ts): details.by, details.matches.
  | 'customers.searched'
  // The emergency block (modules/blocks): details.blockId, details.staffId when staff acted.
  // block_refused: the web form's details did not match (nothing was blocked, nobody was told).
  | 'customer.blocked'
  | 'customer.block_refused'
  | 'customer.unblock_requested'
  | 'customer.unblock_refused'
  | 'customer.unblocked'
  // A customer's transfer limit raised by maker-checker (modules/risk): details.limit, amountMinor,
  // previousAmountMinor, approvalId; requested names the way in (via call | officer, callId).
  | 'customer.limit_raise_requested'
  | 'customer.limit_raise_refused'
  | 'customer.limit_raised'
  // The phone number change (modules/phone-change): details.changeId, details.channel (app | staff),
  // details.staffId when staff acted. refused: the new number turned out to be another customer's.
  | 'phone_change.started'
  | 'phone_change.refused'
  | 'customer.phone.changed'
  // Stored values re-sealed or re-hashed under the current key (migration 0012, keys:rotate), and
  // the card vault's data keys re-wrapped under the current CARD_KEK (cards:rotate-key).
  | 'keys.rewritten'
  // The card vault made a data key (modules/cards/vault): details.dataKeyId, purpose, kekId, and
  // replacedDataKeyId when it retired the one before (the rotation rule: data-keys.ts).
  | 'card_vault.data_key_created'
  // A transfer to another bank's card sent through the card network (modules/transfers card-send.ts):
  // details.operationId, last4, responseCode; refundOperationId when the network refused it.
  | 'card_transfer.sent'
  // Merchants and their API keys (modules/acquiring): details.merchantId, details.staffId when staff
  // acted, details.keyId and keyPrefix for a key (never the key). api_key_rejected: a bearer key
  // refused (details.failure: missing | malformed | unknown | revoked | merchant-suspended |
  // mode-disabled | mode-refused, details.keyPrefix when the key had the shape of one).
  | 'merchant.created'
  | 'merchant.viewed'
  | 'merchants.listed'
  | 'merchant.suspended'
  | 'merchant.reactivated'
  | 'merchant.api_key_created'
  | 'merchant.api_key_revoked'
  | 'merchant.api_key_rejected'
  // The money of card payments (modules/acquiring/money): a merchant's balance read by staff
  // (details.merchantId, staffId) and the payout run started by staff (details.staffId, paid).
  | 'merchant.balance_viewed'
  | 'merchant.payouts_run'
  // 3-D Secure, Kassa's ACS (modules/acs): details.acsTransID; decided: transStatus, reason, issuer,
  // cardId, merchantId, amountMinor; code_failed: attempts; challenge_completed: transStatus, reason;
  // authentication_value_refused (by the issuer's engine): reason, rrn, network.
  | 'acs.authentication_decided'
  | 'acs.code_sent'
  | 'acs.code_failed'
  | 'acs.code_resent'
  | 'acs.challenge_completed'
  | 'acs.challenge_cancelled'
  | 'acs.authentication_value_refused'
  // Merchant webhooks (modules/acquiring/webhooks): the merchant acting with its key (details.merchantId,
  // keyId, mode, endpointId; host of the URL only), and staff reading the event log (details.staffId).
  | 'merchant.webhook_endpoint_created'
  | 'merchant.webhook_endpoint_deleted'
  | 'merchant.event_redelivered'
  | 'merchant.events_viewed'
  // The payment API (acquiring/payments): staff changed a merchant's settings (details.staffId, merchantId,
  // before, after: displayName, mdrBps, returnOrigins, testModeEnabled, liveModeEnabled).
  | 'merchant.updated'
  // Chargebacks (acquiring/chargebacks): the merchant answered one with its key (details.merchantId,
  // keyId, chargebackId, disputeId, kind: evidence | accept; never the text, which is the case's).
  | 'merchant.chargeback_responded'
  // Service payments (payments/notify): a provider refused a payment already posted, for good, so
  // operations staff return the money (details.operationId, providerId, reason).
  | 'payments.provider_rejected'
  // Scheduled payments (payments/schedules.ts): set up with a code (details.scheduleId, providerId,
  // frequency), stopped by the customer (scheduleId); a run is its own operation.
  | 'payments.schedule_set_up'
  | 'payments.schedule_cancelled'
  // The staff's catalogue (payments/catalogue.admin.ts): details.staffId, providerId; updated has
  // the parts changed (never the endpoint secret nor its URL: endpointChanged says so), suspended and
  // reactivated the reason; settlement_requested has approvalId, settlement_changed the maker, the
  // checker and the details before and after.
  | 'payments.providers_listed'
  | 'payments.provider_viewed'
  | 'payments.provider_created'
  | 'payments.provider_updated'
  | 'payments.provider_suspended'
  | 'payments.provider_reactivated'
  | 'payments.provider_settlement_requested'
  | 'payments.provider_settlement_changed'
  // The provider's side (payments/registry): staff read a provider's registries or download one
  // (details.staffId, providerId; downloaded: day, sha256 of the file), run a reconciliation
  // (reconciliationId, day and the counts of each outcome) or read the reports.
  | 'payments.registries_listed'
  | 'payments.registry_downloaded'
  | 'payments.reconciliation_run'
  | 'payments.reconciliations_listed'
  // The bank's staff (modules/staff): the staff member is details.staffId, the customer column
  // stays the customer's (null when the event is about no customer).
  | 'staff.created'
  | 'staff.login.failed'
  | 'staff.login.locked'
  | 'staff.login.password_ok'
  | 'staff.login.succeeded'
  | 'staff.totp.enrolled'
  | 'staff.totp.failed'
  | 'staff.totp.reused'
  // A WebAuthn security key as the second factor (staff/security-keys.service.ts): details.keyId.
  // sign_count_regressed: a valid signature with a counter not above the stored one, a possible clone.
  | 'staff.security_key.added'
  | 'staff.security_key.removed'
  | 'staff.security_key.failed'
  | 'staff.security_key.sign_count_regressed'
  | 'staff.logout'
  | 'staff.session.expired'
  | 'staff.csrf.rejected'
  | 'staff.forbidden'
  // An admin's decisions (details.by, details.reason) and a member's own new password.
  | 'staff.disabled'
  | 'staff.enabled'
  | 'staff.unlocked'
  | 'staff.password.changed';

export interface AuditEntry {
  event: AuditEvent;
  customerId?: string | null;
  meta?: Partial<RequestMeta> | null;
  details?: Record<string, unknown>;
  occurredAt: Date;
}

function chainHash(prevHash: string, row: AuditRow): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

/**
 * Appends to the audit chain inside the caller's transaction, so the event exists exactly when
 * the change it describes does. The head row lock orders writers; audit events are rare
 * (authentication, access failures), so this does not sit on the money hot path.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const head = await lockChainHead(tx);
  if (!head) throw new Error('audit chain head is missing');
  const row: AuditRow = {
    seq: (head.seq + 1n).toString(),
    occurredAt: entry.occurredAt.toISOString(),
    event: entry.event,
    customerId: entry.customerId ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent ?? null,
    requestId: entry.meta?.requestId ?? null,
    details: entry.details ?? {},
  };
  await appendAuditRow(tx, { row, occurredAt: entry.occurredAt, prevHash: head.hash, hash: chainHash(head.hash, row) });
}

/**
 * Takes the audit chain's lock now rather than at the transaction's first audit row. A function
 * that takes locks of its own and audits after them (sca/caps.ts) calls this first, so that every
 * transaction takes the chain's lock before those locks and two of them can never wait on each
 * other in a circle.
 */
export async function holdAuditChain(tx: Tx): Promise<void> {
  await lockChainHead(tx);
}

/** For events with no business change around them (a failed access, a rejected session). */
export function recordAuditAlone(db: Database, entry: AuditEntry): Promise<void> {
  return db.transaction((tx) => recordAudit(tx, entry));
}

/** Rows a verification reads at a time: the chain is read in pages, never whole into memory. */
const VERIFY_PAGE_ROWS = 1000;

/**
 * Where the chain breaks first. `row-hash`: the row's content no longer hashes to the hash stored
 * with it (a row edited). `previous-hash`: the row does not name the hash of the row before it (a
 * row removed or inserted before it). `head`: the chain's head names another last row than the
 * rows end with (the newest rows removed); its event is null.
 */
export interface BrokenLink {
  seq: string;
  event: string | null;
  occurredAt: string | null;
  link: 'row-hash' | 'previous-hash' | 'head';
  expectedHash: string;
  foundHash: string;
}

export interface ChainVerification {
  ok: boolean;
  brokenAtSeq: string | null;
  /** Rows checked: all of them when ok, up to the first broken one otherwise. */
  count: number;
  firstBroken: BrokenLink | null;
}

/**
 * Re-computes the chain up to its head as it stands when the check starts (rows appended meanwhile
 * are the next check's); the first broken link is where someone tampered.
 */
export async function verifyAuditChain(db: Queryable): Promise<ChainVerification> {
  const head = await readChainHead(db);
  if (!head) throw new Error('audit chain head is missing');
  let prev = 'genesis';
  let lastSeq = 0n;
  let count = 0;
  const broken = (link: BrokenLink): ChainVerification => ({ ok: false, brokenAtSeq: link.seq, count, firstBroken: link });
  for (;;) {
    const page = await readChainPage(db, { afterSeq: lastSeq, uptoSeq: head.seq, limit: VERIFY_PAGE_ROWS });
    for (const { prevHash, hash, ...row } of page) {
      count += 1;
      const at = { seq: row.seq, event: row.event, occurredAt: row.occurredAt };
      if (prevHash !== prev) return broken({ ...at, link: 'previous-hash', expectedHash: prev, foundHash: prevHash });
      const expected = chainHash(prev, row);
      if (hash !== expected) return broken({ ...at, link: 'row-hash', expectedHash: expected, foundHash: hash });
      prev = hash;
      lastSeq = BigInt(row.seq);
    }
    if (page.length < VERIFY_PAGE_ROWS) break;
  }
  if (lastSeq !== head.seq || prev !== head.hash) {
    return broken({ seq: head.seq.toString(), event: null, occurredAt: null, link: 'head', expectedHash: head.hash, foundHash: prev });
  }
  return { ok: true, brokenAtSeq: null, count, firstBroken: null };
}
