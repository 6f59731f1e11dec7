// `npm run build -w apps/web` and `npm run build -w apps/backoffice`: the web app named by the
// argument (apps/web when there is none; the two are built alike) is built by Vite into
// dist.partial, which then replaces dist in one rename. A build killed or failed half-way leaves the
// previous dist (or none) and never a half-written one: `npm start` looks only for dist/index.html,
// so a partial build would be served for good.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, runnerImport } from 'vite';

/** The apps this script builds, by the folder the argument names. */
const APPS = ['apps/web', 'apps/backoffice'];
const app = process.argv[2] ?? 'apps/web';
if (!APPS.includes(app)) throw new Error(`build-web.mjs builds ${APPS.join(' or ')}, not ${app}`);
const webRoot = fileURLToPath(new URL(`../${app}/`, import.meta.url));
const partial = `${webRoot}dist.partial`;
const final = `${webRoot}dist`;

await checkCatalogs();
rmSync(partial, { recursive: true, force: true });
// vite.config.ts in the web root is read as usual; only the output folder differs.
await build({ root: webRoot, build: { outDir: partial, emptyOutDir: true } });
if (!existsSync(`${partial}/index.html`)) throw new Error('vite build produced no index.html');
precompress(partial);
rmSync(final, { recursive: true, force: true });
renameSync(partial, final);

/**
 * Vite does not typecheck, so the compiler's guard on kk.ts and en.ts (typed against ru.ts) is
 * not run here: a key missing or empty in any language fails the build (each app's src/i18n/completeness.ts).
 * Kazakh texts still equal to the English ones are listed as warnings.
 */
async function checkCatalogs() {
  // runnerImport sets NODE_ENV=development when it is unset, and the build after it would then
  // be a development build (React's dev bundle, import.meta.env.PROD false: no service worker).
  const nodeEnv = process.env.NODE_ENV;
  const { module } = await runnerImport(`${webRoot}src/i18n/completeness.ts`, { root: webRoot, configFile: false, logLevel: 'warn' });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
  const { errors, warnings } = module.checkShippedCatalogs();
  for (const warning of warnings) process.stderr.write(`i18n warning: ${warning}\n`);
  if (errors.length > 0) {
    throw new Error(`the translation catalogues are incomplete:\n  ${errors.join('\n  ')}`);
  }
}

/**
 * Brotli and gzip copies beside every text file, made once here at the highest levels, so the
 * server sends them as they are (@fastify/static preCompressed, http/web.ts) and compresses
 * nothing per request. Files that do not shrink by a tenth are left alone.
 */
function precompress(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      precompress(path);
      continue;
    }
    if (!/\.(js|css|html|svg|json|webmanifest|txt)$/.test(name)) continue;
    const content = readFileSync(path);
    const brotli = brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY } });
    const gzip = gzipSync(content, { level: 9 });
    if (brotli.length < content.length * 0.9) writeFileSync(`${path}.br`, brotli);
    if (gzip.length < content.length * 0.9) writeFileSync(`${path}.gz`, gzip);
  }
}
