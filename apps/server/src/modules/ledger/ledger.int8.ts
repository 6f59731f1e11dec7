import { assert } from '../../shared/assert.js';

// PGlite hands int8 back as a JS number when it fits 53 bits and as a bigint otherwise;
// node-postgres gives a bigint always (see db/postgres.ts). Every int8 read goes through here
// so money is a bigint whatever the adapter, and a fractional value is a loud bug.
export function toBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    assert(Number.isSafeInteger(value), `int8 column returned a non-integer or unsafe number ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`Assertion failed: expected an integer from the database, got ${typeof value} ${String(value)}`);
}

export function toBigIntOrNull(value: unknown): bigint | null {
  return value === null || value === undefined ? null : toBigInt(value);
}
