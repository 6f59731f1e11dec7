// `npm start`: builds the web app if a fresh clone has no build yet, then runs the server.
import { spawn } from 'node:child_process';
import './ensure-web-build.mjs';

const server = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
