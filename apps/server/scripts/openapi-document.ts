import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { PgliteDatabase } from '../src/db/pglite.js';

/**
 * The OpenAPI document as the code defines it, built from the route schemas of an app in its
 * default (embedded) configuration, on an empty in-memory database. It is migrated because
 * buildApp reads the customers at start (the IINs at rest, identity/iin-at-rest.ts).
 */
export async function openApiDocument(): Promise<string> {
  const db = await PgliteDatabase.open({ dataDir: null });
  await migrate(db);
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }), { db });
  await app.ready();
  const document = JSON.stringify(app.swagger(), null, 2);
  await app.close();
  await db.close();
  return `${document}\n`;
}
