import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import { migrationsCurrent } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { rekeyIins } from '../src/modules/identity/index.js';
import { resealTotpSecrets } from '../src/modules/staff/index.js';
import { resealCardTransferPans } from '../src/modules/transfers/index.js';
import type { Keyring } from '../src/shared/keyring.js';

/**
 * `npm run keys:rotate`: after a new key was put first in SECRET_KEY and every server restarted
 * with it, rewrites under the current key whatever is stored keyed by an older one, so the older
 * key can go (docs/OPERATIONS.md "Keys and rotation"). Safe beside live traffic: each rewriter
 * works in short batches, each one transaction, and resumes where a crash left off; running it
 * twice rewrites nothing the second time. Exits 1 when anything could not be rewritten.
 *
 * The extension point: what is stored keyed and lives long enough to outlast a rotation gets a
 * rewriter here. The rest ends on its own (docs/OPERATIONS.md lists each and how it rotates):
 * session token hashes and CSRF tokens end with their sessions (12 h at most); code hashes live
 * 5 minutes; the registration IIN binding and the cap counters' hashes live a day; the outbox's
 * sealed SMS texts are erased at delivery. PIN hashes and known-client hashes verify under every
 * key of the ring and are re-hashed under the current key at the device's or client's next login,
 * the only moment the PIN or the client id is at hand: no batch can rewrite them.
 */
interface KeyedAtRest {
  /** Where it is kept, for the report. */
  what: string;
  /** Rewrites every row keyed by an older key; returns how many it rewrote. */
  rewrite(db: Database, keyring: Keyring, now: Date): Promise<number>;
}

const KEYED_AT_REST: KeyedAtRest[] = [
  { what: 'customers.iin_sealed, customers.iin_hash (IINs and their look-up hash)', rewrite: rekeyIins },
  { what: 'staff_users.totp_secret_sealed (the staff TOTP secrets)', rewrite: resealTotpSecrets },
  { what: 'card_transfer_details.pan_sealed (card numbers of transfers not yet sent)', rewrite: resealCardTransferPans },
];

const config = loadConfig();
const db = await openDatabase(config);
let exitCode = 0;
try {
  if (!(await migrationsCurrent(db))) throw new Error('the database has migrations pending: run npm run migrate first');
  console.log(`Current key: ${config.keyring.current.id}; keys held: ${config.keyring.all.map((key) => key.id).join(', ')}`);
  for (const keyed of KEYED_AT_REST) {
    try {
      const rows = await keyed.rewrite(db, config.keyring, new Date());
      console.log(`  ${keyed.what}: ${rows} rewritten under ${config.keyring.current.id}`);
    } catch (error) {
      exitCode = 1;
      console.error(`  ${keyed.what}: FAILED: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(
    exitCode === 0
      ? 'Done. Keep the older keys until the short-lived hashes made with them have expired (docs/OPERATIONS.md).'
      : 'Some rows still need an older key: keep it in SECRET_KEY.',
  );
} finally {
  await db.close();
}
process.exitCode = exitCode;
