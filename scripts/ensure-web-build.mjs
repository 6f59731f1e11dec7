// Builds apps/web when its dist is missing (a fresh clone) or older than its sources, so `npm start`
// serves the app and `npm run test:e2e` tests the code as it is now, not a build left from before.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const webRoot = fileURLToPath(new URL('../apps/web/', import.meta.url));
const builtIndex = join(webRoot, 'dist/index.html');
// What goes into the build: a change to any of these makes the built app stale.
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', fileURLToPath(new URL('build-web.mjs', import.meta.url))];

/** The newest modification time under a file or folder, in ms. */
function newestMs(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMs(join(path, name)));
  return newest;
}

function staleReason() {
  if (!existsSync(builtIndex)) return 'first start';
  const builtMs = statSync(builtIndex).mtimeMs;
  const changed = SOURCES.map((source) => resolve(webRoot, source)).filter((path) => existsSync(path) && newestMs(path) > builtMs);
  return changed.length > 0 ? 'sources changed since the last build' : null;
}

const reason = staleReason();
if (reason) {
  process.stdout.write(`Building the web app (${reason})...\n`);
  execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { stdio: 'inherit' });
}
