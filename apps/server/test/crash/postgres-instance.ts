import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { removeOnExit, signalOnExit } from './exit-cleanup.js';
import { freePort, sleep } from './ports.js';
import { runCommand } from './run-command.js';

/**
 * A throwaway PostgreSQL cluster of the test's own: initdb into a temporary directory, one
 * postmaster on a free port of 127.0.0.1 with its socket in that directory, fsync on. The shared
 * server on 5432 is never touched: every command names this cluster's data directory, and the
 * only processes signalled are this cluster's postmaster (pg_ctl reads its pid from there).
 *
 * A cluster can be given a streaming standby of its own (pg_basebackup -R into another temporary
 * directory, another free port, hot standby), optionally synchronous, and the standby promoted:
 * the failover a managed service or Patroni performs, done by hand.
 *
 * PostgreSQL refuses to run as root; then the commands run as the `postgres` system user
 * (runuser) and the temporary directory is handed to it.
 */

const INITDB_TIMEOUT_MS = 60_000;
const PG_CTL_TIMEOUT_S = 30;
const PG_CTL_COMMAND_TIMEOUT_MS = (PG_CTL_TIMEOUT_S + 10) * 1000;
const BASE_BACKUP_TIMEOUT_MS = 60_000;
const STREAMING_WAIT_TIMEOUT_MS = 30_000;
const STREAMING_POLL_MS = 50;
const SHARED_SERVER_PORT = 5432;
const POSTGRES_LIB_DIR = '/usr/lib/postgresql';
const SYSTEM_USER = 'postgres';

export type RestartMode = 'fast' | 'immediate';

export interface StandbyOptions {
  /** The standby's application_name on the primary (pg_stat_replication, synchronous_standby_names). */
  name?: string;
  /**
   * The primary waits for the standby to flush each commit before acknowledging it
   * (synchronous_standby_names = the standby, synchronous_commit = on), so a failover loses
   * nothing that was acknowledged. Asynchronous replication may lose the last commits.
   */
  synchronous?: boolean;
}

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

/** The uid and gid of a system user (the one PostgreSQL and PgBouncer run as when the tests run as root). */
export function systemUserIds(name: string): { uid: number; gid: number } {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [user, , uid, gid] = line.split(':');
    if (user === name) return { uid: Number(uid), gid: Number(gid) };
  }
  throw new Error(`running as root, but there is no "${name}" user to run PostgreSQL and PgBouncer as`);
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

  /** A temporary directory (the system user's when running as root) and a free port, nothing started yet. */
  static async #allocate(): Promise<PostgresInstance> {
    const binDir = postgresBinDir();
    const asUser = process.getuid?.() === 0 ? SYSTEM_USER : null;
    const dir = await mkdtemp(join(tmpdir(), 'kassa-crash-pg-'));
    const port = await freePort();
    if (port === SHARED_SERVER_PORT) throw new Error('refusing to run a throwaway cluster on the shared port 5432');
    const instance = new PostgresInstance(binDir, dir, port, asUser);
    if (asUser) {
      const { uid, gid } = systemUserIds(asUser);
      await chown(dir, uid, gid).catch(async (error: unknown) => {
        await instance.destroy();
        throw error;
      });
    }
    return instance;
  }

  /**
   * initdb, configure, start, and create `databases`. `settings` are postgresql.conf lines
   * appended after the harness's own, so a later line wins (the benchmark's cluster asks for
   * PostgreSQL's default sizes and pg_stat_statements).
   */
  static async create(options: { databases?: readonly string[]; settings?: readonly string[] } = {}): Promise<PostgresInstance> {
    const instance = await PostgresInstance.#allocate();
    const { dir, port } = instance;
    try {
      // initdb's own flush of the new files is skipped (--no-sync): durability of the cluster's
      // files against an OS crash is not under test, the server's commits are (fsync = on).
      await runCommand(
        join(instance.#binDir, 'initdb'),
        ['-D', instance.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'],
        { timeoutMs: INITDB_TIMEOUT_MS, asUser: instance.#asUser },
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
          // A standby can be made from it (createStandby): WAL for replicas, senders for it and
          // for pg_basebackup's stream; initdb's pg_hba.conf lets replication in from 127.0.0.1
          // with the same trust as everything else.
          'wal_level = replica',
          'max_wal_senders = 4',
          'hot_standby = on',
          ...(options.settings?.length ? ['# settings of the caller', ...options.settings] : []),
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

  /**
   * A streaming standby of this running cluster: pg_basebackup -R (standby.signal, primary_conninfo)
   * into a new temporary directory, its own free port and socket directory, started as a hot
   * standby; returns once it streams (and, if synchronous, once the primary counts it as sync).
   * synchronous_standby_names is set on this primary only after the base backup, so the standby
   * does not inherit it: once promoted it must not wait for a standby of its own.
   */
  async createStandby(options: StandbyOptions = {}): Promise<PostgresInstance> {
    const name = options.name ?? 'kassa_standby';
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`standby name ${name}: lower-case letters, digits and _ only`);
    const standby = await PostgresInstance.#allocate();
    try {
      // -X stream: the WAL written meanwhile comes along; -R: standby.signal and primary_conninfo;
      // --no-sync as initdb's; -c fast: the primary's checkpoint at once, not spread out.
      const source = ['-h', '127.0.0.1', '-p', String(this.port), '-U', 'postgres'];
      await runCommand(
        join(this.#binDir, 'pg_basebackup'),
        ['-D', standby.dataDir, ...source, '-X', 'stream', '-R', '--no-sync', '-c', 'fast'],
        { timeoutMs: BASE_BACKUP_TIMEOUT_MS, asUser: this.#asUser },
      );
      // The copy carries the primary's postgresql.conf; later lines win.
      await appendFile(
        join(standby.dataDir, 'postgresql.conf'),
        [
          '',
          `# kassa crash tests: streaming standby of the cluster on port ${this.port}`,
          `port = ${standby.port}`,
          `unix_socket_directories = '${standby.dir}'`,
          'hot_standby = on',
          '',
        ].join('\n'),
      );
      // pg_basebackup -R wrote a primary_conninfo without a name; this one names the standby.
      await appendFile(
        join(standby.dataDir, 'postgresql.auto.conf'),
        `primary_conninfo = 'host=127.0.0.1 port=${this.port} user=postgres application_name=${name}'\n`,
      );
      await standby.start();
      if (options.synchronous) {
        await this.admin(async (client) => {
          await client.query(`ALTER SYSTEM SET synchronous_standby_names = '${name}'`);
          await client.query('ALTER SYSTEM SET synchronous_commit = on');
          await client.query('SELECT pg_reload_conf()');
        });
      }
      await this.#waitForStandby(name, options.synchronous ? 'sync' : null);
      return standby;
    } catch (error) {
      await standby.destroy();
      throw error;
    }
  }

  /** Waits until the primary lists the standby `name` as streaming (in `syncState`, when given). */
  async #waitForStandby(name: string, syncState: 'sync' | null): Promise<void> {
    const deadlineMs = performance.now() + STREAMING_WAIT_TIMEOUT_MS;
    let last = 'not connected';
    while (performance.now() < deadlineMs) {
      const row = await this.admin(
        async (client) =>
          (
            await client.query<{ state: string; sync_state: string }>(
              'SELECT state, sync_state FROM pg_stat_replication WHERE application_name = $1',
              [name],
            )
          ).rows[0],
      );
      if (row) last = `${row.state}, ${row.sync_state}`;
      if (row?.state === 'streaming' && (syncState === null || row.sync_state === syncState)) return;
      await sleep(STREAMING_POLL_MS);
    }
    throw new Error(`standby ${name} not streaming${syncState ? ` as ${syncState}` : ''} within ${STREAMING_WAIT_TIMEOUT_MS} ms (${last})`);
  }

  /** Ends recovery on a standby (`pg_ctl promote -w`: returns once it accepts writes). */
  async promote(): Promise<void> {
    await this.#pgCtl(['promote']);
  }

  /** Whether the cluster is a standby (in recovery) now. */
  async inRecovery(): Promise<boolean> {
    return this.admin(async (client) => (await client.query<{ r: boolean }>('SELECT pg_is_in_recovery() AS r')).rows[0]?.r === true);
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
