import type { AppContext, BackgroundWorker } from '../../../context.js';
import { PollingWorker } from '../../../shared/polling-worker.js';
import { type NotifyRunResult, runProviderNotifications } from './notify.js';

/** A payment just confirmed reaches its provider within about this long (notifyNow makes it due at once). */
export const NOTIFY_POLL_MS = 1_000;

/**
 * The service payments' notify worker on its own short timer (issue 16 item 2), as merchant
 * webhooks have theirs (acquiring/webhooks/sender.ts); retries keep their backoff, since a row is
 * due only at its next_notify_at. main.ts starts it with the outbox worker (WORKER_ENABLED);
 * buildApp stops it.
 */
export class ProviderNotifier extends PollingWorker<NotifyRunResult> implements BackgroundWorker<NotifyRunResult> {
  constructor(ctx: () => AppContext, databaseReady: () => boolean, pollMs = NOTIFY_POLL_MS) {
    super({
      pass: () => runProviderNotifications(ctx()),
      databaseReady,
      pollMs,
      onFailure: (error) => ctx().log.warn({ err: error }, 'service payment notices: the pass failed; the next tick tries again'),
    });
  }
}

// The notifier rides on the app's context, as the webhooks' sender does (context.ts names no module).
declare module '../../../context.js' {
  interface AppContext {
    /** Tells providers of service payments (payments/notify), on the same switch as the outbox worker. */
    providerNotifier: BackgroundWorker<NotifyRunResult>;
  }
}
