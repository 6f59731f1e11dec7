import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ProblemError } from '../../shared/problem.js';
import { verifyAuditChain } from '../audit/index.js';
import { createTestStaff, type TestStaff } from '../staff/staff.fixtures.js';
import { findApproval } from './approvals.repo.js';
import { type DecideApprovalInput, decideApproval, requestApproval } from './approvals.service.js';
import { type Approval, type ApprovalExecutor, isApprovalOf } from './approvals.types.js';

const MS_PER_HOUR = 3_600_000;

let t: TestApp;
let maker: TestStaff;
let checker: TestStaff;
let otherChecker: TestStaff;
let admin: TestStaff;
let customerId: string;
/** What the test executor of `unblock` was given, one entry per execution. */
const executed: Approval[] = [];
let executor: ApprovalExecutor<'unblock'> = async (_tx, request) => {
  executed.push(request);
  return { lifted: request.payload.blockId };
};
let unregister: () => void;

beforeAll(async () => {
  t = await createTestApp();
  // The blocks module owns the real executor; this test stands in one that counts its calls.
  unregister = t.app.ctx.approvalExecutors.register('unblock', (tx, request) => executor(tx, request));
  maker = await createTestStaff(t.app, 'security_officer');
  checker = await createTestStaff(t.app, 'security_officer');
  otherChecker = await createTestStaff(t.app, 'security_officer');
  admin = await createTestStaff(t.app, 'admin');
  customerId = (await registerCustomer(t.app)).customerId;
});
afterAll(async () => {
  unregister();
  await t.close();
});

/** One block per customer: an unblock's subject is the block, its customer rides along. */
const blocks = new Map<string, string>();
function blockOf(customer: string): string {
  const id = blocks.get(customer) ?? `blk_${randomBytes(16).toString('hex')}`;
  blocks.set(customer, id);
  return id;
}

async function askUnblock(customer = customerId): Promise<Approval> {
  const asked = await t.db.transaction((tx) =>
    requestApproval(tx, {
      kind: 'unblock',
      subjectId: blockOf(customer),
      customerId: customer,
      payload: { blockId: blockOf(customer) },
      makerStaffId: maker.staffId,
      reason: 'Identity checked in the branch against the ID card',
      now: t.clock.now(),
      ttlHours: t.app.ctx.config.approvals.ttlHours,
    }),
  );
  if (!asked.ok) throw new Error(`request refused: ${asked.reason}`);
  return asked.approval;
}

function decide(approval: Approval, who: TestStaff, role: DecideApprovalInput['checkerRole'], decision: 'approve' | 'reject' = 'approve') {
  return decideApproval(t.app.ctx, {
    approvalId: approval.id,
    checkerStaffId: who.staffId,
    checkerRole: role,
    decision,
    note: decision === 'reject' ? 'The customer could not be reached' : null,
  });
}

async function problemOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ProblemError)) throw new Error(`expected a problem, got ${String(error)}`);
  return error.code;
}

async function auditOf(
  approvalId: string,
): Promise<Array<{ event: string; details: Record<string, unknown>; customer_id: string | null }>> {
  const { rows } = await t.db.query<{ event: string; details: Record<string, unknown>; customer_id: string | null }>(
    "SELECT event, details, customer_id FROM audit_events WHERE details->>'approvalId' = $1 ORDER BY seq",
    [approvalId],
  );
  return rows;
}

/** Each test leaves the customer with no pending unblock, so the next may ask again. */
async function settle(approval: Approval): Promise<void> {
  const now = await findApproval(t.db, approval.id);
  if (now?.status === 'pending') await decide(approval, checker, 'security_officer', 'reject');
}

describe('maker-checker approvals', () => {
  it('refuses the maker deciding their own request, either way, and audits each attempt', async () => {
    const approval = await askUnblock();
    expect(await problemOf(decide(approval, maker, 'security_officer'))).toBe('approval-own-request');
    expect(await problemOf(decide(approval, maker, 'security_officer', 'reject'))).toBe('approval-own-request');

    expect((await findApproval(t.db, approval.id))?.status).toBe('pending');
    const refused = (await auditOf(approval.id)).filter((row) => row.event === 'approval.refused');
    expect(refused).toHaveLength(2);
    expect(refused[0]?.details).toMatchObject({
      staffId: maker.staffId,
      makerStaffId: maker.staffId,
      reason: 'own-request',
      decision: 'approve',
    });
    expect(executed.filter((request) => request.id === approval.id)).toEqual([]);
    await settle(approval);
  });

  it('lets a second security officer approve: the executor runs once, its result is kept, maker and checker are audited', async () => {
    const approval = await askUnblock();
    if (!isApprovalOf(approval, 'unblock')) throw new Error('an unblock');
    const lifted = approval.payload.blockId;
    const approved = await decide(approval, checker, 'security_officer');

    expect(approved).toMatchObject({ status: 'approved', checkerStaffId: checker.staffId, result: { lifted } });
    const ran = executed.filter((request) => request.id === approval.id);
    expect(ran).toHaveLength(1);
    // The executor sees the request as approved, with its checker.
    expect(ran[0]).toMatchObject({ status: 'approved', checkerStaffId: checker.staffId, makerStaffId: maker.staffId });
    const stored = await findApproval(t.db, approval.id);
    expect(stored).toMatchObject({ status: 'approved', checkerStaffId: checker.staffId, result: { lifted } });
    const audit = await auditOf(approval.id);
    expect(audit.map((row) => row.event)).toEqual(['approval.requested', 'approval.approved']);
    expect(audit[0]).toMatchObject({
      customer_id: customerId,
      details: { staffId: maker.staffId, makerStaffId: maker.staffId, kind: 'unblock' },
    });
    expect(audit[1]).toMatchObject({
      customer_id: customerId,
      details: { staffId: checker.staffId, makerStaffId: maker.staffId, checkerStaffId: checker.staffId },
    });
    expect(await problemOf(decide(approval, otherChecker, 'security_officer'))).toBe('approval-already-decided');
  });

  it('executes once when two checkers approve at the same moment', async () => {
    const approval = await askUnblock();
    const outcomes = await Promise.allSettled([
      decide(approval, checker, 'security_officer'),
      decide(approval, otherChecker, 'security_officer'),
    ]);

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'approval-already-decided' });
    expect(executed.filter((request) => request.id === approval.id)).toHaveLength(1);
    expect((await auditOf(approval.id)).filter((row) => row.event === 'approval.approved')).toHaveLength(1);
  });

  it('rejects with the checker’s note, runs nothing, and a rejected request cannot be approved later', async () => {
    const approval = await askUnblock();
    const rejected = await decide(approval, checker, 'security_officer', 'reject');
    expect(rejected).toMatchObject({
      status: 'rejected',
      checkerStaffId: checker.staffId,
      decisionNote: 'The customer could not be reached',
      result: null,
    });
    expect(executed.filter((request) => request.id === approval.id)).toEqual([]);
    expect(await problemOf(decide(approval, otherChecker, 'security_officer'))).toBe('approval-already-decided');
    expect((await auditOf(approval.id)).map((row) => row.event)).toEqual(['approval.requested', 'approval.rejected', 'approval.refused']);
  });

  it('refuses a role that does not decide the kind (an admin on an unblock)', async () => {
    const approval = await askUnblock();
    expect(await problemOf(decide(approval, admin, 'admin'))).toBe('approval-role-not-allowed');
    expect((await findApproval(t.db, approval.id))?.status).toBe('pending');
    await settle(approval);
  });

  it('keeps one pending request per kind and subject, and names the pending one', async () => {
    const first = await askUnblock();
    const second = await t.db.transaction((tx) =>
      requestApproval(tx, {
        kind: 'unblock',
        subjectId: blockOf(customerId),
        customerId,
        payload: { blockId: blockOf(customerId) },
        makerStaffId: otherChecker.staffId,
        reason: 'Asked again',
        now: t.clock.now(),
        ttlHours: 24,
      }),
    );
    expect(second).toEqual({ ok: false, reason: 'already-pending', pendingId: first.id });
    await settle(first);
  });

  it('refuses an approval whose executor refuses, and keeps the request pending with nothing written', async () => {
    const approval = await askUnblock();
    const before = executor;
    executor = async () => {
      throw new ProblemError('approval-stale');
    };
    try {
      expect(await problemOf(decide(approval, checker, 'security_officer'))).toBe('approval-stale');
    } finally {
      executor = before;
    }
    expect((await findApproval(t.db, approval.id))?.status).toBe('pending');
    expect((await auditOf(approval.id)).map((row) => row.event)).toEqual(['approval.requested']);
    await settle(approval);
  });

  it('refuses a payload that does not match its kind (a programmer’s error)', async () => {
    await expect(
      t.db.transaction((tx) =>
        requestApproval(tx, {
          kind: 'unblock',
          subjectId: blockOf(customerId),
          payload: { blockId: 'blk_not-an-id' },
          makerStaffId: maker.staffId,
          reason: 'x',
          now: t.clock.now(),
          ttlHours: 24,
        }),
      ),
    ).rejects.toThrow(/payload of a unblock request/);
  });

  it('treats a request past its time as expired when decided, and the sweep expires the rest', async () => {
    const late = await askUnblock();
    const other = await registerCustomer(t.app);
    const swept = await askUnblock(other.customerId);
    t.clock.advance(t.app.ctx.config.approvals.ttlHours * MS_PER_HOUR + 1000);

    expect(await problemOf(decide(late, checker, 'security_officer'))).toBe('approval-expired');
    expect(await findApproval(t.db, late.id)).toMatchObject({ status: 'expired', checkerStaffId: null });
    expect(executed.filter((request) => request.id === late.id)).toEqual([]);
    expect((await auditOf(late.id)).at(-1)?.details).toMatchObject({ reason: 'expired', checkerStaffId: checker.staffId });

    expect((await findApproval(t.db, swept.id))?.status).toBe('pending');
    const run = await t.app.ctx.retention.runOnce();
    expect(run.approval_requests_expired).toBeGreaterThanOrEqual(1);
    expect(await findApproval(t.db, swept.id)).toMatchObject({ status: 'expired' });
    expect(await problemOf(decide(swept, checker, 'security_officer'))).toBe('approval-already-decided');
    // Expired, the customer can be asked about again.
    await settle(await askUnblock(other.customerId));
  });

  it('never lets the staff member whose role changes decide it, nor the maker', async () => {
    const otherAdmin = await createTestStaff(t.app, 'admin');
    const subject = await createTestStaff(t.app, 'admin');
    const asked = await t.db.transaction((tx) =>
      requestApproval(tx, {
        kind: 'role_change',
        subjectId: subject.staffId,
        payload: { fromRole: 'admin', toRole: 'operator' },
        makerStaffId: admin.staffId,
        reason: 'Moves to the contact center',
        now: t.clock.now(),
        ttlHours: 24,
      }),
    );
    if (!asked.ok) throw new Error('refused');
    const input = (who: TestStaff, role: DecideApprovalInput['checkerRole']) =>
      decideApproval(t.app.ctx, {
        approvalId: asked.approval.id,
        checkerStaffId: who.staffId,
        checkerRole: role,
        decision: 'reject',
        note: 'no',
      });
    expect(await problemOf(input(subject, 'admin'))).toBe('approval-own-subject');
    expect(await problemOf(input(admin, 'admin'))).toBe('approval-own-request');
    expect(await problemOf(input(checker, 'security_officer'))).toBe('approval-role-not-allowed');
    expect(await input(otherAdmin, 'admin')).toMatchObject({ status: 'rejected', checkerStaffId: otherAdmin.staffId });
    expect(asked.approval.customerId).toBeNull();
  });

  it('leaves the audit chain whole', async () => {
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });
});
