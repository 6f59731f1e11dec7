import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database, Tx } from './db/database.js';
import type { DatabaseHealth } from './db/health.js';
import type { Metrics } from './http/metrics.js';
import type { OutboxWorker, SmsSender } from './modules/notifications/index.js';
import type { RetentionWorker } from './modules/retention/index.js';
import type { Clock } from './shared/clock.js';

/** Called in the transaction that signs an agreement, so accounts open with it or not at all. */
export type AgreementSignedHook = (tx: Tx, event: { customerId: string; kind: 'emoney' | 'banking'; now: Date }) => Promise<void>;

/** What every module gets: built once in buildApp, passed down explicitly. */
export interface AppContext {
  config: Config;
  db: Database;
  /** Readiness of the database, kept by a background check (db/health.ts). */
  health: DatabaseHealth;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  sms: SmsSender;
  worker: OutboxWorker;
  /** The retention purge (SECURITY.md 35), on the same switch as the outbox worker. */
  retention: RetentionWorker;
  hooks: { agreementSigned: AgreementSignedHook[] };
}
