import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { removeOnExit, signalOnExit } from './exit-cleanup.js';
import { freePort } from './ports.js';
import { runCommand } from './run-command.js';

/**
 * A throwaway PostgreSQL cluster of the test's own: initdb into a temporary directory, one
 * postmaster on a free port of 127.0.0.1 with its socket in that directory, fsync on. The shared
 * server on 5432 is never touched: every command names this cluster's data directory, and the
 * only processes signalled are this cluster's postmaster (pg_ctl reads its pid from there).
 *
 * PostgreSQL refuses to run as root; then the commands run as the `postgres` system user
 * (runuser) and the temporary directory is handed to it.
 */

const INITDB_TIMEOUT_MS = 60_000;
const PG_CTL_TIMEOUT_S = 30;
const PG_CTL_COMMAND_TIMEOUT_MS = (PG_CTL_TIMEOUT_S + 10) * 1000;
const SHARED_SERVER_PORT = 5432;
const POSTGRES_LIB_DIR = '/usr/lib/postgresql';
const SYSTEM_USER = 'postgres';

export type RestartMode = 'fast' | 'immediate';

/** The newest installed server version's bin directory (/usr/lib/postgresql/<version>/bin), or PG_BIN_DIR. */
export function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) return fromEnv;
  const versions = existsSync(POSTGRES_LIB_DIR)
    ? readdirSync(POSTGRES_LIB_DIR)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(POSTGRES_LIB_DIR, name, 'bin', 'pg_ctl')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const newest = versions[0];
  if (!newest) throw new Error(`no PostgreSQL server binaries under ${POSTGRES_LIB_DIR}/<version>/bin (set PG_BIN_DIR)`);
  return join(POSTGRES_LIB_DIR, newest, 'bin');
}

function systemUserIds(name: string): { uid: number; gid: number } {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name) return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error(`running as root, but there is no "${name}" user to run PostgreSQL as`);
}

export class PostgresInstance {
  readonly #binDir: string;
  readonly #asUser: string | null;
  readonly dir: string;
  readonly port: number;
  readonly #forgetDir: () => void;
  #forgetPostmaster: () => void = () => {};

  private constructor(binDir: string, dir: string, port: number, asUser: string | null) {
    this.#binDir = binDir;
    this.dir = dir;
    this.port = port;
    this.#asUser = asUser;
    this.#forgetDir = removeOnExit(dir);
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  get logFile(): string {
    return join(this.dir, 'postgres.log');
  }

  /** initdb, configure, start, and create `databases`. */
  static async create(options: { databases?: readonly string[] } = {}): Promise<PostgresInstance> {
    const binDir = postgresBinDir();
    const asUser = process.getuid?.() === 0 ? SYSTEM_USER : null;
    const dir = await mkdtemp(join(tmpdir(), 'kassa-crash-pg-'));
    const port = await freePort();
    if (port === SHARED_SERVER_PORT) throw new Error('refusing to run a throwaway cluster on the shared port 5432');
    const instance = new PostgresInstance(binDir, dir, port, asUser);
    try {
      if (asUser) {
        const { uid, gid } = systemUserIds(asUser);
        await chown(dir, uid, gid);
      }
      // initdb's own flush of the new files is skipped (--no-sync): durability of the cluster's
      // files against an OS crash is not under test, the server's commits are (fsync = on).
      await runCommand(
        join(binDir, 'initdb'),
        ['-D', instance.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'],
        { timeoutMs: INITDB_TIMEOUT_MS, asUser },
      );
      await appendFile(
        join(instance.dataDir, 'postgresql.conf'),
        [
          '',
          '# kassa crash tests: a cluster of their own, reachable on 127.0.0.1 only',
          "listen_addresses = '127.0.0.1'",
          `port = ${port}`,
          `unix_socket_directories = '${dir}'`,
          'fsync = on',
          'synchronous_commit = on',
          'full_page_writes = on',
          'max_connections = 60',
          'shared_buffers = 32MB',
          '',
        ].join('\n'),
      );
      await instance.start();
      for (const name of options.databases ?? []) await instance.admin((client) => client.query(`CREATE DATABASE ${name}`));
      return instance;
    } catch (error) {
      await instance.destroy();
      throw error;
    }
  }

  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** The postmaster's pid from its data directory, or null when it is not running. */
  postmasterPid(): number | null {
    const file = join(this.dataDir, 'postmaster.pid');
    if (!existsSync(file)) return null;
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  }

  async start(): Promise<void> {
    await this.#pgCtl(['-l', this.logFile, 'start']);
    this.#watchPostmaster();
  }

  /** Stops with `mode` (fast: backends end with 57P01 and a checkpoint; immediate: no checkpoint, crash recovery on start). */
  async stop(mode: RestartMode): Promise<void> {
    await this.#pgCtl(['-m', mode, 'stop']);
    this.#forgetPostmaster();
  }

  /** `pg_ctl restart -m fast`, or an immediate stop and a start (crash recovery). */
  async restart(mode: RestartMode): Promise<void> {
    if (mode === 'fast') {
      await this.#pgCtl(['-m', 'fast', '-l', this.logFile, 'restart']);
      this.#watchPostmaster();
    } else {
      await this.stop('immediate');
      await this.start();
    }
  }

  /** If this process ends before destroy(), the postmaster gets SIGQUIT (its immediate shutdown) by pid. */
  #watchPostmaster(): void {
    this.#forgetPostmaster();
    const pid = this.postmasterPid();
    this.#forgetPostmaster = pid === null ? () => {} : signalOnExit(pid, 'SIGQUIT');
  }

  async admin<T>(work: (client: pg.Client) => Promise<T>, database = 'postgres'): Promise<T> {
    const client = new pg.Client({ connectionString: this.url(database) });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  /** Ends the cluster (immediate stop; its postmaster by pid if pg_ctl fails) and removes its directory. */
  async destroy(): Promise<void> {
    if (this.postmasterPid() !== null) {
      await this.stop('immediate').catch(() => {
        const pid = this.postmasterPid();
        // SIGQUIT is PostgreSQL's immediate shutdown: the postmaster ends its own backends.
        if (pid !== null) process.kill(pid, 'SIGQUIT');
      });
    }
    this.#forgetPostmaster();
    await rm(this.dir, { recursive: true, force: true });
    this.#forgetDir();
  }

  /** The tail of the cluster's log, for a failure message. */
  logTail(chars = 4000): string {
    return existsSync(this.logFile) ? readFileSync(this.logFile, 'utf8').slice(-chars) : '';
  }

  #pgCtl(args: readonly string[]): Promise<string> {
    return runCommand(join(this.#binDir, 'pg_ctl'), ['-D', this.dataDir, '-w', '-t', String(PG_CTL_TIMEOUT_S), ...args], {
      timeoutMs: PG_CTL_COMMAND_TIMEOUT_MS,
      asUser: this.#asUser,
    });
  }
}
