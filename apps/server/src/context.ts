import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { Metrics } from './http/metrics.js';
import type { OutboxWorker, SmsSender } from './modules/notifications/index.js';
import type { Clock } from './shared/clock.js';

/** What every module gets: built once in buildApp, passed down explicitly. */
export interface AppContext {
  config: Config;
  db: Database;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  sms: SmsSender;
  worker: OutboxWorker;
}
