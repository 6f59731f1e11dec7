import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';
import { removeOnExit, signalOnExit } from './exit-cleanup.js';
import { freePort, sleep } from './ports.js';
import { type PostgresInstance, systemUserIds } from './postgres-instance.js';

/**
 * A PgBouncer of the test's own in front of one of its clusters: its own ini, auth file and
 * socket in a temporary directory, its log kept from its stderr, listening on a free port of 127.0.0.1, run in the foreground
 * as a child process (so its pid is the child's, and SIGKILL by that pid is a crash of PgBouncer).
 * The system's PgBouncer (a package's daemon on 6432) is never used or touched.
 *
 * PgBouncer refuses to run as root; then it runs as the `postgres` system user, like the cluster.
 *
 * pool_mode = session: PgBouncer 1.18 does not support named prepared statements in transaction
 * mode (a statement prepared on one server connection is missing on the next, "prepared statement
 * … does not exist"; support came in 1.21 with max_prepared_statements), and the server prepares
 * every parameterised statement (src/db/postgres.ts). Each client connection keeps its server
 * connection, and DISCARD ALL (server_reset_query) clears it for the next client.
 *
 * ignore_startup_parameters = options, statement_timeout: the server's connections carry two
 * startup parameters, `options` (`-c plan_cache_mode=force_custom_plan`) and node-postgres's
 * `statement_timeout` (30 s), and PgBouncer 1.18 refuses a connection with a startup parameter it
 * does not know (FATAL 08P01 "unsupported startup parameter: statement_timeout") unless it is
 * listed here. Listed, they are dropped: behind PgBouncer both settings have to come from the
 * database or role (ALTER DATABASE … SET), which the test does as an operator would.
 *
 * server_login_retry = 1: after a failed login to PostgreSQL (the cluster restarting) PgBouncer
 * waits this long before trying again and fails clients at once meanwhile; the default 15 s would
 * keep the service down that long after the database is back.
 */

const START_TIMEOUT_MS = 10_000;
const START_POLL_MS = 25;
const PROBE_TIMEOUT_MS = 1000;
const STOP_TIMEOUT_MS = 10_000;
const OUTPUT_KEPT_MAX_CHARS = 16_000;
const SYSTEM_USER = 'postgres';
const SHARED_PORT = 6432;

/** The pgbouncer binary (PGBOUNCER_BIN, or on PATH or in /usr/sbin), or null when it is not installed. */
export function pgbouncerBinary(): string | null {
  const fromEnv = process.env.PGBOUNCER_BIN;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin'].filter((dir) => dir !== '');
  for (const dir of dirs) if (existsSync(join(dir, 'pgbouncer'))) return join(dir, 'pgbouncer');
  return null;
}

export class PgBouncerInstance {
  readonly #binary: string;
  readonly #ids: { uid: number; gid: number } | null;
  readonly dir: string;
  readonly port: number;
  readonly #forgetDir: () => void;
  #child: ChildProcess | null = null;
  #output = '';
  starts = 0;

  private constructor(binary: string, dir: string, port: number, ids: { uid: number; gid: number } | null) {
    this.#binary = binary;
    this.dir = dir;
    this.port = port;
    this.#ids = ids;
    this.#forgetDir = removeOnExit(dir);
  }

  get iniFile(): string {
    return join(this.dir, 'pgbouncer.ini');
  }

  get pid(): number | null {
    const child = this.#child;
    return child && child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null;
  }

  /** Writes the ini and the auth file for `backend` and starts PgBouncer. */
  static async create(backend: PostgresInstance, options: { poolSize?: number } = {}): Promise<PgBouncerInstance> {
    const binary = pgbouncerBinary();
    if (!binary) throw new Error('pgbouncer is not installed (apt-get install pgbouncer, or set PGBOUNCER_BIN)');
    const ids = process.getuid?.() === 0 ? systemUserIds(SYSTEM_USER) : null;
    const dir = await mkdtemp(join(tmpdir(), 'kassa-crash-pgbouncer-'));
    const port = await freePort();
    const instance = new PgBouncerInstance(binary, dir, port, ids);
    try {
      if (port === SHARED_PORT) throw new Error('refusing to run a test PgBouncer on the usual port 6432');
      const authFile = join(dir, 'userlist.txt');
      // auth_type = trust still needs the user in the auth file.
      await writeFile(authFile, '"postgres" ""\n');
      await writeFile(
        instance.iniFile,
        [
          '; kassa crash tests: a PgBouncer of their own, reachable on 127.0.0.1 only',
          '[databases]',
          `* = host=127.0.0.1 port=${backend.port}`,
          '',
          '[pgbouncer]',
          'listen_addr = 127.0.0.1',
          `listen_port = ${port}`,
          `unix_socket_dir = ${dir}`,
          'auth_type = trust',
          `auth_file = ${authFile}`,
          // Session pooling: 1.18's transaction mode breaks the server's named prepared statements.
          'pool_mode = session',
          // The server's startup parameters (plan_cache_mode, statement_timeout); refused unless ignored.
          'ignore_startup_parameters = options, statement_timeout',
          `default_pool_size = ${options.poolSize ?? 40}`,
          'max_client_conn = 200',
          'server_login_retry = 1',
          '',
        ].join('\n'),
      );
      if (ids) {
        for (const path of [dir, authFile, instance.iniFile]) await chown(path, ids.uid, ids.gid);
      }
      await instance.start();
      return instance;
    } catch (error) {
      await instance.destroy();
      throw error;
    }
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Spawns PgBouncer in the foreground and waits until a query through it answers. */
  async start(): Promise<void> {
    if (this.pid !== null) throw new Error('PgBouncer is already running');
    const child = spawn(this.#binary, [this.iniFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(this.#ids ? { uid: this.#ids.uid, gid: this.#ids.gid } : {}),
    });
    this.#child = child;
    this.starts += 1;
    const forget = child.pid === undefined ? () => {} : signalOnExit(child.pid, 'SIGKILL');
    const keep = (chunk: Buffer) => {
      this.#output = (this.#output + String(chunk)).slice(-OUTPUT_KEPT_MAX_CHARS);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', forget);
    const spawned = new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    await spawned;
    const deadlineMs = performance.now() + START_TIMEOUT_MS;
    while (performance.now() < deadlineMs) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`pgbouncer exited with ${child.exitCode ?? child.signalCode} before it answered:\n${this.logTail()}`);
      if (await this.#answers()) return;
      await sleep(START_POLL_MS);
    }
    await this.kill();
    throw new Error(`pgbouncer did not answer within ${START_TIMEOUT_MS} ms:\n${this.logTail()}`);
  }

  /** SIGKILL by pid, and wait for the exit: its clients' connections break at once. */
  async kill(): Promise<void> {
    await this.#end('SIGKILL');
  }

  async #end(signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    const child = this.#child;
    if (!child || child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, signal);
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    }, STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  /** Whether a query through PgBouncer (to the `postgres` database) answers now. */
  async #answers(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: PROBE_TIMEOUT_MS });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  }

  /** Ends PgBouncer (SIGTERM, SIGKILL if it lingers) and removes its directory. */
  async destroy(): Promise<void> {
    await this.#end('SIGTERM');
    await rm(this.dir, { recursive: true, force: true });
    this.#forgetDir();
  }

  /** The tail of PgBouncer's log (its stderr in the foreground, every start), for a failure message. */
  logTail(chars = 4000): string {
    return this.#output.slice(-chars);
  }
}
