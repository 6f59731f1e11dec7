import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { PgliteDatabase } from '../src/db/pglite.js';

/**
 * The OpenAPI document as the code defines it, built from the route schemas of an app in its
 * default (embedded) configuration. No migrations are needed: nothing is queried.
 */
export async function openApiDocument(): Promise<string> {
  const db = await PgliteDatabase.open({ dataDir: null });
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }), { db });
  await app.ready();
  const document = JSON.stringify(app.swagger(), null, 2);
  await app.close();
  await db.close();
  return `${document}\n`;
}
