import { expect } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { Customer } from './customers.js';
import type { FaultInjector } from './fault-actions.js';
import type { AttemptRecord, FaultLog } from './fault-windows.js';
import type { HttpClient } from './http-client.js';
import type { ReadinessMonitor } from './readiness-monitor.js';
import { crashReport, writeReport } from './report.js';
import type { ServerProcess } from './server-process.js';
import { replayAcknowledged, serverErrorsOutsideWindows, type TransferLoad } from './transfer-load.js';
import { type VerificationReport, verifyAfterCrashes } from './verify.js';

export interface CrashRun {
  load: TransferLoad;
  injector: FaultInjector;
  readiness: ReadinessMonitor;
  faults: FaultLog;
  client: HttpClient;
  server: ServerProcess;
  customers: readonly Customer[];
  fundingPerAccountMinor: bigint;
  replaysMax: number;
  /** The database the run left, opened after the server stopped (PGlite allows one process only). */
  openDatabase: () => Promise<Database>;
}

export interface CrashRunEnd {
  replayMismatches: string[];
  stopCode: number | null;
  verification: VerificationReport;
  serverErrorsOutside: AttemptRecord[];
}

/**
 * The end every crash run shares: the load stops, the faults settle, a sample of acknowledged
 * keys is replayed (same answer expected), the server stops with SIGTERM, and the database it left
 * is verified against every answer the clients got.
 */
export async function finishCrashRun(run: CrashRun): Promise<CrashRunEnd> {
  await run.load.stop();
  await run.injector.settle();
  run.injector.detach();
  await run.readiness.stop();
  const replayMismatches = await replayAcknowledged(run.client, run.load.outcomes, run.replaysMax);
  const stopCode = await run.server.stop();
  const db = await run.openDatabase();
  try {
    const verification = await verifyAfterCrashes(db, {
      outcomes: run.load.outcomes,
      customers: run.customers,
      fundingPerAccountMinor: run.fundingPerAccountMinor,
    });
    return { replayMismatches, stopCode, verification, serverErrorsOutside: serverErrorsOutsideWindows(run.load.records, run.faults) };
  } finally {
    await db.close();
  }
}

/** Writes the run's figures to test-results/crash/<name>.txt and prints them, to be quoted. */
export function publishCrashReport(name: string, title: string, run: CrashRun, end: CrashRunEnd, extra: readonly string[] = []): void {
  const report = crashReport({
    title,
    load: run.load,
    faults: run.faults,
    readiness: run.readiness,
    verification: end.verification,
    serverErrorsOutsideWindows: end.serverErrorsOutside.length,
    unexpectedExits: run.server.unexpectedExits,
    extra: [
      ...extra,
      `  replayed keys that got another answer: ${end.replayMismatches.length}`,
      `  SIGTERM at the end: exit code ${end.stopCode}`,
    ],
  });
  const path = writeReport(name, report);
  // biome-ignore lint/suspicious/noConsole: the recovery times are the crash tests' figures, to be quoted.
  console.log(`${report}\n  (written to ${path})`);
}

/**
 * What every crash run must show: the server never died on its own, no 5xx outside a fault
 * window, every key resolved and stored as answered, replays answered alike, and both outcomes
 * (completed and declined) really happened.
 */
export function expectCleanCrashRun(run: CrashRun, end: CrashRunEnd): void {
  expect(run.server.unexpectedExits.map((exit) => `${exit.code ?? exit.signal}: ${exit.stderrTail.slice(-2000)}`)).toEqual([]);
  expect(end.serverErrorsOutside.map((record) => `${record.status} ${record.detail}`)).toEqual([]);
  expect(end.verification.unresolvedKeys).toEqual([]);
  expect(end.verification.problems).toEqual([]);
  expect(end.replayMismatches).toEqual([]);
  expect(end.verification.completed).toBeGreaterThan(0);
  expect(end.verification.declined).toBeGreaterThan(0);
}
