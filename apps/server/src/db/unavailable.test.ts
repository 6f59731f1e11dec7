import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './unavailable.js';

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('telling a lost database from a bad statement', () => {
  it.each([
    ['a terminated backend at a restart (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a server still starting (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception class 08 (PgBouncer)', withCode('server conn crashed?', '08P01')],
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a standby after a failover (25006)', withCode('cannot execute INSERT in a read-only transaction', '25006')],
    ['a connection node-postgres lost', new Error('Connection terminated unexpectedly')],
    ['a pool that could not connect in time', new Error('timeout exceeded when trying to connect')],
    ['every address of a host refusing', new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')])],
    ['a read-only server refused by target_session_attrs', new DatabaseUnavailableError('server is in read-only mode')],
    ['a cause that was lost', new Error('fetch failed', { cause: withCode('reset', 'ECONNRESET') })],
  ])('%s is unavailability', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a syntax error', withCode('syntax error at or near "SELEC"', '42601')],
    ['a serialization failure', withCode('could not serialize access', '40001')],
    ['a programmer error', new TypeError('cannot read properties of undefined')],
    ['a thrown string', 'Connection terminated'],
    ['PgBouncer refusing a startup parameter (a configuration mistake)', withCode('unsupported startup parameter: options', '08P01')],
  ])('%s is not', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
