/**
 * Whether an error means "the database is not there right now" (a restart, a failover, PgBouncer
 * going away, a network cut) rather than "this statement is wrong". The first kind is answered
 * with 503 and Retry-After, and a retry with the same Idempotency-Key is safe: a transaction that
 * lost its connection either committed (the retry finds its stored answer) or did not (the retry
 * runs it). The second kind is a bug and stays a 500.
 */

// SQLSTATE classes and codes (PostgreSQL appendix A).
const CONNECTION_EXCEPTION_CLASS = '08';
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping, or a backend was terminated
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: connected to a standby (a failover under us)
]);

// Socket errors from node:net while connecting or talking to the server.
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// node-postgres and pg-pool report a lost or never-made connection only by message.
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end on the pool',
  'server is in read-only mode',
  'PGlite is closed',
];

// Class 08 answers that are a configuration mistake, not an outage: waiting will not mend them,
// so start-up fails at once instead of retrying for a minute.
const PERMANENT_MESSAGES = ['unsupported startup parameter', 'no such user', 'password authentication failed'];

export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  if (PERMANENT_MESSAGES.some((message) => error.message.includes(message))) return false;
  if (error instanceof AggregateError && error.errors.some(isDatabaseUnavailable)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith(CONNECTION_EXCEPTION_CLASS) && code.length === 5) return true;
    if (UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  }
  if (UNAVAILABLE_MESSAGES.some((message) => error.message.includes(message))) return true;
  return error.cause !== undefined && error.cause !== error && isDatabaseUnavailable(error.cause);
}
