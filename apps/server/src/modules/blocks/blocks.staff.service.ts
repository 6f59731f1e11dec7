import type { AppContext } from '../../context.js';
import { startOfDay } from '../../shared/datetime.js';
import { DEFAULT_LANGUAGE } from '../../shared/i18n.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { customerBirthDate, customerIinMatches, findCustomerById, normalizeFullName } from '../identity/index.js';
import { listHistory } from '../operations/index.js';
import type { StaffPrincipal } from '../staff/index.js';
import { BlockProblem } from './blocks.errors.js';
import { selectActiveBlocks, selectBlock } from './blocks.repo.js';
import { emergencyBlock } from './blocks.service.js';
import { weakBlockAnswer } from './blocks.staff-messages.js';
import type { BlockReason, BlockRecord, BlockSource } from './blocks.types.js';
import { withUnblockRequest } from './unblock.service.js';

/**
 * The staff's side of the emergency block (issue 13 item 4 (b), (c)): the list and one block for
 * the security officers who work them, a block on a customer by an operator on an identified call
 * or a security officer with a reason, and the operator's block on weaker identification when no
 * SMS can reach the lost phone.
 *
 * blocks cannot import calls (calls' customer file reads blocksOf: the two would import each
 * other), so app.ts hands calls' two gates in (StaffBlockGates), as it hands audit staff's guard.
 */

/** How a staff member may act on a customer (calls' staffCustomerAccess), as blocks needs it. */
export type CustomerAccessGate = (
  ctx: AppContext,
  staff: StaffPrincipal,
  customerId: string,
  reason: string | null,
  meta: RequestMeta,
) => Promise<{ via: 'call'; callId: string } | { via: 'officer'; reason: string }>;

/** The customer the staff member's live inbound call matched (calls' liveCallMatch); 404 for any other call. */
export type CallMatchGate = (
  ctx: AppContext,
  staff: StaffPrincipal,
  callId: string,
  meta: RequestMeta,
) => Promise<{ callId: string; customerId: string | null }>;

export interface StaffBlockGates {
  customerAccess: CustomerAccessGate;
  callMatch: CallMatchGate;
}

export const BLOCKS_PAGE_MAX = 100;
export const BLOCKS_PAGE_DEFAULT = 50;
/** "<createdAt ms>.<id>": where the next page starts, newest first. */
export const BLOCKS_CURSOR_PATTERN = '^[0-9]{1,15}\\.blk_[0-9a-f]{32}$';
/**
 * Item 4 (b): the caller must agree with at least this many of the checks the operator asks. One
 * fact (a name, a date of birth) is known to too many people; two of different kinds are what a
 * contact center asks when the code cannot be sent.
 */
export const WEAK_CHECKS_MATCHED_MIN = 2;
/** Operations of the day read to find one of the amount the caller names: a busy day's, with room. */
export const RECENT_OPERATIONS_READ_MAX = 100;
/**
 * The weak-identification answer leaves no sooner than this after the request arrived: a block
 * runs a transaction a refusal does not, and the time must not tell the operator which it was.
 */
export const WEAK_BLOCK_ANSWER_FLOOR_MS = 250;

function cursorOf(block: BlockRecord): string {
  return `${block.createdAt.getTime()}.${block.id}`;
}

function afterOf(cursor: string | null): { createdAt: Date; id: string } | null {
  if (cursor === null) return null;
  const [ms = '', id = ''] = cursor.split('.');
  return { createdAt: new Date(Number(ms)), id };
}

/** The blocks in force, newest first, each with its unblock request if one waits. */
export async function listActiveBlocks(
  ctx: AppContext,
  query: { cursor: string | null; limit: number },
): Promise<{ items: BlockRecord[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(1, query.limit), BLOCKS_PAGE_MAX);
  const rows = await selectActiveBlocks(ctx.db, { after: afterOf(query.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const now = ctx.clock.now();
  const last = page.at(-1);
  return {
    items: await Promise.all(page.map((block) => withUnblockRequest(ctx.db, block, now))),
    nextCursor: rows.length > limit && last ? cursorOf(last) : null,
  };
}

export async function getBlock(ctx: AppContext, blockId: string): Promise<BlockRecord> {
  const block = await selectBlock(ctx.db, blockId);
  if (!block) throw new ProblemError(BlockProblem['block-not-found']);
  return withUnblockRequest(ctx.db, block, ctx.clock.now());
}

function sourceOf(staff: StaffPrincipal): BlockSource {
  return staff.role === 'operator' ? 'operator' : 'security';
}

/**
 * A block on a customer the staff member may act on (calls' gate): an operator's identified call
 * on them, or a security officer's reason (the note). Anyone else: 404, audited by the gate.
 */
export async function blockCustomerByStaff(
  ctx: AppContext,
  gates: StaffBlockGates,
  input: { staff: StaffPrincipal; customerId: string; reason: BlockReason; note: string; meta: RequestMeta },
): Promise<{ block: BlockRecord; alreadyBlocked: boolean }> {
  const access = await gates.customerAccess(ctx, input.staff, input.customerId, input.note, input.meta);
  const result = await emergencyBlock(ctx, {
    customerId: input.customerId,
    source: sourceOf(input.staff),
    reason: input.reason,
    note: input.note,
    staffId: input.staff.staffId,
    auditContext: access.via === 'call' ? { via: 'call', callId: access.callId } : { via: 'officer' },
    meta: input.meta,
  });
  return { block: result.block, alreadyBlocked: result.alreadyBlocked };
}

export interface WeakChecks {
  iin?: string;
  fullName?: string;
  birthDate?: string;
  recentOperation?: { amountMinor: number; day: string };
}

type CheckName = keyof WeakChecks;

/** "бекова  айгерим" and "Бекова Айгерим" are one name: NFC, spaces, case, ё as е. */
function nameKey(name: string): string | null {
  return normalizeFullName(name)?.toLocaleLowerCase('ru').replaceAll('ё', 'е') ?? null;
}

const MS_PER_DAY = 86_400_000;

/** An operation of exactly that amount (either way) on that calendar day of the bank's time zone. */
async function operationOnDay(ctx: AppContext, customerId: string, check: { amountMinor: number; day: string }): Promise<boolean> {
  const nextDay = new Date(Date.parse(`${check.day}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);
  const from = startOfDay(check.day, ctx.config.bankTimeZone);
  const to = startOfDay(nextDay, ctx.config.bankTimeZone);
  const history = await listHistory(ctx, customerId, { from, to, limit: RECENT_OPERATIONS_READ_MAX }, DEFAULT_LANGUAGE);
  return history.items.some((item) => {
    const at = Date.parse(item.createdAt);
    return Math.abs(item.amountMinor) === check.amountMinor && at >= from.getTime() && at < to.getTime();
  });
}

/** Which of the checks given agree with the customer; each check is read only if it was given. */
async function matchedChecks(ctx: AppContext, customerId: string, checks: WeakChecks): Promise<CheckName[]> {
  const customer = await findCustomerById(ctx.db, customerId);
  if (!customer) return [];
  const matched: CheckName[] = [];
  if (checks.iin !== undefined && (await customerIinMatches(ctx.db, ctx.config.keyring, customerId, checks.iin))) matched.push('iin');
  if (checks.fullName !== undefined) {
    const given = nameKey(checks.fullName);
    if (given !== null && given === nameKey(customer.fullName)) matched.push('fullName');
  }
  if (checks.birthDate !== undefined && (await customerBirthDate(ctx.db, ctx.config.keyring, customerId)) === checks.birthDate)
    matched.push('birthDate');
  if (checks.recentOperation !== undefined && (await operationOnDay(ctx, customerId, checks.recentOperation)))
    matched.push('recentOperation');
  return matched;
}

/**
 * Item 4 (b): an operator on an inbound call whose caller's phone is lost blocks on weaker
 * identification. The customer the call's look-up matched must agree with at least
 * WEAK_CHECKS_MATCHED_MIN of the checks given. The answer is the same either way, and as slow
 * (WEAK_BLOCK_ANSWER_FLOOR_MS): blocking protects, so it may ask less, but it must not become a
 * way to test what a customer's IIN or birth date is. Audited with which checks were asked and
 * which matched (customer.blocked or customer.block_refused), never with the values.
 */
export async function blockOnCall(
  ctx: AppContext,
  gates: StaffBlockGates,
  input: { staff: StaffPrincipal; callId: string; reason: BlockReason; note: string; checks: WeakChecks; meta: RequestMeta },
): Promise<{ message: string }> {
  const started = performance.now();
  const call = await gates.callMatch(ctx, input.staff, input.callId, input.meta);
  const asked = (Object.keys(input.checks) as CheckName[]).filter((name) => input.checks[name] !== undefined);
  const matched = call.customerId ? await matchedChecks(ctx, call.customerId, input.checks) : [];
  const context = { via: 'weak-identification', callId: call.callId, checksAsked: asked, checksMatched: matched };
  if (call.customerId && matched.length >= WEAK_CHECKS_MATCHED_MIN) {
    await emergencyBlock(ctx, {
      customerId: call.customerId,
      source: 'operator',
      reason: input.reason,
      note: input.note,
      staffId: input.staff.staffId,
      auditContext: context,
      meta: input.meta,
    });
  } else {
    await recordAuditAlone(ctx.db, {
      event: 'customer.block_refused',
      customerId: call.customerId,
      meta: input.meta,
      details: { staffId: input.staff.staffId, reason: input.reason, matchedCustomer: call.customerId !== null, ...context },
      occurredAt: ctx.clock.now(),
    });
  }
  const waitMs = started + WEAK_BLOCK_ANSWER_FLOOR_MS - performance.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  return { message: weakBlockAnswer(input.meta.language) };
}
