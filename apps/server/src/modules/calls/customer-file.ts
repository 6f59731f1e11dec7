import type { AppContext } from '../../context.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit, recordAuditAlone } from '../audit/index.js';
import { type DeviceView, listActiveSessions, listDevices, type SessionView } from '../auth/index.js';
import { findCustomerById, getProfile, type Profile } from '../identity/index.js';
import {
  type Account,
  type AccountStatus,
  type Currency,
  type CustomerAccountKind,
  isCustomerAccountKind,
  listAccountsByOwner,
  maskIban,
} from '../ledger/index.js';
import { listHistory, type OperationView } from '../operations/index.js';
import { CallProblem } from './calls.errors.js';
import { latestLiveCallOfStaffWithCustomer, readCall } from './calls.repo.js';
import { type CallStaff, FILE_OPERATIONS_SHOWN, isLive, overdueBefore, REASON_LENGTH_MIN } from './calls.types.js';

/**
 * The customer's file for staff (issue 13 items 2 and 8), and who may open it. An operator opens
 * a customer's file only on a live call of their own on which the caller read back the code sent
 * to that customer (identified by sms_code), and only while that call lasts: closing the call, or
 * CALL_DURATION_MAX_MINUTES, closes the file. An outbound call opens no file: the bank dialled the
 * number on file, which says who was called, not who answered. A security officer may open a file
 * without a call, from a case, with a reason. Every view is audited (customer.file.viewed) with
 * the call or the reason; every refusal answers 404, the same as for no such customer, and is
 * audited (SECURITY.md 23).
 *
 * Other modules' data is read only through their exports: the profile (identity), the accounts
 * (ledger), the history (operations), the sessions and devices (auth).
 */

/** Why a staff member may act on a customer now: the identified call, or the officer's reason. */
export type CustomerAccess = { via: 'call'; callId: string } | { via: 'officer'; reason: string };

/** An account as the file shows it: the IBAN masked, the balance and what holds reserve of it. */
export interface FileAccount {
  id: string;
  kind: CustomerAccountKind;
  currency: Currency;
  status: AccountStatus;
  displayName: string;
  maskedIban: string | null;
  balanceMinor: bigint;
  heldMinor: bigint;
}

function fileAccount(account: Account, kind: CustomerAccountKind): FileAccount {
  return {
    id: account.id,
    kind,
    currency: account.currency,
    status: account.status,
    displayName: account.displayName,
    maskedIban: account.iban ? maskIban(account.iban) : null,
    balanceMinor: account.balanceMinor,
    heldMinor: account.heldMinor,
  };
}

export interface CustomerFile {
  customerId: string;
  /** Masked: the phone and IIN as the customer's own profile shows them. */
  profile: Profile;
  status: 'active' | 'blocked' | 'closed';
  accounts: FileAccount[];
  operations: OperationView[];
  sessions: SessionView[];
  devices: DeviceView[];
  access: CustomerAccess;
}

async function denied(ctx: AppContext, staff: CallStaff, meta: RequestMeta, details: Record<string, unknown>): Promise<ProblemError> {
  await recordAuditAlone(ctx.db, {
    event: 'access.denied',
    customerId: null,
    meta,
    details: { resource: 'customer-file', staffId: staff.staffId, role: staff.role, ...details },
    occurredAt: ctx.clock.now(),
  });
  return new ProblemError(CallProblem['customer-file-not-found']);
}

/**
 * Whether this staff member may act on this customer now, for any staff route about a customer
 * (the file here; a block, a dispute elsewhere). Operators: a live call of theirs identified by
 * the code on this customer. Security officers: a reason. Anyone else, or no such call: 404,
 * audited. A success is not audited here: the caller audits what it does with the access.
 */
export async function staffCustomerAccess(
  ctx: AppContext,
  staff: CallStaff,
  customerId: string,
  reason: string | null,
  meta: RequestMeta,
): Promise<CustomerAccess> {
  if (staff.role === 'security_officer') {
    const trimmed = reason?.trim() ?? '';
    if (trimmed.length < REASON_LENGTH_MIN) throw new ProblemError(CallProblem['customer-file-reason-required']);
    const customer = await findCustomerById(ctx.db, customerId);
    if (!customer) throw await denied(ctx, staff, meta, { customerId, reason: 'no-such-customer' });
    return { via: 'officer', reason: trimmed };
  }
  if (staff.role === 'operator') {
    const call = await latestLiveCallOfStaffWithCustomer(ctx.db, {
      staffId: staff.staffId,
      customerId,
      identifiedBy: 'sms_code',
      startedAfter: overdueBefore(ctx.clock.now(), ctx.config.callDurationMaxMinutes),
    });
    if (call) return { via: 'call', callId: call.id };
  }
  throw await denied(ctx, staff, meta, { customerId, reason: 'no-identified-call' });
}

/** The file, read through the owning modules; in the staff member's language where it has texts. */
async function readFile(ctx: AppContext, customerId: string, access: CustomerAccess, meta: RequestMeta): Promise<CustomerFile> {
  const customer = await findCustomerById(ctx.db, customerId);
  if (!customer) throw new ProblemError(CallProblem['customer-file-not-found']);
  const now = ctx.clock.now();
  const [profile, accounts, history, sessions, devices] = await Promise.all([
    getProfile(ctx, customerId),
    listAccountsByOwner(ctx.db, customerId),
    listHistory(ctx, customerId, { limit: FILE_OPERATIONS_SHOWN }, meta.language),
    listActiveSessions(ctx.db, customerId, now),
    listDevices(ctx.db, customerId),
  ]);
  return {
    customerId,
    profile,
    status: customer.status,
    // Listed by owner, so every one is a customer's kind; the guard says so to the compiler.
    accounts: accounts.flatMap((account) => {
      const kind = account.kind;
      return isCustomerAccountKind(kind) ? [fileAccount(account, kind)] : [];
    }),
    operations: history.items,
    sessions,
    devices,
    access,
  };
}

async function auditView(ctx: AppContext, staff: CallStaff, customerId: string, access: CustomerAccess, meta: RequestMeta): Promise<void> {
  await ctx.db.transaction((tx) =>
    recordAudit(tx, {
      event: 'customer.file.viewed',
      customerId,
      meta,
      details: {
        staffId: staff.staffId,
        role: staff.role,
        ...(access.via === 'call' ? { callId: access.callId } : { reason: access.reason }),
      },
      occurredAt: ctx.clock.now(),
    }),
  );
}

/** The file of the customer identified on this call of the staff member's, while the call lasts. */
export async function callCustomerFile(ctx: AppContext, staff: CallStaff, callId: string, meta: RequestMeta): Promise<CustomerFile> {
  const call = await readCall(ctx.db, callId);
  const open =
    call !== null &&
    call.staffId === staff.staffId &&
    call.status === 'identified' &&
    call.identifiedBy === 'sms_code' &&
    call.customerId !== null &&
    isLive(call, ctx.clock.now(), ctx.config.callDurationMaxMinutes);
  if (!open || !call?.customerId) throw await denied(ctx, staff, meta, { callId, reason: 'call-not-identified' });
  const access: CustomerAccess = { via: 'call', callId: call.id };
  const file = await readFile(ctx, call.customerId, access, meta);
  await auditView(ctx, staff, call.customerId, access, meta);
  return file;
}

/** The file by the customer's id: an operator's identified call on them, or a security officer's reason. */
export async function customerFile(
  ctx: AppContext,
  staff: CallStaff,
  customerId: string,
  reason: string | null,
  meta: RequestMeta,
): Promise<CustomerFile> {
  const access = await staffCustomerAccess(ctx, staff, customerId, reason, meta);
  const file = await readFile(ctx, customerId, access, meta);
  await auditView(ctx, staff, customerId, access, meta);
  return file;
}
