import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { ProblemError } from '../../shared/problem.js';
import { createTestStaff } from '../staff/staff.fixtures.js';
import { createApprovalExecutors } from './approvals.executors.js';
import { decideApproval, requestApproval } from './approvals.service.js';
import type { Approval, ApprovalExecutor } from './approvals.types.js';

/** Two apps in one process, as a test file or a tool beside the server builds them. */
let first: TestApp;
let second: TestApp;

beforeAll(async () => {
  [first, second] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => {
  await Promise.all([first.close(), second.close()]);
});

async function approveUnblock(t: TestApp): Promise<Approval> {
  const maker = await createTestStaff(t.app, 'security_officer');
  const checker = await createTestStaff(t.app, 'security_officer');
  const { customerId } = await registerCustomer(t.app);
  const blockId = `blk_${randomBytes(16).toString('hex')}`;
  const asked = await t.db.transaction((tx) =>
    requestApproval(tx, {
      kind: 'unblock',
      subjectId: blockId,
      customerId,
      payload: { blockId },
      makerStaffId: maker.staffId,
      reason: 'Identity checked in the branch',
      now: t.clock.now(),
      ttlHours: t.app.ctx.config.approvals.ttlHours,
    }),
  );
  if (!asked.ok) throw new Error(asked.reason);
  return decideApproval(t.app.ctx, {
    approvalId: asked.approval.id,
    checkerStaffId: checker.staffId,
    checkerRole: 'security_officer',
    decision: 'approve',
    note: null,
  });
}

describe('the executors of approvals', () => {
  it('belong to one registry each: what is registered in one is not in another', () => {
    const one = createApprovalExecutors();
    const other = createApprovalExecutors();
    const executor: ApprovalExecutor<'unblock'> = async () => ({});
    const undo = one.register('unblock', executor);
    expect(one.executorOf('unblock')).not.toBeNull();
    expect(other.executorOf('unblock')).toBeNull();
    undo();
    expect(one.executorOf('unblock')).toBeNull();
  });

  it('belong to the app that registered them: a stand-in in one app never runs for an approval in another', async () => {
    const ran: string[] = [];
    const undo = first.app.ctx.approvalExecutors.register('unblock', async (_tx, request) => {
      ran.push(request.id);
      return { standIn: true };
    });
    try {
      // The first app runs its stand-in; the second still has blocks' own executor, which finds no
      // such block and refuses (the decision is undone with it).
      expect((await approveUnblock(first)).result).toEqual({ standIn: true });
      const refused = await approveUnblock(second).then(
        () => null,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(ProblemError);
      expect(refused).toMatchObject({ code: 'block-lifted' });
      expect(ran).toHaveLength(1);
    } finally {
      undo();
    }
    // Withdrawn, the stand-in gives blocks' executor back to the first app.
    expect(first.app.ctx.approvalExecutors.executorOf('unblock')).toBe(second.app.ctx.approvalExecutors.executorOf('unblock'));
  });
});
