import { type Static, Type } from 'typebox';
import type { Queryable } from '../../db/database.js';
import { Id, literalUnion, Timestamp } from '../../shared/schemas.js';
import { findCustomerById, maskName, maskPhoneForDisplay } from '../identity/index.js';
import { findStaffById, type StaffPrincipal } from '../staff/index.js';
import {
  APPROVAL_KIND_RULES,
  APPROVAL_KINDS,
  APPROVAL_STATUSES,
  APPROVAL_SUBJECT_TYPES,
  type Approval,
  type ApprovalSubjectType,
  isApprovalOf,
  roleMayDecide,
} from './approvals.types.js';

const StaffRef = Type.Object({ staffId: Id('stf'), displayName: Type.String() });

export const ApprovalView = Type.Object({
  id: Id('apr'),
  kind: literalUnion(APPROVAL_KINDS),
  status: literalUnion(APPROVAL_STATUSES, { description: 'A pending request past its time shows as expired, as a decision would find it' }),
  subject: Type.Object({
    type: literalUnion(APPROVAL_SUBJECT_TYPES),
    id: Type.String(),
    label: Type.String({
      description:
        'Masked: a customer’s (or a block’s customer’s) given name, surname initial and phone (+7 701 *** ** 67); a staff member’s name',
    }),
  }),
  payload: Type.Record(Type.String(), Type.Unknown(), { description: 'What the kind carries (APPROVAL_PAYLOAD_SCHEMAS)' }),
  maker: StaffRef,
  reason: Type.String(),
  createdAt: Timestamp,
  expiresAt: Timestamp,
  ageMs: Type.Integer({ description: 'Milliseconds since it was asked, counted on the server' }),
  expiresInMs: Type.Integer({ description: 'Milliseconds until it expires (0 when past), counted on the server' }),
  checker: Type.Union([StaffRef, Type.Null()]),
  decidedAt: Type.Union([Timestamp, Type.Null()]),
  decisionNote: Type.Union([Type.String(), Type.Null()]),
  expiredAt: Type.Union([Timestamp, Type.Null()]),
  result: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  canDecide: Type.Boolean({ description: 'Whether the staff member asking may approve or reject it now' }),
});
export type ApprovalViewJson = Static<typeof ApprovalView>;

// A staff member or customer gone from the records (never deleted, but a test database may lack
// one) is shown by id: the request stays readable.
const UNKNOWN_NAME = '—';

/** Names looked up once per answer: a page of requests has few distinct staff members. */
class Names {
  readonly #staff = new Map<string, Promise<string>>();
  constructor(private readonly db: Queryable) {}

  staff(staffId: string): Promise<string> {
    let name = this.#staff.get(staffId);
    if (!name) {
      name = findStaffById(this.db, staffId).then((staff) => staff?.displayName ?? UNKNOWN_NAME);
      this.#staff.set(staffId, name);
    }
    return name;
  }

  async customer(customerId: string | null): Promise<string> {
    const customer = customerId ? await findCustomerById(this.db, customerId) : null;
    return customer ? `${maskName(customer.fullName)}, ${maskPhoneForDisplay(customer.phone)}` : UNKNOWN_NAME;
  }

  async subject(type: ApprovalSubjectType, id: string, customerId: string | null, providerName: string | null): Promise<string> {
    switch (type) {
      case 'customer':
        return this.customer(id);
      // A block is shown by its customer, masked: the block's id says nothing to a checker.
      case 'block':
        return this.customer(customerId);
      case 'staff':
        return this.staff(id);
      case 'case':
        return id;
      // A provider is public: its name, which the request carries (approvals reads no provider table).
      case 'provider':
        return providerName ?? id;
    }
  }
}

function providerNameOf(approval: Approval): string | null {
  return isApprovalOf(approval, 'provider_settlement') ? approval.payload.providerName : null;
}

/** Whether `viewer` may approve or reject `approval` now (the service checks it again, under the lock). */
export function viewerMayDecide(approval: Approval, viewer: Pick<StaffPrincipal, 'staffId' | 'role'>, now: Date): boolean {
  return (
    approval.status === 'pending' &&
    approval.expiresAt.getTime() > now.getTime() &&
    roleMayDecide(viewer.role, approval.kind) &&
    approval.makerStaffId !== viewer.staffId &&
    !(APPROVAL_KIND_RULES[approval.kind].subject === 'staff' && approval.subjectId === viewer.staffId)
  );
}

/** Requests as the back office shows them: names, the subject masked, times counted on the server. */
export async function approvalViews(
  db: Queryable,
  approvals: readonly Approval[],
  viewer: Pick<StaffPrincipal, 'staffId' | 'role'>,
  now: Date,
): Promise<ApprovalViewJson[]> {
  const names = new Names(db);
  return Promise.all(
    approvals.map(async (approval): Promise<ApprovalViewJson> => {
      const subjectType = APPROVAL_KIND_RULES[approval.kind].subject;
      return {
        id: approval.id,
        kind: approval.kind,
        status: approval.status === 'pending' && approval.expiresAt.getTime() <= now.getTime() ? 'expired' : approval.status,
        subject: {
          type: subjectType,
          id: approval.subjectId,
          label: await names.subject(subjectType, approval.subjectId, approval.customerId, providerNameOf(approval)),
        },
        payload: approval.payload,
        maker: { staffId: approval.makerStaffId, displayName: await names.staff(approval.makerStaffId) },
        reason: approval.reason,
        createdAt: approval.createdAt.toISOString(),
        expiresAt: approval.expiresAt.toISOString(),
        ageMs: Math.max(0, now.getTime() - approval.createdAt.getTime()),
        expiresInMs: Math.max(0, approval.expiresAt.getTime() - now.getTime()),
        checker: approval.checkerStaffId
          ? { staffId: approval.checkerStaffId, displayName: await names.staff(approval.checkerStaffId) }
          : null,
        decidedAt: approval.decidedAt?.toISOString() ?? null,
        decisionNote: approval.decisionNote,
        expiredAt: approval.expiredAt?.toISOString() ?? null,
        result: approval.result,
        canDecide: viewerMayDecide(approval, viewer, now),
      };
    }),
  );
}
