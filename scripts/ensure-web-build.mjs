// Builds apps/web once when its dist is missing (a fresh clone), so `npm start` serves the app.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../apps/web/dist/index.html', import.meta.url))) {
  process.stdout.write('Building the web app (first start only)...\n');
  execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { stdio: 'inherit' });
}
