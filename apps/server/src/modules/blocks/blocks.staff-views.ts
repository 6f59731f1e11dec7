import { type Static, Type } from 'typebox';
import type { Queryable } from '../../db/database.js';
import { Id, literalUnion, Timestamp } from '../../shared/schemas.js';
import { findCustomerById, maskName, maskPhoneForDisplay } from '../identity/index.js';
import { findStaffById } from '../staff/index.js';
import { BLOCK_REASONS, BLOCK_SOURCES, type BlockRecord, blockState } from './blocks.types.js';

const StaffRef = Type.Object({ staffId: Type.String(), displayName: Type.String() });
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

/** A block as the back office shows it: the customer masked, who blocked and how, the unblock waiting. */
export const StaffBlockView = Type.Object({
  id: Id('blk'),
  customer: Type.Object({
    id: Id('cus'),
    label: Type.String({ description: 'Masked: the given name, the surname initial and the phone (+7 701 *** ** 67)' }),
  }),
  source: literalUnion(BLOCK_SOURCES),
  reason: literalUnion(BLOCK_REASONS),
  note: nullable(Type.String({ description: 'For staff only: what the caller said, the incident' })),
  state: literalUnion(['active', 'unblock-requested', 'lifted']),
  createdBy: nullable(StaffRef),
  createdAt: Timestamp,
  liftedAt: nullable(Timestamp),
  liftedBy: nullable(StaffRef),
  unblockRequest: nullable(
    Type.Object(
      { approvalId: Id('apr'), maker: StaffRef, createdAt: Timestamp, expiresAt: Timestamp },
      { description: 'The approval waiting' },
    ),
  ),
});
export type StaffBlockViewJson = Static<typeof StaffBlockView>;

// A staff member or customer missing from the records (never deleted; a test database may lack one) shows by id.
const UNKNOWN_NAME = '—';

/** Blocks as the staff see them; names looked up once per answer. */
export async function staffBlockViews(db: Queryable, blocks: readonly BlockRecord[], now: Date): Promise<StaffBlockViewJson[]> {
  const staffNames = new Map<string, Promise<string>>();
  const staff = async (staffId: string | null) => {
    if (!staffId) return null;
    let name = staffNames.get(staffId);
    if (!name) {
      name = findStaffById(db, staffId).then((found) => found?.displayName ?? UNKNOWN_NAME);
      staffNames.set(staffId, name);
    }
    return { staffId, displayName: await name };
  };
  return Promise.all(
    blocks.map(async (block): Promise<StaffBlockViewJson> => {
      const customer = await findCustomerById(db, block.customerId);
      const request = block.unblockRequest;
      const maker = request ? await staff(request.makerStaffId) : null;
      return {
        id: block.id,
        customer: {
          id: block.customerId,
          label: customer ? `${maskName(customer.fullName)}, ${maskPhoneForDisplay(customer.phone)}` : UNKNOWN_NAME,
        },
        source: block.source,
        reason: block.reason,
        note: block.note,
        state: blockState(block, now),
        createdBy: await staff(block.createdByStaffId),
        createdAt: block.createdAt.toISOString(),
        liftedAt: block.liftedAt?.toISOString() ?? null,
        liftedBy: await staff(block.liftedByStaffId),
        unblockRequest:
          request && maker
            ? {
                approvalId: request.approvalId,
                maker,
                createdAt: request.createdAt.toISOString(),
                expiresAt: request.expiresAt.toISOString(),
              }
            : null,
      };
    }),
  );
}
