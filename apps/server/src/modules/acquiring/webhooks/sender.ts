import type { AppContext, BackgroundWorker } from '../../../context.js';
import { PollingWorker } from '../../../shared/polling-worker.js';
import { runWebhookDeliveries } from './worker.js';

/** A delivery a merchant waits for (the order page of a shop) is sent within about this long. */
export const WEBHOOK_POLL_MS = 1_000;

type RunResult = Awaited<ReturnType<typeof runWebhookDeliveries>>;

/**
 * The merchant webhooks' own timer (issue 15 item 6): the order a shop shows as paid must not wait
 * for the retention worker's 10-minute schedule. Retries keep their backoff, since a delivery is
 * due only at its next attempt time. main.ts starts it with the outbox worker (WORKER_ENABLED);
 * buildApp stops it.
 */
export class WebhookSender extends PollingWorker<RunResult> implements BackgroundWorker<RunResult> {
  constructor(ctx: () => AppContext, databaseReady: () => boolean, pollMs = WEBHOOK_POLL_MS) {
    super({
      pass: () => runWebhookDeliveries(ctx()),
      databaseReady,
      pollMs,
      onFailure: (error) => ctx().log.warn({ err: error }, 'webhook deliveries: the pass failed; the next tick tries again'),
    });
  }
}
