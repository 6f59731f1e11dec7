import { writeFileSync } from 'node:fs';
import { memoryMib } from './proc-stats.js';

/**
 * The server's resident memory once a second through the run, each sample named by the phase it
 * was taken in, so that growth over a long run (BENCH_SECONDS=600) shows: a leak grows from the
 * first minute to the last, a cache levels off.
 */

const SAMPLE_INTERVAL_MS = 1000;
/** Far more than the longest run takes (four phases of 600 s, the set-up and the pauses). */
const SAMPLES_MAX = 100_000;
const MINUTE_S = 60;
/** Below this span of phase samples a minute is too much of the run: the first and last tenth are compared instead. */
const MINUTE_WINDOWS_FROM_S = 10 * MINUTE_S;
const SHORT_RUN_WINDOW_FRACTION = 0.1;
const BETWEEN_PHASES = 'between';

interface Sample {
  seconds: number;
  phase: string;
  mib: number;
}

export interface PhaseMemory {
  startMib: number;
  peakMib: number;
  endMib: number;
}

export class RssSampler {
  readonly #pidOf: () => number | null;
  readonly #startedMs = performance.now();
  readonly #samples: Sample[] = [];
  #phase: string | null = null;
  #timer: NodeJS.Timeout | null = null;

  /** `pidOf` names the server process now running, or null while none is (a restart). */
  constructor(pidOf: () => number | null) {
    this.#pidOf = pidOf;
  }

  start(): void {
    this.#timer = setInterval(() => this.#sample(), SAMPLE_INTERVAL_MS);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }

  /** Samples between beginPhase and endPhase carry the phase's name (a word: it is a CSV field); one is taken at each edge. */
  beginPhase(name: string): void {
    this.#phase = name;
    this.#sample();
  }

  endPhase(): void {
    this.#sample();
    this.#phase = null;
  }

  phaseMemory(name: string): PhaseMemory | null {
    const samples = this.#samples.filter((sample) => sample.phase === name);
    const first = samples[0];
    const last = samples.at(-1);
    if (!first || !last) return null;
    return { startMib: first.mib, peakMib: Math.max(...samples.map((sample) => sample.mib)), endMib: last.mib };
  }

  /** Average RSS at the start and at the end of the samples of `phases` (set-up and pauses left out). */
  growth(phases: readonly string[]): { label: string; firstMib: number; lastMib: number } | null {
    const samples = this.#samples.filter((sample) => phases.includes(sample.phase));
    const first = samples[0];
    const last = samples.at(-1);
    if (!first || !last) return null;
    const average = (window: readonly Sample[]) => window.reduce((sum, sample) => sum + sample.mib, 0) / window.length;
    if (last.seconds - first.seconds >= MINUTE_WINDOWS_FROM_S) {
      return {
        label: 'first minute avg / last minute avg',
        firstMib: average(samples.filter((sample) => sample.seconds - first.seconds < MINUTE_S)),
        lastMib: average(samples.filter((sample) => last.seconds - sample.seconds < MINUTE_S)),
      };
    }
    const count = Math.max(1, Math.round(samples.length * SHORT_RUN_WINDOW_FRACTION));
    return {
      label: `first 10% avg / last 10% avg of ${samples.length} samples`,
      firstMib: average(samples.slice(0, count)),
      lastMib: average(samples.slice(-count)),
    };
  }

  /** BENCH_RSS_CSV: seconds since the run started, phase, MiB. */
  writeCsv(file: string): void {
    const lines = this.#samples.map((sample) => `${sample.seconds.toFixed(1)},${sample.phase},${sample.mib.toFixed(1)}`);
    writeFileSync(file, `seconds,phase,rss_mib\n${lines.join('\n')}\n`);
  }

  #sample(): void {
    const pid = this.#pidOf();
    if (pid === null || this.#samples.length >= SAMPLES_MAX) return;
    let mib: number;
    try {
      mib = memoryMib(pid, 'VmRSS');
    } catch {
      return; // The server exited between the check and the read (it is being restarted).
    }
    const seconds = (performance.now() - this.#startedMs) / 1000;
    this.#samples.push({ seconds, phase: this.#phase ?? BETWEEN_PHASES, mib });
  }
}
