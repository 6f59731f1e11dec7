/**
 * `npm run bench:transfers`: own-account transfers per second through the real HTTP API on a real
 * PostgreSQL, printed beside pgbench's built-in TPC-B-like transaction on the same server in the
 * same run (DESIGN.md §6: the ratio is the figure that counts).
 *
 * DATABASE_URL names a maintenance database of the server (postgres://postgres@127.0.0.1:5432/postgres);
 * the script creates and drops `kassa_bench_pgbench` and recreates `kassa_bench` next to it.
 * Traffic goes only to 127.0.0.1 and every phase is bounded in time.
 *
 * Environment (all optional but DATABASE_URL):
 *   BENCH_SECONDS      length of the pgbench run and of each HTTP phase (30)
 *   BENCH_CONCURRENCY  HTTP requests in flight at once (64)
 *   BENCH_CUSTOMERS    customers of the random-accounts phase, two KZT accounts each (64)
 *   BENCH_HOT_SOURCES  source accounts of the one customer whose transfers all go into one account (32)
 *   BENCH_HOT_SESSIONS sessions (logins) of that customer sharing the load (8)
 *   BENCH_PGBENCH      "false" skips pgbench and uses BENCH_PGBENCH_TPS for the ratios (development only)
 *   BENCH_CPU_PROF     a directory: the server writes a V8 CPU profile there when it stops (development only)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PostgresDatabase } from '../apps/server/src/db/postgres.js';
import { depositFromSettlement } from '../apps/server/src/modules/accounts/index.js';
import { makeIin } from '../apps/server/src/modules/identity/index.js';
import { checkLedgerInvariants, getAccount } from '../apps/server/src/modules/ledger/index.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KASSA_DATABASE = 'kassa_bench';
const PGBENCH_DATABASE = 'kassa_bench_pgbench';
const PGBENCH_SCALE = 10;
const PGBENCH_CLIENTS = 8;
const PGBENCH_THREADS = 2;
const PASSWORD = 'Steppe-Horse-Battery-42';
/** Enough for every account to pay a maximal transfer on every request of a long run. */
const FUNDING_PER_ACCOUNT_MINOR = 1_000_000_000_000n;
const TRANSFER_AMOUNT_MAX_MINOR = 10_000;
const SETUP_CONCURRENCY = 4;
const SERVER_READY_TIMEOUT_MS = 60_000;
const SERVER_STOP_TIMEOUT_MS = 20_000;
const SMS_WAIT_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 15_000;
const CALIBRATION_SECONDS = 3;
const RSS_SAMPLE_MS = 250;

function envInteger(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer ${min}-${max}, got "${raw}"`);
  return value;
}

const maintenanceUrl = process.env.DATABASE_URL;
if (!maintenanceUrl) {
  console.error('DATABASE_URL is required, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:transfers');
  process.exit(2);
}
const seconds = envInteger('BENCH_SECONDS', 30, 1, 600);
const concurrency = envInteger('BENCH_CONCURRENCY', 64, 1, 1000);
const customerCount = envInteger('BENCH_CUSTOMERS', 64, 1, 2000);
const hotSourceCount = envInteger('BENCH_HOT_SOURCES', 32, 1, 90);
const hotSessionCount = envInteger('BENCH_HOT_SESSIONS', 8, 1, 100);
const runPgbench = process.env.BENCH_PGBENCH !== 'false';

function databaseUrl(name: string): string {
  const url = new URL(maintenanceUrl as string);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function recreateDatabase(name: string): Promise<void> {
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise(output);
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// pgbench: the yardstick

async function measurePgbench(): Promise<{ tps: number; latencyMs: number | null }> {
  await recreateDatabase(PGBENCH_DATABASE);
  const url = databaseUrl(PGBENCH_DATABASE);
  try {
    await run('pgbench', ['-i', '-q', '-s', String(PGBENCH_SCALE), url], 300_000);
    const output = await run(
      'pgbench',
      ['-c', String(PGBENCH_CLIENTS), '-j', String(PGBENCH_THREADS), '-M', 'prepared', '-T', String(seconds), url],
      (seconds + 60) * 1000,
    );
    const tps = /tps = ([0-9.]+) \(without initial connection time\)/.exec(output)?.[1];
    if (!tps) throw new Error(`no TPS in pgbench output:\n${output}`);
    const latency = /latency average = ([0-9.]+) ms/.exec(output)?.[1];
    return { tps: Number(tps), latencyMs: latency ? Number(latency) : null };
  } finally {
    await admin((client) => client.query(`DROP DATABASE IF EXISTS ${PGBENCH_DATABASE} WITH (FORCE)`));
  }
}

// ---------------------------------------------------------------------------------------------
// The server under test, as a child process

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no port'))));
    });
  });
}

interface Server {
  child: ChildProcess;
  pid: number;
  port: number;
}

async function startServer(): Promise<Server> {
  const port = await freePort();
  // BENCH_CPU_PROF=dir writes a V8 CPU profile of the server there (node --cpu-prof) when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', resolve(process.env.BENCH_CPU_PROF)] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      NODE_ENV: 'development',
      DATABASE_URL: databaseUrl(KASSA_DATABASE),
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_DATA: 'false',
      LOG_LEVEL: 'warn',
      WEB_DIST_DIR: '/nonexistent',
      CODES_PER_IP_PER_HOUR_MAX: '100000',
      CODES_PER_PHONE_PER_HOUR_MAX: '1000',
      // Every customer comes from this one address: the general per-IP limits would stop the set-up.
      RATE_LIMIT_REGISTRATION_PER_IP_PER_HOUR_MAX: '100000',
      RATE_LIMIT_LOGIN_PER_IP_PER_MINUTE_MAX: '100000',
      RATE_LIMIT_CODES_PER_IP_PER_MINUTE_MAX: '100000',
      RATE_LIMIT_ACCOUNT_OPENING_PER_IP_PER_DAY_MAX: '100000',
      // The hot-account phase opens up to 90 accounts for one customer (BENCH_HOT_SOURCES).
      RATE_LIMIT_ACCOUNT_OPENING_PER_CUSTOMER_PER_DAY_MAX: '1000',
    },
  });
  if (!child.pid) throw new Error('the server did not start');
  const server = { child, pid: child.pid, port };
  const deadline = Date.now() + SERVER_READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ready = await request(server, 'GET', '/readyz').catch(() => null);
    if (ready?.status === 200) return server;
    await sleep(200);
  }
  await stopServer(server);
  throw new Error('the server was not ready in time');
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise<void>((resolvePromise) => server.child.once('exit', () => resolvePromise()));
  process.kill(server.pid, 'SIGTERM');
  const timer = setTimeout(() => {
    if (server.child.exitCode === null) process.kill(server.pid, 'SIGKILL');
  }, SERVER_STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** VmRSS or VmHWM of a process in MiB, from /proc (Linux). */
function memoryMib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return kib ? Number(kib) / 1024 : Number.NaN;
}

/** CPU seconds a process has used (user + system), from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU seconds used so far by every local PostgreSQL process (the server runs on this machine in
 * the benchmark's setting; elsewhere this reads 0). Backends that exit between two readings take
 * their time with them, so this is a floor; the benchmark's connections live through each phase.
 */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch {
      // The process ended while we read: nothing to count.
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine. */
function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

// ---------------------------------------------------------------------------------------------
// HTTP client: node:http with keep-alive, one socket per in-flight request

let agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });

interface Answer {
  status: number;
  body: unknown;
}

function request(server: Pick<Server, 'port'>, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return new Promise<Answer>((resolvePromise, reject) => {
    const payload = body === undefined ? null : JSON.stringify(body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          ...headers,
          ...(payload === null ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text.length > 0) parsed = JSON.parse(text);
          resolvePromise({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    if (payload !== null) req.write(payload);
    req.end();
  });
}

async function expectStatus(answer: Promise<Answer>, status: number, what: string): Promise<Record<string, unknown>> {
  const { status: got, body } = await answer;
  if (got !== status) throw new Error(`${what}: expected ${status}, got ${got} ${JSON.stringify(body)}`);
  return body as Record<string, unknown>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolvePromise) => setTimeout(resolvePromise, ms));
}

/** Runs `work` over `items` with at most `limit` at once. */
async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index] as T, index);
      }
    }),
  );
  return results;
}

// ---------------------------------------------------------------------------------------------
// Customers through the public API, codes from the dev SMS inbox

const CODE_PATTERN = /(?:Код|Code|код:) (\d{6})/;

async function newCode(server: Server, phone: string, seenIds: Set<string>): Promise<string> {
  const deadline = Date.now() + SMS_WAIT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const inbox = await expectStatus(request(server, 'GET', `/api/v1/dev/sms?phone=${encodeURIComponent(phone)}&limit=10`), 200, 'dev sms');
    for (const message of inbox.items as Array<{ id: string; text: string }>) {
      if (seenIds.has(message.id)) continue;
      seenIds.add(message.id);
      const code = CODE_PATTERN.exec(message.text)?.[1];
      if (code) return code;
    }
    await sleep(100);
  }
  throw new Error(`no code SMS for ${phone}`);
}

/** Names are letters only (identity refuses digits): 1 → "Ba", 2 → "Bb", … */
function lettersOf(serial: number): string {
  let letters = '';
  for (let rest = serial; rest > 0; rest = Math.floor(rest / 26)) letters = String.fromCharCode(97 + (rest % 26)) + letters;
  return `B${letters}`;
}

interface Customer {
  customerId: string;
  phone: string;
  tokens: string[];
  accountIds: string[];
  seenSmsIds: Set<string>;
}

async function registerCustomer(server: Server, serial: number): Promise<Customer> {
  const phone = `+7701${String(serial).padStart(7, '0')}`;
  const iin = makeIin('1990-05-17', serial % 2 ? 'male' : 'female', serial % 10_000);
  if (!iin) throw new Error(`no IIN for serial ${serial}`);
  const seenSmsIds = new Set<string>();
  const started = await expectStatus(request(server, 'POST', '/api/v1/registration', { phone, language: 'en' }), 201, 'registration');
  const code = await newCode(server, phone, seenSmsIds);
  await expectStatus(request(server, 'POST', `/api/v1/registration/${started.registrationId}/phone`, { code }), 204, 'registration phone');
  const completed = await expectStatus(
    request(server, 'POST', `/api/v1/registration/${started.registrationId}/complete`, {
      iin,
      fullName: `Bench ${lettersOf(serial)}`,
      password: PASSWORD,
      agreement: 'banking',
      client: 'mobile',
    }),
    201,
    'registration complete',
  );
  const customer = completed.customer as { id: string };
  return { customerId: customer.id, phone, tokens: [String(completed.token)], accountIds: [], seenSmsIds };
}

async function logIn(server: Server, customer: Customer): Promise<string> {
  const started = await expectStatus(
    request(server, 'POST', '/api/v1/auth/login', { login: customer.phone, password: PASSWORD, client: 'mobile' }),
    200,
    'login',
  );
  const code = await newCode(server, customer.phone, customer.seenSmsIds);
  const confirmed = await expectStatus(
    request(server, 'POST', `/api/v1/auth/login/${started.loginId}/confirm`, { code }),
    200,
    'login confirm',
  );
  return String(confirmed.token);
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Opens `extra` more KZT current accounts and returns all the customer's account ids. */
async function openAccounts(server: Server, customer: Customer, extra: number): Promise<string[]> {
  const token = customer.tokens[0] as string;
  for (let index = 0; index < extra; index += 1)
    await expectStatus(request(server, 'POST', '/api/v1/accounts', { currency: 'KZT' }, bearer(token)), 201, 'open account');
  const list = await expectStatus(request(server, 'GET', '/api/v1/accounts', undefined, bearer(token)), 200, 'accounts');
  return (list.items as Array<{ id: string; currency: string }>).filter((a) => a.currency === 'KZT').map((a) => a.id);
}

/**
 * Funding goes through the ledger's own path for cash deposits (a balanced operation against the
 * bank's settlement account), never a bare INSERT, so the invariants hold from the first posting.
 */
async function fund(db: PostgresDatabase, accountIds: readonly string[]): Promise<void> {
  await eachLimited(accountIds, SETUP_CONCURRENCY, async (accountId) => {
    const account = await getAccount(db, accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    await db.transaction((tx) => depositFromSettlement(tx, account, FUNDING_PER_ACCOUNT_MINOR, 'bench funding'));
  });
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadResult {
  requests: number;
  completed: number;
  declined: number;
  errors: number;
  errorSamples: string[];
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverRssPeakMib: number;
  serverCpuCores: number;
  postgresCpuCores: number;
  clientCpuCores: number;
  machineBusyPercent: number;
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

/**
 * Keeps `concurrency` requests in flight until the deadline; each loop sends its next request as
 * soon as the previous answer arrives (a closed loop, like pgbench's clients).
 */
async function load(server: Server, durationS: number, next: () => { path: string; body?: unknown; headers: Record<string, string> }) {
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let completed = 0;
  let declined = 0;
  let errors = 0;
  let rssPeakMib = memoryMib(server.pid, 'VmRSS');
  const sampler = setInterval(() => {
    rssPeakMib = Math.max(rssPeakMib, memoryMib(server.pid, 'VmRSS'));
  }, RSS_SAMPLE_MS);
  const serverCpuBefore = cpuSeconds(server.pid);
  const postgresCpuBefore = postgresCpuSeconds();
  const clientCpuBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  const startedMs = performance.now();
  const deadlineMs = startedMs + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadlineMs) {
        const { path, body, headers } = next();
        const sentMs = performance.now();
        try {
          const answer = await request(server, body === undefined ? 'GET' : 'POST', path, body, headers);
          latencies.push(performance.now() - sentMs);
          const status = (answer.body as { status?: unknown } | null)?.status;
          if (answer.status === 201 && status === 'completed') completed += 1;
          else if (answer.status === 201 && status === 'declined') declined += 1;
          else if (answer.status !== 200 && answer.status !== 201) {
            errors += 1;
            if (errorSamples.length < 5) errorSamples.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          }
        } catch (error) {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(String(error));
        }
      }
    }),
  );
  const elapsedS = (performance.now() - startedMs) / 1000;
  clearInterval(sampler);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  const machineAfter = machineJiffies();
  const sorted = Float64Array.from(latencies).sort();
  const result: LoadResult = {
    requests: latencies.length,
    completed,
    declined,
    errors,
    errorSamples,
    perSecond: (completed + declined) / elapsedS,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    serverRssPeakMib: rssPeakMib,
    serverCpuCores: (cpuSeconds(server.pid) - serverCpuBefore) / elapsedS,
    postgresCpuCores: (postgresCpuSeconds() - postgresCpuBefore) / elapsedS,
    clientCpuCores: (clientCpu.user + clientCpu.system) / 1e6 / elapsedS,
    machineBusyPercent: (100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total),
  };
  return result;
}

function randomInt(maxExclusive: number): number {
  return Math.floor(Math.random() * maxExclusive);
}

let keySerial = 0;
function transferRequest(token: string, sourceAccountId: string, destinationAccountId: string) {
  keySerial += 1;
  return {
    path: '/api/v1/transfers',
    headers: { ...bearer(token), 'idempotency-key': `bench-${process.pid}-${keySerial}` },
    body: {
      kind: 'own',
      sourceAccountId,
      destinationAccountId,
      amountMinor: 1 + randomInt(TRANSFER_AMOUNT_MAX_MINOR),
      currency: 'KZT',
    },
  };
}

function format(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function printLoad(name: string, result: LoadResult, pgbenchTps: number): void {
  console.log(`\n${name}`);
  console.log(`  transfers/s          ${format(result.perSecond)}   (ratio to pgbench TPS: ${format(result.perSecond / pgbenchTps, 2)})`);
  console.log(`  completed / declined ${result.completed} / ${result.declined}, errors ${result.errors}`);
  console.log(`  latency p50 / p99    ${format(result.p50Ms)} ms / ${format(result.p99Ms)} ms`);
  console.log(`  server RSS peak      ${format(result.serverRssPeakMib)} MiB`);
  console.log(
    `  CPU                  server ${format(result.serverCpuCores, 2)} cores, PostgreSQL ${format(result.postgresCpuCores, 2)} cores, load generator ${format(result.clientCpuCores, 2)} cores, machine ${format(result.machineBusyPercent, 0)}% busy`,
  );
  console.log(
    `  CPU per transfer     server ${format((1e6 * result.serverCpuCores) / result.perSecond, 0)} µs, PostgreSQL ${format((1e6 * result.postgresCpuCores) / result.perSecond, 0)} µs`,
  );
  for (const sample of result.errorSamples) console.log(`  error sample: ${sample}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(`Kassa transfer benchmark: ${cpus().length} CPUs, ${seconds} s per phase, ${concurrency} requests in flight`);
  // Other work on the machine skews every figure; the load average says whether there was any.
  console.log(
    `load average           ${loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')}`,
  );
  let pgbench: { tps: number; latencyMs: number | null };
  if (runPgbench) {
    console.log(`pgbench -i -s ${PGBENCH_SCALE}, then -c ${PGBENCH_CLIENTS} -j ${PGBENCH_THREADS} -M prepared -T ${seconds} …`);
    pgbench = await measurePgbench();
  } else {
    pgbench = { tps: envInteger('BENCH_PGBENCH_TPS', 1000, 1, 10_000_000), latencyMs: null };
    console.log('pgbench skipped (BENCH_PGBENCH=false): ratios use BENCH_PGBENCH_TPS');
  }
  console.log(`pgbench TPS            ${format(pgbench.tps)} (latency average ${pgbench.latencyMs ?? 'n/a'} ms)`);

  await recreateDatabase(KASSA_DATABASE);
  const server = await startServer();
  const db = new PostgresDatabase(databaseUrl(KASSA_DATABASE), SETUP_CONCURRENCY);
  let exitCode = 0;
  try {
    // The ceiling of this load generator against this server: a route that does no work.
    const calibration = await load(server, CALIBRATION_SECONDS, () => ({ path: '/healthz', headers: {} }));
    console.log(
      `load generator ceiling ${format(calibration.requests / CALIBRATION_SECONDS)} req/s on GET /healthz (generator ${format(calibration.clientCpuCores, 2)} cores)`,
    );

    const setupStartedMs = performance.now();
    const customers = await eachLimited(
      Array.from({ length: customerCount + 1 }, (_, index) => index + 1),
      SETUP_CONCURRENCY,
      (serial) => registerCustomer(server, serial),
    );
    const hot = customers.pop() as Customer;
    await eachLimited(customers, SETUP_CONCURRENCY, async (customer) => {
      customer.accountIds = await openAccounts(server, customer, 1);
    });
    hot.accountIds = await openAccounts(server, hot, hotSourceCount);
    for (let index = 1; index < hotSessionCount; index += 1) hot.tokens.push(await logIn(server, hot));
    const [hotDestination, ...hotSources] = hot.accountIds as [string, ...string[]];
    await fund(db, [...customers.flatMap((customer) => customer.accountIds), ...hotSources]);
    console.log(
      `setup                  ${customers.length} customers × 2 accounts, 1 hot customer with ${hotSources.length} sources and ${hot.tokens.length} sessions (${format((performance.now() - setupStartedMs) / 1000)} s)`,
    );

    const random = await load(server, seconds, () => {
      const customer = customers[randomInt(customers.length)] as Customer;
      const [a, b] = customer.accountIds as [string, string];
      return Math.random() < 0.5
        ? transferRequest(customer.tokens[0] as string, a, b)
        : transferRequest(customer.tokens[0] as string, b, a);
    });
    printLoad('own transfers between random accounts (each customer between its two accounts)', random, pgbench.tps);

    const hotLoad = await load(server, seconds, () =>
      transferRequest(
        hot.tokens[randomInt(hot.tokens.length)] as string,
        hotSources[randomInt(hotSources.length)] as string,
        hotDestination,
      ),
    );
    printLoad(`own transfers into one hot account (one customer, ${hotSources.length} sources)`, hotLoad, pgbench.tps);
    console.log(`  hot / random         ${format(hotLoad.perSecond / random.perSecond, 2)}`);
    console.log(
      `\nload average           ${loadavg()
        .map((value) => value.toFixed(2))
        .join(' ')}`,
    );
    console.log(`server VmHWM           ${format(memoryMib(server.pid, 'VmHWM'))} MiB`);

    // Every acknowledged transfer is in the database exactly once, and no unacknowledged one is.
    const { rows } = await db.query<{ status: string; count: bigint }>('SELECT status, count(*) AS count FROM operations GROUP BY status');
    const stored = Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    const acknowledged = random.completed + hotLoad.completed;
    console.log(`transfers stored       ${JSON.stringify(stored)} (acknowledged completed: ${acknowledged})`);
    if ((stored.completed ?? 0) !== acknowledged) {
      console.log('  MISMATCH between acknowledged and stored completed transfers');
      exitCode = 1;
    }
    const report = await checkLedgerInvariants(db);
    console.log(report.ok ? 'ledger invariants      hold' : `ledger invariants      BROKEN (${report.violations.length})`);
    for (const violation of report.violations) console.log(`  - ${violation}`);
    if (!report.ok) exitCode = 1;
    if (random.errors + hotLoad.errors > 0) exitCode = 1;
  } finally {
    agent.destroy();
    agent = new http.Agent({ keepAlive: false });
    await db.close();
    await stopServer(server);
  }
  process.exitCode = exitCode;
}

await main();
