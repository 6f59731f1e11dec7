import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import type { SmsAccepted, SmsSendResult, SmsSuppressionReason } from '../../context.js';
import type { Database } from '../../db/database.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import {
  claimDueMessages,
  markDelivered,
  markFailed,
  markSentWithProviderIds,
  markSuppressed,
  type OutboxChannel,
  type OutboxRow,
} from './outbox.repo.js';

export const OUTBOX_BATCH_MAX = 50;
export const OUTBOX_LEASE_MS = 30_000;
export const OUTBOX_ATTEMPTS_MAX = 8;
const BACKOFF_BASE_MS = 1000;
/** While paused (database away, or a failed pass) the worker looks this many polls apart. */
const PAUSED_POLL_FACTOR = 4;
const BACKOFF_CAP_MS = 10 * 60_000;

/**
 * A message that can never be delivered (a number SMS may not go to): it goes dead at once, with
 * no retries, instead of trying OUTBOX_ATTEMPTS_MAX times for the same answer.
 */
export class UndeliverableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UndeliverableError';
  }
}

/**
 * A message that must not go out now, though nothing failed (its number belongs to a customer
 * under an emergency block, context.ts CustomerBlockPort): it ends at once, recorded as suppressed
 * with the reason, and is never retried: a notice of a credit is no news days later.
 */
export class SuppressedError extends Error {
  constructor(readonly reason: SmsSuppressionReason) {
    super(`suppressed: ${reason}`);
    this.name = 'SuppressedError';
  }
}

/** A handler may answer with the provider's message ids (an SMSC's), stored with the row when it is marked sent. */
export type DeliveryHandler = (payload: Record<string, unknown>, message: OutboxRow) => Promise<SmsSendResult>;

/** Exponential backoff with full jitter, so a gateway outage does not end in a thundering herd. */
export function retryDelayMs(attempts: number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempts, 20));
  return Math.max(BACKOFF_BASE_MS, randomInt(ceiling + 1));
}

/**
 * Delivers outbox messages after commit, at least once: a message is marked delivered only after
 * its handler returned. Failures retry with backoff; after OUTBOX_ATTEMPTS_MAX they go dead and
 * wait for a person. `stop()` lets the batch in hand finish, so nothing is left half-claimed.
 */
export class OutboxWorker {
  readonly #handlers = new Map<OutboxChannel, DeliveryHandler>();
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<number> | null = null;
  #stopped = true;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly pollMs: number,
    /** False while the database is away: the worker waits rather than spend attempts. */
    private readonly databaseReady: () => boolean = () => true,
  ) {}

  handle(channel: OutboxChannel, handler: DeliveryHandler): void {
    this.#handlers.set(channel, handler);
  }

  /** One pass over due messages; returns how many were attempted. Tests call this directly. */
  runOnce(): Promise<number> {
    if (!this.#running) {
      this.#running = this.#deliverBatch().finally(() => {
        this.#running = null;
      });
    }
    return this.#running;
  }

  /** Runs passes until nothing is due (tests, and draining at shutdown). */
  async drain(passesMax = 20): Promise<void> {
    // A pass already running may have looked before the caller's commit: let it finish, then
    // look again, so everything committed before drain() was called is delivered when it returns.
    if (this.#running) await this.#running.catch(() => 0);
    for (let pass = 0; pass < passesMax; pass += 1) {
      if ((await this.runOnce()) === 0) return;
    }
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const tick = async () => {
      if (!this.databaseReady()) {
        this.#timer = setTimeout(tick, this.pollMs * PAUSED_POLL_FACTOR);
        return;
      }
      try {
        const attempted = await this.runOnce();
        if (this.#stopped) return;
        // A full batch means more is waiting: go again at once.
        this.#timer = setTimeout(tick, attempted >= OUTBOX_BATCH_MAX ? 0 : this.pollMs);
      } catch (error) {
        // A lost database is expected now and then (a restart, a failover): the worker pauses
        // until readiness returns, and claimed messages come back when their lease ends.
        if (isDatabaseUnavailable(error)) this.log.warn({ err: error }, 'outbox pass paused: database unavailable');
        else this.log.error({ err: error }, 'outbox pass failed');
        if (!this.#stopped) this.#timer = setTimeout(tick, this.pollMs * PAUSED_POLL_FACTOR);
      }
    };
    this.#timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#running) await this.#running.catch(() => 0);
  }

  async #deliverBatch(): Promise<number> {
    const messages = await claimDueMessages(this.db, OUTBOX_BATCH_MAX, OUTBOX_LEASE_MS);
    const outcomes = await Promise.all(messages.map((message) => this.#deliver(message)));
    // The delivered ones are marked together once the pass's handlers returned. Delivered but not
    // recorded (a crash, or the database went away just now) fails the pass, not the messages:
    // their lease ends and they go again, which at-least-once delivery allows.
    await markDelivered(
      this.db,
      messages.filter((_, index) => outcomes[index] === 'delivered').map((message) => message.id),
    );
    return messages.length;
  }

  /** Hands the message to its channel; a failure or a suppression is recorded here, a delivery by the pass. */
  async #deliver(message: OutboxRow): Promise<'delivered' | 'settled'> {
    const handler = this.#handlers.get(message.channel);
    let accepted: SmsSendResult;
    try {
      if (!handler) throw new Error(`no handler for channel ${message.channel}`);
      accepted = await handler(message.payload, message);
    } catch (error) {
      if (error instanceof SuppressedError) {
        this.log.info({ outboxId: message.id, channel: message.channel, reason: error.reason }, 'outbox message suppressed');
        await markSuppressed(this.db, message.id, error.reason);
        return 'settled';
      }
      const reason = error instanceof Error ? error.message : String(error);
      const retryInMs =
        error instanceof UndeliverableError || message.attempts >= OUTBOX_ATTEMPTS_MAX ? null : retryDelayMs(message.attempts);
      this.log.warn({ outboxId: message.id, channel: message.channel, attempts: message.attempts, reason }, 'outbox delivery failed');
      await markFailed(this.db, message.id, reason.slice(0, 500), retryInMs);
      return 'settled';
    }
    if (accepted && accepted.providerMessageIds.length > 0) return this.#markAccepted(message, accepted);
    return 'delivered';
  }

  /**
   * An SMSC accepted the message: it is marked sent with the SMSC's ids at once, not with the
   * pass, so the window in which a crash could send it twice is this one statement
   * (docs/sms-smpp.md). Not recorded (the database went away): the lease ends and it goes again.
   */
  async #markAccepted(message: OutboxRow, accepted: SmsAccepted): Promise<'settled'> {
    try {
      await markSentWithProviderIds(this.db, message.id, accepted.providerMessageIds);
    } catch (error) {
      this.log.error({ err: error, outboxId: message.id }, 'outbox message accepted by the provider but not recorded');
    }
    return 'settled';
  }
}
