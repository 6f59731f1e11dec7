import type { Database } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { checkPasswordPolicy, hashPassword, passwordPolicyProblem } from '../auth/index.js';
import type { StaffRole } from './permissions.js';
import { StaffProblem } from './staff.errors.js';
import { insertStaffUser, listStaffUsers, type StaffUser } from './staff.repo.js';

/** Lowercase, a letter first, then letters, digits and . _ -: "a.bekova". The table's CHECK says the same. */
export const STAFF_USERNAME_PATTERN = '^[a-z][a-z0-9._-]{1,63}$';
export const STAFF_DISPLAY_NAME_LENGTH_MAX = 100;
// One page is the whole staff of a bank this size; the list is for an admin's screen.
export const STAFF_LISTED_MAX = 500;

// SECURITY.md 26: control, format (bidi overrides, zero-width) and line characters are refused in
// a name the back office and customers ("You are talking to …") will read.
const NAME_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** The display name as stored (NFC, spaces collapsed), or null when it is not a name. */
export function normalizeDisplayName(raw: string): string | null {
  const name = raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
  if (name.length === 0 || [...name].length > STAFF_DISPLAY_NAME_LENGTH_MAX) return null;
  if (NAME_FORBIDDEN.test(name) || !/\p{L}/u.test(name)) return null;
  return name;
}

export interface NewStaffInput {
  username: string;
  displayName: string;
  role: StaffRole;
  language: Language;
  password: string;
  /** The admin who created them; null for the first admin (npm run staff:create). */
  createdBy: string | null;
  meta: RequestMeta | null;
  now: Date;
}

/**
 * A new staff member with the customers' password policy and Argon2id hash, and no second factor
 * yet: they enrol TOTP by QR code at their first login. Used by the admin route and by
 * `npm run staff:create` (scripts/staff-create.ts), which has a database but no app.
 */
export async function createStaffUser(db: Database, input: NewStaffInput): Promise<StaffUser> {
  const username = input.username.trim().toLowerCase();
  if (!new RegExp(STAFF_USERNAME_PATTERN).test(username))
    throw new Error(`"${input.username}" is not a staff username (${STAFF_USERNAME_PATTERN})`);
  const displayName = normalizeDisplayName(input.displayName);
  if (!displayName) throw new ProblemError(StaffProblem['staff-name-invalid']);
  const policy = checkPasswordPolicy(input.password);
  if (policy) throw passwordPolicyProblem(policy);
  const passwordHash = await hashPassword(input.password);
  const id = newId('stf');
  return db.transaction(async (tx) => {
    const inserted = await insertStaffUser(tx, {
      id,
      username,
      displayName,
      role: input.role,
      language: input.language,
      passwordHash,
      totpSecretSealed: null,
      demo: false,
      createdBy: input.createdBy,
      // An admin typed this password, so it is the member's only until they set their own; the
      // first admin (createdBy null) typed their own on the terminal.
      passwordChangeRequired: input.createdBy !== null,
      now: input.now,
    });
    if (!inserted) throw new ProblemError(StaffProblem['staff-username-taken']);
    await recordAudit(tx, {
      event: 'staff.created',
      meta: input.meta,
      details: { staffId: id, username, role: input.role, createdBy: input.createdBy, passwordChangeRequired: input.createdBy !== null },
      occurredAt: input.now,
    });
    return {
      id,
      username,
      displayName,
      role: input.role,
      language: input.language,
      status: 'active',
      totpEnrolledAt: null,
      passwordChangeRequired: input.createdBy !== null,
      createdAt: input.now,
    };
  });
}

export function listStaff(db: Database): Promise<StaffUser[]> {
  return listStaffUsers(db, STAFF_LISTED_MAX);
}
