import { type Answer, HttpClient, sleep } from './http-client.js';
import { cpuSeconds, machineJiffies, memoryMib } from './proc-stats.js';
import type { Server } from './server.js';

/**
 * Load on the server under test, bounded in time: a closed loop (a fixed number of requests in
 * flight, like pgbench's clients) or an open loop (a fixed arrival rate, like customers who do
 * not wait for one another), with the CPU and memory the server, PostgreSQL and this process used.
 */

const RSS_SAMPLE_MS = 250;
const ERROR_SAMPLES_MAX = 5;
const ERROR_SAMPLE_CHARS = 200;

export interface NextRequest {
  path: string;
  body?: unknown;
  headers: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  completed: number;
  declined: number;
  errors: number;
  errorSamples: string[];
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  serverRssPeakMib: number;
  serverCpuCores: number;
  /** NaN when there is no PostgreSQL process to read (the embedded PGlite runs inside the server). */
  postgresCpuCores: number;
  clientCpuCores: number;
  machineBusyPercent: number;
}

export interface OpenLoopResult extends LoadResult {
  targetPerSecond: number;
  inFlightMax: number;
  /** Requests that waited for one of the inFlightMax slots past their scheduled time. */
  waitedForSlot: number;
}

/** What a phase measures besides the answers: read before it starts, again when it ends. */
function startMeters(server: Server, postgresCpuSeconds: (() => number) | null) {
  let rssPeakMib = memoryMib(server.pid, 'VmRSS');
  const sampler = setInterval(() => {
    rssPeakMib = Math.max(rssPeakMib, memoryMib(server.pid, 'VmRSS'));
  }, RSS_SAMPLE_MS);
  const serverCpuBefore = cpuSeconds(server.pid);
  const postgresCpuBefore = postgresCpuSeconds?.() ?? Number.NaN;
  const clientCpuBefore = process.cpuUsage();
  const machineBefore = machineJiffies();
  return (elapsedS: number) => {
    clearInterval(sampler);
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const machineAfter = machineJiffies();
    return {
      serverRssPeakMib: rssPeakMib,
      serverCpuCores: (cpuSeconds(server.pid) - serverCpuBefore) / elapsedS,
      postgresCpuCores: ((postgresCpuSeconds?.() ?? Number.NaN) - postgresCpuBefore) / elapsedS,
      clientCpuCores: (clientCpu.user + clientCpu.system) / 1e6 / elapsedS,
      machineBusyPercent: (100 * (machineAfter.busy - machineBefore.busy)) / Math.max(1, machineAfter.total - machineBefore.total),
    };
  };
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))] as number;
}

/** How a phase counts an answer: the money moved, the bank declined it, something else (not an error if 200/201). */
export type AnswerKind = 'completed' | 'declined' | 'other';

/** A transfer is completed or declined (both 201). */
function transferAnswer(answer: Answer): AnswerKind {
  const status = (answer.body as { status?: unknown } | null)?.status;
  if (answer.status === 201 && status === 'completed') return 'completed';
  if (answer.status === 201 && status === 'declined') return 'declined';
  return 'other';
}

/** Answers by kind (`classify`); anything else not 200/201 is an error. */
class Tally {
  readonly latencies: number[] = [];
  readonly errorSamples: string[] = [];
  completed = 0;
  declined = 0;
  errors = 0;

  constructor(private readonly classify: (answer: Answer) => AnswerKind = transferAnswer) {}

  answered(answer: Answer, latencyMs: number): void {
    this.latencies.push(latencyMs);
    const kind = this.classify(answer);
    if (kind === 'completed') this.completed += 1;
    else if (kind === 'declined') this.declined += 1;
    else if (answer.status !== 200 && answer.status !== 201) {
      this.errors += 1;
      if (this.errorSamples.length < ERROR_SAMPLES_MAX)
        this.errorSamples.push(`${answer.status} ${JSON.stringify(answer.body).slice(0, ERROR_SAMPLE_CHARS)}`);
    }
  }

  failed(error: unknown): void {
    this.errors += 1;
    if (this.errorSamples.length < ERROR_SAMPLES_MAX) this.errorSamples.push(String(error));
  }

  result(elapsedS: number, meters: ReturnType<ReturnType<typeof startMeters>>): LoadResult {
    const sorted = Float64Array.from(this.latencies).sort();
    return {
      requests: this.latencies.length,
      completed: this.completed,
      declined: this.declined,
      errors: this.errors,
      errorSamples: this.errorSamples,
      perSecond: (this.completed + this.declined) / elapsedS,
      p50Ms: percentile(sorted, 0.5),
      p99Ms: percentile(sorted, 0.99),
      p999Ms: percentile(sorted, 0.999),
      ...meters,
    };
  }
}

async function send(http: HttpClient, request: NextRequest): Promise<Answer> {
  return http.request(request.body === undefined ? 'GET' : 'POST', request.path, request.body, request.headers);
}

/**
 * Keeps `concurrency` requests in flight until the deadline; each loop sends its next request as
 * soon as the previous answer arrives (a closed loop, like pgbench's clients).
 */
export async function closedLoop(
  server: Server,
  postgresCpuSeconds: (() => number) | null,
  durationS: number,
  concurrency: number,
  next: () => NextRequest,
  classify?: (answer: Answer) => AnswerKind,
): Promise<LoadResult> {
  const tally = new Tally(classify);
  const stopMeters = startMeters(server, postgresCpuSeconds);
  const startedMs = performance.now();
  const deadlineMs = startedMs + durationS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadlineMs) {
        const request = next();
        const sentMs = performance.now();
        try {
          tally.answered(await send(server.http, request), performance.now() - sentMs);
        } catch (error) {
          tally.failed(error);
        }
      }
    }),
  );
  const elapsedS = (performance.now() - startedMs) / 1000;
  return tally.result(elapsedS, stopMeters(elapsedS));
}

/**
 * Sends request i at start + i / rate until the deadline, whatever the answers do (an open loop),
 * with at most `inFlightMax` unanswered. Latency counts from the scheduled time, not from when a
 * slot came free, so a server that falls behind shows it in the percentiles instead of slowing
 * the arrivals down (no coordinated omission). Requests still in flight at the deadline are
 * awaited (each is bounded by the client's request timeout).
 */
export async function openLoop(
  server: Server,
  postgresCpuSeconds: (() => number) | null,
  durationS: number,
  targetPerSecond: number,
  inFlightMax: number,
  next: () => NextRequest,
): Promise<OpenLoopResult> {
  const http = new HttpClient(server.port, inFlightMax);
  const tally = new Tally();
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / targetPerSecond;
  let waitedForSlot = 0;
  const stopMeters = startMeters(server, postgresCpuSeconds);
  const startedMs = performance.now();
  const deadlineMs = startedMs + durationS * 1000;
  try {
    for (let index = 0; ; index += 1) {
      const scheduledMs = startedMs + index * intervalMs;
      if (scheduledMs >= deadlineMs) break;
      const waitMs = scheduledMs - performance.now();
      if (waitMs > 0) await sleep(waitMs);
      if (inFlight.size >= inFlightMax) {
        waitedForSlot += 1;
        while (inFlight.size >= inFlightMax) await Promise.race(inFlight);
      }
      if (performance.now() >= deadlineMs) break;
      const request = next();
      const answered = send(http, request).then(
        (answer) => tally.answered(answer, performance.now() - scheduledMs),
        (error: unknown) => tally.failed(error),
      );
      inFlight.add(answered);
      void answered.finally(() => inFlight.delete(answered));
    }
    await Promise.all(inFlight);
  } finally {
    http.close();
  }
  const elapsedS = (performance.now() - startedMs) / 1000;
  return { ...tally.result(elapsedS, stopMeters(elapsedS)), targetPerSecond, inFlightMax, waitedForSlot };
}
