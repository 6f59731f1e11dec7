import { type Static, Type } from 'typebox';
import type { Tx } from '../../db/database.js';
import { literalUnion, strict } from '../../shared/schemas.js';
import { CURRENCY_CODES } from '../ledger/index.js';
import { STAFF_ROLES, type StaffRole } from '../staff/index.js';

/**
 * The risky staff actions that take two people (issue 13 item 10). The set is closed: a new kind
 * does not compile until it names its subject, its payload schema, its owner and who decides it.
 */
export const APPROVAL_KINDS = ['unblock', 'limit_raise', 'refund_above_threshold', 'role_change', 'provider_settlement'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/**
 * Status transitions: pending → approved | rejected | expired; the other three are final. An
 * expired request is not renewed: the maker asks again, on facts checked again.
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];
export const APPROVAL_TRANSITIONS: Readonly<Record<ApprovalStatus, readonly ApprovalStatus[]>> = {
  pending: ['approved', 'rejected', 'expired'],
  approved: [],
  rejected: [],
  expired: [],
};

export const APPROVAL_SUBJECT_TYPES = ['customer', 'staff', 'case', 'block', 'provider'] as const;
export type ApprovalSubjectType = (typeof APPROVAL_SUBJECT_TYPES)[number];

/**
 * What each kind is about, and the module that owns it: the owner asks (requestApproval) and
 * registers the executor that carries an approval out (ctx.approvalExecutors.register).
 */
export const APPROVAL_KIND_RULES: Readonly<Record<ApprovalKind, { subject: ApprovalSubjectType; owner: string }>> = {
  // The block to lift (customer_blocks.id); the request carries its customer (customerId).
  unblock: { subject: 'block', owner: 'blocks' },
  limit_raise: { subject: 'customer', owner: 'risk' },
  refund_above_threshold: { subject: 'case', owner: 'disputes' },
  role_change: { subject: 'staff', owner: 'approvals (role-change.ts, through staff)' },
  // The service provider whose settlement details change (service_providers.id).
  provider_settlement: { subject: 'provider', owner: 'payments (provider-settlement-approval.ts)' },
};

/**
 * Who may decide each kind (checked on top of requireStaff's 'approvals.decide'):
 *
 * - unblock: a security officer. Lifting a block undoes a protection the customer asked for (or
 *   an operator put on a lost phone); only the role that works incidents and checks identity may.
 * - refund_above_threshold: a security officer. A large refund of a "this wasn't me" case is a
 *   fraud decision, and money leaves the bank: the same independent eyes as an unblock.
 * - limit_raise: a security officer, not an admin. A higher limit is a customer risk decision
 *   (how much a stolen session could take out); an admin runs the staff and the system, not
 *   customers' money, and is kept off it so that one role never holds both levers.
 * - role_change: an admin only. Changing who may do what is staff administration ('staff.manage'
 *   is the admin's); a second admin is the four eyes. Not a security officer: a request can make
 *   someone a security officer, and that function must not be able to co-opt its own colleagues.
 *   The staff member whose role changes never decides it either (approvals.service.ts).
 * - provider_settlement: a security officer or an admin. A new IBAN on a provider redirects every
 *   customer's payment to it, the classic insider fraud: an admin asks (or a security officer, on
 *   a letter from the provider) and the other of the pair checks the provider's letter; the two
 *   roles that may ask are the two that may check, and the maker is never the checker.
 */
export const APPROVAL_DECIDERS: Readonly<Record<ApprovalKind, readonly StaffRole[]>> = {
  unblock: ['security_officer'],
  refund_above_threshold: ['security_officer'],
  limit_raise: ['security_officer'],
  role_change: ['admin'],
  provider_settlement: ['security_officer', 'admin'],
};

export function roleMayDecide(role: StaffRole, kind: ApprovalKind): boolean {
  return APPROVAL_DECIDERS[kind].includes(role);
}

/** The kinds a role decides, in the order of APPROVAL_KINDS (the queue shows these). */
export function kindsDecidedBy(role: StaffRole): ApprovalKind[] {
  return APPROVAL_KINDS.filter((kind) => roleMayDecide(role, kind));
}

// Amounts are integer minor units in JSON (STYLE.md 1); the safe-integer bound keeps them exact.
const AmountMinor = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
const Currency = literalUnion(CURRENCY_CODES);
const StaffRoleSchema = literalUnion(STAFF_ROLES);
const SettlementDetails = Type.Object(
  {
    legalName: Type.String({ minLength: 2, maxLength: 160 }),
    bin: Type.String({ pattern: '^[0-9]{12}$' }),
    settlementIban: Type.String({ pattern: '^KZ[0-9]{2}[0-9A-Z]{16}$' }),
  },
  strict,
);

/**
 * What each kind carries beyond its subject, checked when it is asked for (a payload that does
 * not match is the calling module's bug). The owning module's executor reads it back typed.
 */
export const APPROVAL_PAYLOAD_SCHEMAS = {
  // The block to lift (modules/blocks, customer_blocks.id), the subject too: the checker's screen
  // reads it from the payload like every kind's details.
  unblock: Type.Object({ blockId: Type.String({ pattern: '^blk_[0-9a-f]{32}$' }) }, strict),
  // Which of the customer's transfer limits, its new value, and the one in force when it was asked:
  // the checker reads "from → to", and a limit changed since makes the request stale (modules/risk).
  limit_raise: Type.Object(
    {
      limit: literalUnion(['per_operation', 'per_day', 'per_month']),
      amountMinor: AmountMinor,
      currency: Currency,
      previousAmountMinor: AmountMinor,
    },
    strict,
  ),
  // The dispute case is the subject; the refund asked for, above the threshold that needs a checker.
  refund_above_threshold: Type.Object({ amountMinor: AmountMinor, currency: Currency }, strict),
  // The role asked for, and the one the staff member had when it was asked: a role changed since
  // makes the request stale, and approving it is refused (role-change.ts).
  role_change: Type.Object({ fromRole: StaffRoleSchema, toRole: StaffRoleSchema }, strict),
  // The provider's settlement details asked for, the ones in force when asked (the checker reads
  // "from → to") and the provider's version then: any change to the provider since makes the
  // request stale (modules/payments). Its name is here so the queue names it without a look-up.
  provider_settlement: Type.Object(
    {
      providerName: Type.String({ minLength: 1, maxLength: 80 }),
      providerVersion: Type.Integer({ minimum: 1 }),
      from: SettlementDetails,
      to: SettlementDetails,
    },
    strict,
  ),
} as const satisfies Record<ApprovalKind, unknown>;

export type ApprovalPayload<Kind extends ApprovalKind> = Static<(typeof APPROVAL_PAYLOAD_SCHEMAS)[Kind]>;

/** A request as every reader sees it. `payload` is typed by `kind` once narrowed (isApprovalOf). */
export interface Approval<Kind extends ApprovalKind = ApprovalKind> {
  id: string;
  kind: Kind;
  subjectId: string;
  /** The customer it is about: the subject for a customer kind, the case's or the block's customer otherwise. */
  customerId: string | null;
  payload: ApprovalPayload<Kind>;
  makerStaffId: string;
  reason: string;
  status: ApprovalStatus;
  createdAt: Date;
  expiresAt: Date;
  checkerStaffId: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  expiredAt: Date | null;
  /** What the executor returned, kept with the approval. */
  result: Record<string, unknown> | null;
}

export function isApprovalOf<Kind extends ApprovalKind>(approval: Approval, kind: Kind): approval is Approval<Kind> {
  return approval.kind === kind;
}

export const APPROVAL_DECISIONS = ['approve', 'reject'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** Why a decision was refused: a value, audited as approval.refused and mapped to a problem (approvals.errors.ts). */
export type DecideFailure =
  | 'not-found'
  | 'role-not-allowed'
  | 'own-request'
  | 'own-subject'
  | 'already-decided'
  | 'expired'
  | 'no-executor';

export type DecideResult = { ok: true; approval: Approval } | { ok: false; reason: DecideFailure; approval: Approval | null };

export type RequestResult = { ok: true; approval: Approval } | { ok: false; reason: 'already-pending'; pendingId: string };

/**
 * Carries out an approved request, in the transaction of the decision (so exactly once). It gets
 * the request as approved (checker and decidedAt set) and returns what the approval keeps as its
 * result; a business refusal throws a ProblemError, which undoes the decision too.
 */
export type ApprovalExecutor<Kind extends ApprovalKind = ApprovalKind> = (
  tx: Tx,
  request: Approval<Kind>,
) => Promise<Record<string, unknown>>;

/**
 * The locks an executor needs that other transactions take BEFORE the audit chain's (a customer's
 * block lock, which the emergency block takes first and audits after): taken in the decision's
 * transaction before its own first lock, the chain, so the two orders never cross. It is given
 * the request as read before any lock; the executor still finds the state under its own locks.
 */
export type ApprovalPreLock<Kind extends ApprovalKind = ApprovalKind> = (tx: Tx, request: Approval<Kind>) => Promise<void>;
