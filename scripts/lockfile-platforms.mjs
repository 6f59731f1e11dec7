// npm leaves optional platform binaries it cannot fetch out of package-lock.json (this machine's
// registry mirror has only the Linux builds of some), and `npm ci` then refuses the lock as out
// of sync. This records each missing optional dependency with its os/cpu/libc from the package
// name, exactly as npm would; npm ci then skips them on other platforms. Run after `npm install`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const PLATFORM = /-(android|darwin|linux|win32|freebsd)-(arm64|x64|ia32|arm)(-(musl|gnu|msvc))?$/;
let added = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const match = PLATFORM.exec(name);
    const base = location === '' ? '' : `${location}/`;
    const key = `${base}node_modules/${name}`;
    if (!match || lock.packages[key] || lock.packages[`node_modules/${name}`]) continue;
    const [, os, cpu, , libc] = match;
    lock.packages[key] = {
      version: String(version).replace(/^[\^~]/, ''),
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      os: [os],
      cpu: [cpu],
      ...(os === 'linux' ? { libc: [libc === 'musl' ? 'musl' : 'glibc'] } : {}),
    };
    added += 1;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lockfile: recorded ${added} optional platform packages`);
