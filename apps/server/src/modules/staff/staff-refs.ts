import { type Static, Type } from 'typebox';
import type { Queryable } from '../../db/database.js';
import { assert } from '../../shared/assert.js';
import { literalUnion } from '../../shared/schemas.js';
import { STAFF_ROLES } from './permissions.js';
import { findStaffByIds } from './staff.repo.js';

/**
 * Who at the bank took a step, as another module's staff view names them: the id, the display
 * name and the role (a case's timeline and notes, modules/disputes and modules/incidents). Read
 * through this lookup, never by joining staff_users: the table is this module's.
 */
export const StaffRefSchema = Type.Object({
  id: Type.String(),
  name: Type.String({ description: 'The display name the staff member was created with' }),
  role: literalUnion(STAFF_ROLES),
});
export type StaffRef = Static<typeof StaffRefSchema>;

/** The ids a case names are a handful (owner, notes' authors, steps' takers); a page names at most this many. */
export const STAFF_REFS_MAX = 500;

/**
 * The staff members of these ids, by id. Every id a case holds references staff_users (migration
 * 0022), and staff are disabled, never deleted: an id that is not found is a broken invariant.
 */
export async function staffRefsOf(db: Queryable, staffIds: Iterable<string>): Promise<ReadonlyMap<string, StaffRef>> {
  const ids = [...new Set(staffIds)];
  assert(ids.length <= STAFF_REFS_MAX, `at most ${STAFF_REFS_MAX} staff members are looked up at once`);
  const found = await findStaffByIds(db, ids);
  const refs = new Map(found.map((staff) => [staff.id, { id: staff.id, name: staff.displayName, role: staff.role }] as const));
  for (const id of ids) assert(refs.has(id), `staff member ${id} exists`);
  return refs;
}

/** The reference of one id from a map staffRefsOf made with it. */
export function staffRef(refs: ReadonlyMap<string, StaffRef>, staffId: string): StaffRef {
  const ref = refs.get(staffId);
  assert(ref !== undefined, `staff member ${staffId} was looked up`);
  return ref;
}
