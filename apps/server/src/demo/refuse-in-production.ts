import { type Config, ConfigError } from '../config.js';
import type { Database } from '../db/database.js';
import { findDemoCustomers, maskPhoneForDisplay } from '../modules/identity/index.js';
import { findDemoStaff } from '../modules/staff/index.js';

/**
 * SECURITY.md 39: production never runs on a database with the demo customers in it, whatever
 * DEMO_DATA says now: their password is in the README. Checked after the migrations, at start.
 */
export async function refuseDemoCustomers(config: Config, db: Database): Promise<void> {
  if (config.nodeEnv !== 'production') return;
  const found = await findDemoCustomers(db);
  if (found.length > 0) {
    throw new ConfigError(
      config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR',
      `the database holds the demo customers ${found.map((customer) => maskPhoneForDisplay(customer.phone)).join(', ')}, ` +
        'whose password is published; production refuses it. Use a database without demo data, or close those customers first',
    );
  }
  // The demo staff likewise (modules/staff/demo.ts): their password and TOTP secrets are in the README.
  const staff = await findDemoStaff(db);
  if (staff.length === 0) return;
  throw new ConfigError(
    config.databaseUrl ? 'DATABASE_URL' : 'DATA_DIR',
    `the database holds the demo staff ${staff.map((member) => member.username).join(', ')}, whose password and TOTP secrets are ` +
      'published; production refuses it. Use a database without demo data',
  );
}
