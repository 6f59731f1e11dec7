import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { signalOnExit } from './exit-cleanup.js';
import { freePort, sleep } from './ports.js';

/**
 * The real server (src/main.ts through `node --import tsx`, as in production but for the loader)
 * as a child process on one port of 127.0.0.1 for its whole life, so clients keep their address
 * across kills and restarts. Records every exit the test did not cause.
 */

const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
/** What is kept of the server's stderr and stdout, for the report and for failure messages. */
const OUTPUT_KEPT_MAX_CHARS = 32_000;
const READY_POLL_MS = 50;
const READY_PROBE_TIMEOUT_MS = 2000;
const STOP_TIMEOUT_MS = 20_000;
export const SERVER_READY_TIMEOUT_MS = 60_000;

export interface UnexpectedExit {
  atMs: number;
  /** Whether it had answered /readyz 200 before (otherwise it died while starting and start() threw). */
  afterReady: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderrTail: string;
}

/** Environment for a server in these tests: development mode for the dev SMS inbox, no demo data, quiet logs. */
export function serverEnv(database: { databaseUrl: string } | { dataDir: string }): Record<string, string> {
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    WEB_DIST_DIR: '/nonexistent',
    CODES_PER_IP_PER_HOUR_MAX: '100000',
    WORKER_POLL_MS: '20',
    ...('databaseUrl' in database
      ? { DATABASE_URL: database.databaseUrl, DATA_DIR: '' }
      : { DATABASE_URL: '', DATA_DIR: database.dataDir }),
  };
}

export class ServerProcess {
  readonly port: number;
  readonly #env: Record<string, string>;
  #child: ChildProcess | null = null;
  #killedByTest = new WeakSet<ChildProcess>();
  #readyOnce = new WeakSet<ChildProcess>();
  #stderr = '';
  #stdout = '';
  readonly unexpectedExits: UnexpectedExit[] = [];
  /** Called when the server exits on its own (the test may restart it). */
  onUnexpectedExit: ((exit: UnexpectedExit) => void) | null = null;
  starts = 0;

  private constructor(port: number, env: Record<string, string>) {
    this.port = port;
    this.#env = env;
  }

  static async create(env: Record<string, string>): Promise<ServerProcess> {
    return new ServerProcess(await freePort(), env);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | null {
    return this.#child?.exitCode === null ? (this.#child.pid ?? null) : null;
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The kept tail of stderr (every start appended). */
  get stderr(): string {
    return this.#stderr;
  }

  get stdout(): string {
    return this.#stdout;
  }

  /** Spawns the server and waits until /readyz answers 200; returns the milliseconds that took. */
  async start(timeoutMs = SERVER_READY_TIMEOUT_MS): Promise<number> {
    if (this.running) throw new Error('the server is already running');
    const startedAtMs = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
      cwd: SERVER_DIR,
      env: { ...process.env, ...this.#env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.#child = child;
    this.starts += 1;
    const forget = child.pid === undefined ? () => {} : signalOnExit(child.pid, 'SIGKILL');
    const marker = `--- start ${this.starts} (pid ${child.pid}) ---\n`;
    this.#stderr = (this.#stderr + marker).slice(-OUTPUT_KEPT_MAX_CHARS);
    this.#stdout = (this.#stdout + marker).slice(-OUTPUT_KEPT_MAX_CHARS);
    child.stderr?.on('data', (chunk) => {
      this.#stderr = (this.#stderr + String(chunk)).slice(-OUTPUT_KEPT_MAX_CHARS);
    });
    child.stdout?.on('data', (chunk) => {
      this.#stdout = (this.#stdout + String(chunk)).slice(-OUTPUT_KEPT_MAX_CHARS);
    });
    child.on('exit', (code, signal) => {
      forget();
      if (this.#killedByTest.has(child)) return;
      const afterReady = this.#readyOnce.has(child);
      const exit = { atMs: performance.now(), afterReady, code, signal, stderrTail: this.#stderr.slice(-4000) };
      this.unexpectedExits.push(exit);
      if (afterReady) this.onUnexpectedExit?.(exit);
    });
    const deadlineMs = startedAtMs + timeoutMs;
    while (performance.now() < deadlineMs) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the server exited with ${child.exitCode ?? child.signalCode} before it was ready:\n${this.#stderr.slice(-4000)}`);
      if (await this.ready()) {
        this.#readyOnce.add(child);
        return performance.now() - startedAtMs;
      }
      await sleep(READY_POLL_MS);
    }
    await this.kill();
    throw new Error(`the server was not ready within ${timeoutMs} ms:\n${this.#stderr.slice(-4000)}`);
  }

  /** Whether GET /readyz answers 200 now. */
  async ready(): Promise<boolean> {
    return fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(READY_PROBE_TIMEOUT_MS) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status === 200;
      },
      () => false,
    );
  }

  /** SIGKILL by pid, and wait for the exit: no chance to finish anything. */
  async kill(): Promise<void> {
    await this.#end('SIGKILL');
  }

  /** SIGTERM and wait for the exit code (SIGKILL if it does not come within the bound). */
  async stop(): Promise<number | null> {
    return this.#end('SIGTERM');
  }

  async #end(signal: 'SIGKILL' | 'SIGTERM'): Promise<number | null> {
    const child = this.#child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    this.#killedByTest.add(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    process.kill(child.pid, signal);
    const timer =
      signal === 'SIGTERM'
        ? setTimeout(() => {
            if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
          }, STOP_TIMEOUT_MS)
        : null;
    const code = await exited;
    if (timer) clearTimeout(timer);
    return code;
  }
}
