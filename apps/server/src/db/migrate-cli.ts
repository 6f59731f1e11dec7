import { loadConfig } from '../config.js';
import { migrate } from './migrate.js';
import { openDatabase } from './open.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  const { applied } = await migrate(db, { bankTimeZone: config.bankTimeZone });
  process.stdout.write(applied.length ? `Applied: ${applied.join(', ')}\n` : 'Database is up to date.\n');
} finally {
  await db.close();
}
