import { loadConfig } from '../src/config.js';
import { migrationsCurrent } from '../src/db/migrate.js';
import { openDatabase } from '../src/db/open.js';
import { rewrapDataKeys, verifyCardKek } from '../src/modules/cards/vault/index.js';

/**
 * `npm run cards:rotate-key`: after a new key was put first in CARD_KEK and every server restarted
 * with it, re-wraps every data key of the card vault under it, so the older key can go
 * (docs/card-vault.md "Rotating CARD_KEK"). Only the data keys change (a few dozen rows); no PAN is
 * decrypted or rewritten. Safe beside live traffic (short batches, each its own transaction) and
 * idempotent: a second run re-wraps nothing. Prints the counts; exits 1 when a data key could not
 * be re-wrapped (it is under a key CARD_KEK no longer holds: put that key back).
 */
const config = loadConfig();
const db = await openDatabase(config);
let exitCode = 0;
try {
  if (!(await migrationsCurrent(db))) throw new Error('the database has migrations pending: run npm run migrate first');
  const kek = config.cardKek;
  console.log(`CARD_KEK current key: ${kek.current.id}; keys held: ${kek.all.map((key) => key.id).join(', ')}`);
  await verifyCardKek(db, kek);
  const report = await rewrapDataKeys(db, kek, new Date());
  const byKek = (counts: Record<string, number>) =>
    Object.entries(counts)
      .map(([kekId, keys]) => `${kekId}: ${keys}`)
      .join(', ') || 'none';
  console.log(`  data keys before: ${byKek(report.before.dataKeysByKek)}`);
  console.log(`  re-wrapped under ${kek.current.id}: ${report.rewrapped}`);
  console.log(`  data keys after:  ${byKek(report.after.dataKeysByKek)}`);
  console.log(`  PANs in the vault: ${report.after.pans} (unchanged: their data keys stay the same keys)`);
  console.log('Done. The older CARD_KEK keys wrap nothing now: remove them from CARD_KEK and restart every server.');
} catch (error) {
  exitCode = 1;
  console.error(`FAILED: ${error instanceof Error ? error.message : String(error)}`);
  console.error('Keep every CARD_KEK key a data key is still wrapped under.');
} finally {
  await db.close();
}
process.exitCode = exitCode;
