import { randomUUID } from 'node:crypto';

/** Prefixed random ids (`cus_…`, `acc_…`, `op_…`) so a log line says what an id names. */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replaceAll('-', '')}`;
}
