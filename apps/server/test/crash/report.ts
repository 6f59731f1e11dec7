import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Fault, FaultLog } from './fault-windows.js';
import type { ReadinessMonitor } from './readiness-monitor.js';
import type { UnexpectedExit } from './server-process.js';
import type { TransferLoad } from './transfer-load.js';
import type { VerificationReport } from './verify.js';

/**
 * The crash tests' figures, worded so they can be quoted: recovery per fault, the answers inside
 * the windows, and what the database holds. Written to test-results/crash/<name>.txt (ignored by
 * git) and returned for the test to print.
 */

const REPORT_DIR = fileURLToPath(new URL('../../../../test-results/crash', import.meta.url));

function ms(value: number | null): string {
  return value === null ? 'never' : `${Math.round(value)} ms`;
}

function since(fault: Fault, atMs: number | null): number | null {
  return atMs === null ? null : atMs - fault.startedAtMs;
}

/** What /readyz said around a fault: when it stopped answering 200 and when it came back by itself. */
function readiness(fault: Fault, monitor: ReadinessMonitor | null, untilMs: number): string {
  if (!monitor) return '';
  const { downAtMs, downStatus, upAtMs } = monitor.outage(fault.startedAtMs, untilMs);
  if (downAtMs === null) return '; /readyz stayed 200 (sampled every 100 ms)';
  const what = downStatus === 0 ? 'no answer' : String(downStatus);
  return `; /readyz ${what} from ${ms(downAtMs - fault.startedAtMs)}, 200 again ${upAtMs === null ? 'never' : `at ${ms(upAtMs - fault.startedAtMs)}`}`;
}

export function describeFault(
  fault: Fault,
  originMs: number,
  monitor: ReadinessMonitor | null = null,
  untilMs = Number.POSITIVE_INFINITY,
): string {
  const at = `at +${((fault.startedAtMs - originMs) / 1000).toFixed(2)} s`;
  const action = since(fault, fault.actionEndedAtMs);
  const firstCreated = since(fault, fault.firstCreatedAtMs);
  const ready = readiness(fault, monitor, untilMs);
  const inside = `inside the window: ${fault.unavailable503} × 503, ${fault.otherServerErrors} other 5xx, ${fault.networkErrors} network errors`;
  const samples = fault.samples.length > 0 ? `\n      samples: ${fault.samples.join(' | ')}` : '';
  const afterAction =
    fault.actionEndedAtMs !== null && fault.firstCreatedAtMs !== null
      ? ` (${ms(fault.firstCreatedAtMs - fault.actionEndedAtMs)} after it returned)`
      : '';
  switch (fault.kind) {
    case 'server-kill':
      return `  server SIGKILL #${fault.serial} ${at}: SIGKILL → /readyz 200 in ${ms(action)}; first 201 ${ms(firstCreated)} after the kill${ready}; ${inside}${samples}`;
    case 'server-died':
      return `  server DIED ON ITS OWN #${fault.serial} ${at}: restarted, /readyz 200 in ${ms(action)}; first 201 ${ms(firstCreated)} after the death${ready}; ${inside}${samples}`;
    case 'database-restart-fast':
    case 'database-restart-immediate': {
      const mode = fault.kind === 'database-restart-fast' ? 'pg_ctl restart -m fast' : 'pg_ctl stop -m immediate + start';
      return `  PostgreSQL restart #${fault.serial} (${mode}) ${at}: took ${ms(action)}; first 201 ${ms(firstCreated)} after it began${afterAction}${ready}; ${inside}${samples}`;
    }
    case 'database-failover':
      return `  failover #${fault.serial} ${at}: primary stopped (immediate) → standby promoted in ${ms(action)}; first 201 ${ms(firstCreated)} after the primary stopped${afterAction}${ready}; ${inside}${samples}`;
    case 'pgbouncer-restart':
      return `  PgBouncer SIGKILL #${fault.serial} ${at}: killed → listening again in ${ms(action)}; first 201 ${ms(firstCreated)} after the kill${afterAction}${ready}; ${inside}${samples}`;
  }
}

export function crashReport(input: {
  title: string;
  load: TransferLoad;
  faults: FaultLog;
  readiness?: ReadinessMonitor;
  verification: VerificationReport;
  serverErrorsOutsideWindows: number;
  unexpectedExits: readonly UnexpectedExit[];
  extra?: readonly string[];
}): string {
  const { load, verification } = input;
  const statuses = new Map<number, number>();
  for (const record of load.records) statuses.set(record.status, (statuses.get(record.status) ?? 0) + 1);
  const statusList = [...statuses.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status === 0 ? 'network error' : status}: ${count}`)
    .join(', ');
  const lines = [
    input.title,
    `  load: seed ${load.seed}, ${load.outcomes.length} keys, ${load.records.length} attempts (${statusList})`,
    ...input.faults.faults.map((fault, index, all) =>
      describeFault(fault, load.startedAtMs, input.readiness ?? null, all[index + 1]?.startedAtMs ?? Number.POSITIVE_INFINITY),
    ),
    '  (first 201: of a request sent after the fault was over, seen by the client that retries every 50 ms and ignores Retry-After)',
    `  5xx outside the fault windows: ${input.serverErrorsOutsideWindows}`,
    `  server exits not caused by the test: ${input.unexpectedExits.length}${input.unexpectedExits
      .map(
        (exit) =>
          `\n    code ${exit.code} signal ${exit.signal} at +${((exit.atMs - load.startedAtMs) / 1000).toFixed(2)} s; stderr tail:\n${indent(exit.stderrTail.slice(-1500))}`,
      )
      .join('')}`,
    `  database: ${verification.storedKeys} keys, ${verification.storedTransfers} transfers, ${verification.transferOperations} transfer operations; acknowledged ${verification.acknowledged} (${verification.completed} completed, ${verification.declined} declined), unresolved ${verification.unresolvedKeys.length}`,
    `  ledger invariants: ${verification.ledgerViolations.length === 0 ? 'hold' : `${verification.ledgerViolations.length} violations`}`,
    `  problems: ${verification.problems.length === 0 ? 'none' : `\n${verification.problems.map((problem) => `    - ${problem}`).join('\n')}`}`,
    ...(input.extra ?? []),
  ];
  return lines.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}

/** Writes the report beside the other test results and returns its path. */
export function writeReport(name: string, text: string): string {
  mkdirSync(REPORT_DIR, { recursive: true });
  const path = join(REPORT_DIR, `${name}.txt`);
  writeFileSync(path, `${text}\n`);
  return path;
}
