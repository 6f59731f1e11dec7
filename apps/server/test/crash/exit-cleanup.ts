import { rmSync } from 'node:fs';

/**
 * A last resort for a run that ends before its finally blocks do (a test timeout tears the
 * worker down): when this process exits, the processes the harness started are signalled by
 * their pid and its temporary directories removed. Nothing else is touched.
 */

const signalsByPid = new Map<number, NodeJS.Signals>();
const directories = new Set<string>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const [pid, signal] of signalsByPid) {
      try {
        process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    }
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
  });
}

/** Signals `pid` when this process exits, unless the returned function is called first. */
export function signalOnExit(pid: number, signal: NodeJS.Signals): () => void {
  install();
  signalsByPid.set(pid, signal);
  return () => {
    signalsByPid.delete(pid);
  };
}

/** Removes `directory` when this process exits, unless the returned function is called first. */
export function removeOnExit(directory: string): () => void {
  install();
  directories.add(directory);
  return () => {
    directories.delete(directory);
  };
}
