import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open.js';
import { checkLedgerInvariants } from '../src/modules/ledger/index.js';

/**
 * Checks the ledger invariants of the configured database (DATABASE_URL, or the embedded PGlite
 * in DATA_DIR) and exits 1 when any is broken, so it can run from cron, CI or after a crash test.
 * It reads one repeatable-read snapshot and writes nothing, so it is safe beside live traffic.
 */
const config = loadConfig();
const db = await openDatabase(config);
let exitCode = 0;
try {
  const report = await checkLedgerInvariants(db);
  if (report.ok) {
    console.log('Ledger invariants hold.');
  } else {
    exitCode = 1;
    console.error(`Ledger invariants broken (${report.violations.length}):`);
    for (const violation of report.violations) console.error(`  - ${violation}`);
  }
} finally {
  await db.close();
}
process.exitCode = exitCode;
