// `npm start`. In production (NODE_ENV=production) it runs the compiled server with plain node,
// and refuses to start without a build: building on a production host at start would need the dev
// dependencies there and would hide a deploy that skipped `npm run build`. Anywhere else it keeps
// the fresh-clone path of the README: it builds the web app if there is no build yet and runs the
// TypeScript sources through tsx. Either way SIGTERM and SIGINT reach the server, which drains
// its requests before it exits (docs/OPERATIONS.md).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const production = process.env.NODE_ENV === 'production';
const compiledMain = 'apps/server/dist/main.js';

let args;
if (production) {
  if (!existsSync(new URL(`../${compiledMain}`, import.meta.url))) {
    process.stderr.write(`${compiledMain} is missing: run npm run build first (NODE_ENV=production runs the compiled server)\n`);
    process.exit(1);
  }
  args = [compiledMain];
} else {
  await import('./ensure-web-build.mjs');
  args = ['--import', 'tsx', 'apps/server/src/main.ts'];
}

const server = spawn(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
