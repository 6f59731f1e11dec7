import { spawn } from 'node:child_process';

/** Output kept of a command, so a failing initdb or pg_ctl says why without flooding the log. */
const COMMAND_OUTPUT_MAX_CHARS = 16_000;

export interface CommandOptions {
  timeoutMs: number;
  /** Run as this system user (runuser -u USER --), for tools that refuse root. */
  asUser?: string | null;
}

/**
 * Runs a command to its end within a time bound and returns its output; a non-zero exit or the
 * bound throws with the output. The child is ended by its own pid when the bound passes.
 */
export function runCommand(command: string, args: readonly string[], options: CommandOptions): Promise<string> {
  const [file, argv] = options.asUser ? ['runuser', ['-u', options.asUser, '--', command, ...args]] : [command, [...args]];
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + String(chunk)).slice(-COMMAND_OUTPUT_MAX_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else
        reject(
          new Error(
            `${file} ${argv.join(' ')} ${timedOut ? `did not finish in ${options.timeoutMs} ms` : `exited with ${code ?? signal}`}:\n${output}`,
          ),
        );
    });
  });
}
