import { readdirSync, readFileSync } from 'node:fs';

/**
 * What the benchmark reads from /proc (Linux) about the processes it measures: memory, CPU time,
 * and the machine's busy time. Nothing here signals or changes a process.
 */

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const CLOCK_TICKS_PER_SECOND = 100;

/** VmRSS or VmHWM of a process in MiB. */
export function memoryMib(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1];
  return kib ? Number(kib) / 1024 : Number.NaN;
}

/** The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function cpuSecondsOfFields(fields: readonly string[]): number {
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** CPU seconds a process has used (user + system). */
export function cpuSeconds(pid: number): number {
  return cpuSecondsOfFields(statFields(readFileSync(`/proc/${pid}/stat`, 'utf8')));
}

/**
 * CPU seconds used so far by local PostgreSQL processes: every process named `postgres` when
 * `postmasterPid` is null (the server runs on this machine in the benchmark's setting; elsewhere
 * this reads 0), else only that postmaster and the processes it forked (a cluster of the
 * benchmark's own, so that other clusters on the machine do not count). Backends that exit
 * between two readings take their time with them, so this is a floor; the benchmark's
 * connections live through each phase.
 */
export function postgresCpuSeconds(postmasterPid: number | null): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      const fields = statFields(stat);
      if (postmasterPid !== null && Number(entry) !== postmasterPid && Number(fields[1]) !== postmasterPid) continue;
      total += cpuSecondsOfFields(fields);
    } catch {
      // The process ended while we read: nothing to count.
    }
  }
  return total;
}

/** Busy and total jiffies of the whole machine. */
export function machineJiffies(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}
