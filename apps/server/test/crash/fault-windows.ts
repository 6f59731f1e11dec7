/**
 * Fault windows: from the moment a fault begins (a SIGKILL, a database restart, the server dying
 * on its own) to the first final success of a request sent after the fault's action was over
 * (the server ready again, the database accepting connections). A success of a request sent
 * before that proves nothing: it may have committed before the fault. Answers inside a window
 * may be errors; a 5xx outside every window is a failure.
 */

export type FaultKind =
  | 'server-kill'
  | 'database-restart-fast'
  | 'database-restart-immediate'
  | 'server-died'
  | 'database-failover'
  | 'pgbouncer-restart';

/** One attempt of one request: when it was sent and answered, its status (0: no HTTP answer). */
export interface AttemptRecord {
  key: string;
  client: number;
  attempt: number;
  sentAtMs: number;
  atMs: number;
  status: number;
  /** The network error, or the problem type of an error answer. */
  detail: string | null;
}

export interface Fault {
  kind: FaultKind;
  serial: number;
  startedAtMs: number;
  /** The fault's action was over: the server answered /readyz 200 again, pg_ctl returned, the standby was promoted, PgBouncer listened again. */
  actionEndedAtMs: number | null;
  /** The first 200/201 of a request sent after the action ended: the window closes here. */
  firstSuccessAtMs: number | null;
  /** The first 201 of a request sent after the action ended. */
  firstCreatedAtMs: number | null;
  /** Answers inside the window, by kind. */
  unavailable503: number;
  otherServerErrors: number;
  networkErrors: number;
  /** Statuses and details of the error answers inside the window, for the report (bounded). */
  samples: string[];
}

const SAMPLES_PER_FAULT_MAX = 5;

export class FaultLog {
  readonly faults: Fault[] = [];

  begin(kind: FaultKind): Fault {
    const fault: Fault = {
      kind,
      serial: this.faults.filter((f) => f.kind === kind).length + 1,
      startedAtMs: performance.now(),
      actionEndedAtMs: null,
      firstSuccessAtMs: null,
      firstCreatedAtMs: null,
      unavailable503: 0,
      otherServerErrors: 0,
      networkErrors: 0,
      samples: [],
    };
    this.faults.push(fault);
    return fault;
  }

  actionEnded(fault: Fault): void {
    fault.actionEndedAtMs = performance.now();
  }

  /** The fault whose window holds this moment, if any. */
  covering(atMs: number): Fault | null {
    return this.faults.find((fault) => atMs >= fault.startedAtMs && atMs <= (fault.firstSuccessAtMs ?? Number.POSITIVE_INFINITY)) ?? null;
  }

  /** Counts an attempt into the windows it falls in, and closes windows it ends. */
  observe(record: AttemptRecord): void {
    const success = record.status === 200 || record.status === 201;
    for (const fault of this.faults) {
      const inWindow = record.atMs >= fault.startedAtMs && record.atMs <= (fault.firstSuccessAtMs ?? Number.POSITIVE_INFINITY);
      if (inWindow && !success) {
        if (record.status === 503) fault.unavailable503 += 1;
        else if (record.status >= 500) fault.otherServerErrors += 1;
        else if (record.status === 0) fault.networkErrors += 1;
        if (record.status !== 0 && fault.samples.length < SAMPLES_PER_FAULT_MAX)
          fault.samples.push(`${record.status} ${record.detail ?? ''}`);
      }
      const sentAfterAction = fault.actionEndedAtMs !== null && record.sentAtMs >= fault.actionEndedAtMs;
      if (success && sentAfterAction) {
        fault.firstSuccessAtMs ??= record.atMs;
        if (record.status === 201) fault.firstCreatedAtMs ??= record.atMs;
      }
    }
  }
}
