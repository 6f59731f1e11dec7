// Builds the web app (apps/web) and the back office (apps/backoffice) when a dist is missing (a
// fresh clone) or older than its sources, so `npm start` serves both and `npm run test:e2e` tests
// the code as it is now, not a build left from before.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// What goes into every build besides the app's own folder: the design system, the formatting
// module and the build script. A change to any of these makes the built apps stale.
const SHARED_SOURCES = ['packages/ui/src', 'packages/format/src', 'scripts/build-web.mjs'];
const APPS = [
  { name: 'the web app', dir: 'apps/web', sources: ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'] },
  { name: 'the back office', dir: 'apps/backoffice', sources: ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'] },
];

/** The newest modification time under a file or folder, in ms. */
function newestMs(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMs(join(path, name)));
  return newest;
}

function staleReason(app) {
  const appRoot = join(repoRoot, app.dir);
  const builtIndex = join(appRoot, 'dist/index.html');
  if (!existsSync(builtIndex)) return 'first start';
  const builtMs = statSync(builtIndex).mtimeMs;
  const sources = [...app.sources.map((source) => resolve(appRoot, source)), ...SHARED_SOURCES.map((source) => resolve(repoRoot, source))];
  const changed = sources.filter((path) => existsSync(path) && newestMs(path) > builtMs);
  return changed.length > 0 ? 'sources changed since the last build' : null;
}

for (const app of APPS) {
  const reason = staleReason(app);
  if (!reason) continue;
  process.stdout.write(`Building ${app.name} (${reason})...\n`);
  execFileSync('npm', ['run', 'build', '-w', app.dir], { stdio: 'inherit', cwd: repoRoot });
}
