import type { LoadResult, OpenLoopResult } from './http-load.js';
import type { PhaseStatements } from './pg-statements.js';
import type { PhaseMemory } from './rss-samples.js';

/**
 * The bench's printed lines. People compare figures across runs by these labels, so an existing
 * line keeps its wording and column; new figures get lines of their own.
 */

export function format(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** A label padded to the column the figures start in. */
function line(label: string, figures: string): void {
  console.log(`  ${label.padEnd(20)} ${figures}`);
}

/** `pgbenchTps` null: no PostgreSQL server to compare with (PGlite), so no ratio and no PostgreSQL CPU. */
export function printLoad(name: string, result: LoadResult, pgbenchTps: number | null, memory: PhaseMemory | null): void {
  console.log(`\n${name}`);
  const ratio = pgbenchTps === null ? '' : `   (ratio to pgbench TPS: ${format(result.perSecond / pgbenchTps, 2)})`;
  line('transfers/s', `${format(result.perSecond)}${ratio}`);
  printAnswers(result);
  line('latency p50 / p99', `${format(result.p50Ms)} ms / ${format(result.p99Ms)} ms`);
  printResources(result, pgbenchTps !== null, memory);
}

export function printOpenLoop(name: string, result: OpenLoopResult, withPostgres: boolean, memory: PhaseMemory | null): void {
  console.log(`\n${name}`);
  line('transfers/s', `${format(result.perSecond)} achieved of ${format(result.targetPerSecond)} scheduled`);
  printAnswers(result);
  line(
    'latency p50/p99/p999',
    `${format(result.p50Ms)} ms / ${format(result.p99Ms)} ms / ${format(result.p999Ms)} ms (from the scheduled send time; target p99 < 50 ms)`,
  );
  line('waited for a slot', `${result.waitedForSlot} requests (at most ${result.inFlightMax} in flight)`);
  printResources(result, withPostgres, memory);
}

function printAnswers(result: LoadResult): void {
  line('completed / declined', `${result.completed} / ${result.declined}, errors ${result.errors}`);
}

function printResources(result: LoadResult, withPostgres: boolean, memory: PhaseMemory | null): void {
  line('server RSS peak', `${format(result.serverRssPeakMib)} MiB`);
  const postgres = withPostgres ? `, PostgreSQL ${format(result.postgresCpuCores, 2)} cores` : '';
  line(
    'CPU',
    `server ${format(result.serverCpuCores, 2)} cores${postgres}, load generator ${format(result.clientCpuCores, 2)} cores, machine ${format(result.machineBusyPercent, 0)}% busy`,
  );
  const postgresPerTransfer = withPostgres ? `, PostgreSQL ${format((1e6 * result.postgresCpuCores) / result.perSecond, 0)} µs` : '';
  line('CPU per transfer', `server ${format((1e6 * result.serverCpuCores) / result.perSecond, 0)} µs${postgresPerTransfer}`);
  for (const sample of result.errorSamples) console.log(`  error sample: ${sample}`);
  if (memory)
    line(
      'RSS start/peak/end',
      `${format(memory.startMib)} / ${format(memory.peakMib)} / ${format(memory.endMib)} MiB (sampled every second)`,
    );
}

export function printStatements(statements: PhaseStatements): void {
  line('pg_stat_statements', `top ${statements.top.length} by total time; "tr" is a completed or declined transfer`);
  console.log(`    ${'calls/tr'.padStart(9)} ${'µs/call'.padStart(9)} ${'µs/tr'.padStart(9)} ${'rows/call'.padStart(9)}  query`);
  for (const statement of statements.top) {
    const figures = [statement.callsPerTransfer, statement.meanUsPerCall, statement.totalUsPerTransfer, statement.rowsPerCall];
    const digits = [2, 1, 1, 2];
    const columns = figures.map((value, index) => format(value, digits[index]).padStart(9)).join(' ');
    console.log(`    ${columns}  ${statement.nested ? '(nested) ' : ''}${statement.query}`);
  }
  line(
    'all statements',
    `${format(statements.totalUsPerTransfer, 0)} µs per transfer, ${format(statements.statementsPerTransfer, 1)} statements per transfer (top-level)`,
  );
  line('WAL per transfer', `${format(statements.walBytesPerTransfer, 0)} bytes`);
  line('commits per transfer', format(statements.commitsPerTransfer, 2));
  line('checkpoints', `${statements.checkpoints} during the phase and the wait after it`);
}
