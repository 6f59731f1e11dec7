// `npm run build -w apps/web`: Vite builds into dist.partial, which then replaces dist in one rename.
// A build killed or failed half-way leaves the previous dist (or none) and never a half-written
// one: `npm start` looks only for dist/index.html, so a partial build would be served for good.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const webRoot = fileURLToPath(new URL('../apps/web/', import.meta.url));
const partial = `${webRoot}dist.partial`;
const final = `${webRoot}dist`;

rmSync(partial, { recursive: true, force: true });
// vite.config.ts in the web root is read as usual; only the output folder differs.
await build({ root: webRoot, build: { outDir: partial, emptyOutDir: true } });
if (!existsSync(`${partial}/index.html`)) throw new Error('vite build produced no index.html');
rmSync(final, { recursive: true, force: true });
renameSync(partial, final);
