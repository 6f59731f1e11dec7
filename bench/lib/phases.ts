import { type Customer, type Population, payeeOf } from './customers.js';
import { bearer } from './http-client.js';
import { closedLoop, type LoadResult, type NextRequest, openLoop } from './http-load.js';
import type { PhaseStatements, PostgresPhaseStatistics } from './pg-statements.js';
import { format, printLoad, printOpenLoop, printStatements } from './report.js';
import type { PhaseMemory, RssSampler } from './rss-samples.js';
import type { Server } from './server.js';
import type { SessionKeeper } from './session-keeper.js';

/**
 * The measured phases, each bounded by BENCH_SECONDS: random own transfers, the hot account, own
 * transfers at half the random phase's rate (open loop), phone transfers to trusted payees.
 * Around each: the RSS samples are named after it, pg_stat_statements is reset before it and read
 * after it (own cluster only), and the sessions it uses are not extended meanwhile.
 */

const TRANSFER_AMOUNT_MAX_MINOR = 10_000;
/** The open-loop phase keeps at most this many times BENCH_CONCURRENCY unanswered. */
const OPEN_LOOP_IN_FLIGHT_FACTOR = 4;

export interface PhaseContext {
  server: Server;
  seconds: number;
  concurrency: number;
  /** null: no ratio (PGlite has no pgbench beside it). */
  pgbenchTps: number | null;
  postgresCpuSeconds: (() => number) | null;
  statistics: PostgresPhaseStatistics | null;
  rss: RssSampler;
  keeper: SessionKeeper;
}

function randomInt(maxExclusive: number): number {
  return Math.floor(Math.random() * maxExclusive);
}

let keySerial = 0;
function transfer(token: string, body: Record<string, unknown>): NextRequest {
  keySerial += 1;
  return {
    path: '/api/v1/transfers',
    headers: { ...bearer(token), 'idempotency-key': `bench-${process.pid}-${keySerial}` },
    body: { ...body, amountMinor: 1 + randomInt(TRANSFER_AMOUNT_MAX_MINOR), currency: 'KZT' },
  };
}

/** An own transfer of a random customer between its two accounts, either way. */
function randomOwnTransfer(customers: readonly Customer[]): NextRequest {
  const customer = customers[randomInt(customers.length)] as Customer;
  const [a, b] = customer.accountIds as [string, string];
  const [sourceAccountId, destinationAccountId] = Math.random() < 0.5 ? [a, b] : [b, a];
  return transfer(customer.tokens[0] as string, { kind: 'own', sourceAccountId, destinationAccountId });
}

function tokensOf(customers: readonly Customer[]): string[] {
  return customers.map((customer) => customer.tokens[0] as string);
}

async function measured<T extends LoadResult>(
  ctx: PhaseContext,
  id: string,
  tokens: readonly string[],
  run: () => Promise<T>,
): Promise<{ result: T; memory: PhaseMemory | null; statements: PhaseStatements | null }> {
  await ctx.statistics?.begin();
  ctx.rss.beginPhase(id);
  const result = await ctx.keeper.using(tokens, run);
  ctx.rss.endPhase();
  const statements = (await ctx.statistics?.end(result.completed + result.declined)) ?? null;
  return { result, memory: ctx.rss.phaseMemory(id), statements };
}

function printTail(statements: PhaseStatements | null, extra: () => void = () => {}): void {
  extra();
  if (statements) printStatements(statements);
}

export async function randomPhase(ctx: PhaseContext, population: Population): Promise<LoadResult> {
  const { customers } = population;
  const { result, memory, statements } = await measured(ctx, 'random', tokensOf(customers), () =>
    closedLoop(ctx.server, ctx.postgresCpuSeconds, ctx.seconds, ctx.concurrency, () => randomOwnTransfer(customers)),
  );
  printLoad('own transfers between random accounts (each customer between its two accounts)', result, ctx.pgbenchTps, memory);
  printTail(statements);
  return result;
}

export async function hotPhase(ctx: PhaseContext, population: Population, random: LoadResult): Promise<LoadResult> {
  const { hot, hotSources, hotDestination } = population;
  const { result, memory, statements } = await measured(ctx, 'hot', hot.tokens, () =>
    closedLoop(ctx.server, ctx.postgresCpuSeconds, ctx.seconds, ctx.concurrency, () =>
      transfer(hot.tokens[randomInt(hot.tokens.length)] as string, {
        kind: 'own',
        sourceAccountId: hotSources[randomInt(hotSources.length)] as string,
        destinationAccountId: hotDestination,
      }),
    ),
  );
  printLoad(`own transfers into one hot account (one customer, ${hotSources.length} sources)`, result, ctx.pgbenchTps, memory);
  printTail(statements, () => console.log(`  hot / random         ${format(result.perSecond / random.perSecond, 2)}`));
  return result;
}

/** Issue 11's latency target: p99 < 50 ms at half the peak rate, with arrivals that do not wait for answers. */
export async function halfRatePhase(ctx: PhaseContext, population: Population, random: LoadResult): Promise<LoadResult> {
  const { customers } = population;
  const targetPerSecond = random.perSecond / 2;
  const inFlightMax = ctx.concurrency * OPEN_LOOP_IN_FLIGHT_FACTOR;
  const { result, memory, statements } = await measured(ctx, 'latency', tokensOf(customers), () =>
    openLoop(ctx.server, ctx.postgresCpuSeconds, ctx.seconds, targetPerSecond, inFlightMax, () => randomOwnTransfer(customers)),
  );
  printOpenLoop(
    'own transfers between random accounts at half the random phase’s rate (open loop)',
    result,
    ctx.postgresCpuSeconds !== null,
    memory,
  );
  printTail(statements);
  return result;
}

/** Each customer of the random phase pays the next one by phone; the payee is trusted, so no code is asked. */
export async function phonePhase(ctx: PhaseContext, population: Population, random: LoadResult): Promise<LoadResult> {
  const { customers } = population;
  const { result, memory, statements } = await measured(ctx, 'phone', tokensOf(customers), () =>
    closedLoop(ctx.server, ctx.postgresCpuSeconds, ctx.seconds, ctx.concurrency, () => {
      const index = randomInt(customers.length);
      const customer = customers[index] as Customer;
      return transfer(customer.tokens[0] as string, {
        kind: 'phone',
        sourceAccountId: customer.accountIds[randomInt(customer.accountIds.length)] as string,
        payeePhone: payeeOf(customers, index).phone,
      });
    }),
  );
  printLoad('phone transfers to a trusted payee (each customer to the next one’s phone, no code)', result, ctx.pgbenchTps, memory);
  printTail(statements, () => console.log(`  phone / random       ${format(result.perSecond / random.perSecond, 2)}`));
  return result;
}
