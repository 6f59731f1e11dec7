// `npm run build -w apps/server`: compiles apps/server/src to apps/server/dist (plain ESM that
// `node` runs without tsx) and copies beside the JavaScript every file the server reads at run
// time from its own folder, so `new URL('./x', import.meta.url)` finds it at the same relative
// place: today the migrations (db/migrations/*.sql) and the common-password list
// (modules/auth/common-passwords.txt). Fonts for pdfkit come from node_modules (dejavu-fonts-ttf)
// and the web apps from apps/web/dist and apps/backoffice/dist, found from dist exactly as from src. The shared
// formatting module (packages/format, @kassa/format) is TypeScript that tsx, Vite and vitest read as
// it is; it is compiled into dist/node_modules/@kassa/format, which Node's resolution finds from
// dist/**/*.js before the workspace link in the root node_modules (that link points at the sources).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = fileURLToPath(new URL('../apps/server/', import.meta.url));
const formatDir = fileURLToPath(new URL('../packages/format/', import.meta.url));
const srcDir = join(serverDir, 'src');
const distDir = join(serverDir, 'dist');

// Tests and their fixtures stay out of the build (tsconfig.build.json excludes them too).
const TEST_ONLY = /\.(test|fixtures)\.[cm]?[jt]sx?$/;
// A directory tree deeper than this is a symlink loop or a mistake, not source.
const DEPTH_MAX = 16;

function* filesUnder(dir, depth = 0) {
  if (depth > DEPTH_MAX) throw new Error(`${dir}: deeper than ${DEPTH_MAX} levels`);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path, depth + 1);
    else if (entry.isFile()) yield path;
  }
}

// A clean build: a file deleted from src (a dropped migration above all) must not live on in dist.
rmSync(distDir, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(serverDir, 'tsconfig.build.json')], { stdio: 'inherit' });

const formatDist = join(distDir, 'node_modules/@kassa/format');
execFileSync(process.execPath, [tsc, '-p', join(formatDir, 'tsconfig.build.json'), '--outDir', formatDist], { stdio: 'inherit' });
// Only what the server imports; the web app's locale-data entry stays with the sources.
const formatManifest = { name: '@kassa/format', private: true, type: 'module', exports: { '.': './index.js' } };
writeFileSync(join(formatDist, 'package.json'), `${JSON.stringify(formatManifest, null, 2)}\n`);

let copied = 0;
for (const path of filesUnder(srcDir)) {
  if (path.endsWith('.ts') || TEST_ONLY.test(path)) continue;
  const target = join(distDir, relative(srcDir, path));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(path, target);
  copied += 1;
}

// What the compiled server cannot start without; a missing one here is a broken build, not a
// surprise at the first login or the first migration.
const migrationsSrc = readdirSync(join(srcDir, 'db/migrations')).filter((file) => file.endsWith('.sql'));
const migrationsDist = readdirSync(join(distDir, 'db/migrations')).filter((file) => file.endsWith('.sql'));
if (migrationsSrc.length === 0 || migrationsDist.length !== migrationsSrc.length) {
  throw new Error(`dist has ${migrationsDist.length} migrations, src has ${migrationsSrc.length}`);
}
for (const required of ['main.js', 'db/migrate-cli.js', 'modules/auth/common-passwords.txt', 'node_modules/@kassa/format/index.js']) {
  if (!existsSync(join(distDir, required))) throw new Error(`dist/${required} is missing after the build`);
}
process.stdout.write(`apps/server/dist: compiled, ${copied} run-time files copied (${migrationsDist.length} migrations)\n`);
