import type { TargetKind } from './targets.js';

/** The benches' command line: integers and flags from the environment, and which database to measure. */

export function envInteger(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be an integer ${min}-${max}, got "${raw}"`);
  return value;
}

export function envFlag(name: string): boolean {
  return process.env[name] === '1' || process.env[name] === 'true';
}

/**
 * The database a bench measures: `-- --pglite` (BENCH_PGLITE) the embedded one, BENCH_OWN_POSTGRES
 * a cluster of the bench's own, else the shared server at DATABASE_URL. Exits with the usage on
 * anything else.
 */
export function benchTarget(script: string): { targetKind: TargetKind; maintenanceUrl: string | undefined } {
  const unknownArguments = process.argv.slice(2).filter((argument) => argument !== '--pglite');
  if (unknownArguments.length > 0) {
    console.error(`unknown arguments ${unknownArguments.join(' ')}; usage: npm run ${script} [-- --pglite]`);
    process.exit(2);
  }
  const targetKind: TargetKind =
    process.argv.includes('--pglite') || envFlag('BENCH_PGLITE') ? 'pglite' : envFlag('BENCH_OWN_POSTGRES') ? 'own' : 'shared';
  if (targetKind === 'pglite' && envFlag('BENCH_OWN_POSTGRES')) {
    console.error('BENCH_OWN_POSTGRES and --pglite (BENCH_PGLITE) exclude each other');
    process.exit(2);
  }
  const maintenanceUrl = process.env.DATABASE_URL;
  if (targetKind === 'shared' && !maintenanceUrl) {
    console.error(`DATABASE_URL is required, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run ${script}`);
    console.error('(or BENCH_OWN_POSTGRES=1 for a cluster of the bench’s own, or -- --pglite for the embedded database)');
    process.exit(2);
  }
  return { targetKind, maintenanceUrl };
}
