import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * What the screen tests leave for people to look at: screenshots of every screen
 * (screens/<language>/<width>/<screen>.png) and the findings of each run, as text. Git-ignored;
 * .ci/run prints the folder and copies it to $ARTIFACTS_DIR when CI names one.
 */
export const ARTIFACTS_DIR = fileURLToPath(new URL('artifacts', import.meta.url));

export function screenshotPath(language: string, widthPx: number, screen: string): string {
  return `${ARTIFACTS_DIR}/screens/${language}/${widthPx}/${screen}.png`;
}

/** Writes one report (a finding a line, or "none"), replacing the previous run's. */
export async function writeReport(name: string, lines: readonly string[]): Promise<string> {
  const path = `${ARTIFACTS_DIR}/${name}.txt`;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, lines.length > 0 ? `${lines.join('\n')}\n` : 'none\n');
  return path;
}
