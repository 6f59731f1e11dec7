import type { Queryable } from '../../db/database.js';
import type { DemoSeeder } from '../../demo/seeder.js';
import { newId } from '../../shared/ids.js';
import { hashPassword } from '../auth/index.js';
import type { StaffRole } from './permissions.js';
import { findDemoStaffUsers, insertStaffUser, type StaffUser } from './staff.repo.js';
import { sealTotpSecret } from './totp-at-rest.js';

/**
 * The demo staff of development (DEMO_DATA): one per role, TOTP enrolled already with a secret
 * printed in the README, so a developer adds it to an authenticator app and the browser journeys
 * compute the codes (otpauth). Known password and secrets: production refuses them (app.ts), by the
 * rows' `demo` mark, not by their usernames (a real bank may well have an "admin").
 */
export const DEMO_STAFF_PASSWORD = 'Kassa-Staff-2026!';

export const DEMO_STAFF = [
  {
    username: 'operator',
    displayName: 'Айгерим Касымова',
    role: 'operator',
    language: 'ru',
    totpSecret: 'NNQXG43BFVSGK3LPFVXXAZLSMF2G64RB',
  },
  {
    username: 'security',
    displayName: 'Нурлан Ахметов',
    role: 'security_officer',
    language: 'ru',
    totpSecret: 'NNQXG43BFVSGK3LPFVZWKY3VOJUXI6JB',
  },
  { username: 'admin', displayName: 'Dana Seitkali', role: 'admin', language: 'en', totpSecret: 'NNQXG43BFVSGK3LPFVQWI3LJNYWTENRB' },
] as const satisfies ReadonlyArray<{ username: string; displayName: string; role: StaffRole; language: string; totpSecret: string }>;

export const staffDemoSeeder: DemoSeeder<string[]> = {
  name: 'staff.demo',
  // A hash each (each its own salt), outside the transaction: Argon2 is slow.
  prepare: () => Promise.all(DEMO_STAFF.map(() => hashPassword(DEMO_STAFF_PASSWORD))),
  async write(ctx, tx, passwordHashes) {
    const now = ctx.clock.now();
    for (const [index, demo] of DEMO_STAFF.entries()) {
      const id = newId('stf');
      await insertStaffUser(tx, {
        id,
        username: demo.username,
        displayName: demo.displayName,
        role: demo.role,
        language: demo.language,
        passwordHash: passwordHashes[index] as string,
        totpSecretSealed: sealTotpSecret(ctx.config.keyring, id, demo.totpSecret),
        demo: true,
        createdBy: null,
        passwordChangeRequired: false,
        now,
      });
    }
  },
};

/** Demo staff in the database: production refuses to start on it (SECURITY.md 39). */
export function findDemoStaff(db: Queryable): Promise<StaffUser[]> {
  return findDemoStaffUsers(db);
}
