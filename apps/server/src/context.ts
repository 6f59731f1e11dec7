import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database, Queryable, Tx } from './db/database.js';
import type { DatabaseHealth } from './db/health.js';
import type { Metrics } from './http/metrics.js';
import type { Clock } from './shared/clock.js';
import type { Localized } from './shared/i18n.js';
import type { ProblemError } from './shared/problem.js';

/**
 * What every module gets, and the ports between modules that would otherwise import each other.
 * This file names no module: a module imports it, never the reverse, so no import cycle runs
 * through it (buildApp, app.ts, plugs the implementations in).
 */

/** Called in the transaction that signs an agreement, so accounts open with it or not at all. */
export type AgreementSignedHook = (tx: Tx, event: { customerId: string; kind: 'emoney' | 'banking'; now: Date }) => Promise<void>;

/**
 * Called in the transaction that ends operations without their money moving: declined, expired
 * unconfirmed, cancelled (by the customer or by a block). A kind that kept something only for the
 * money to move drops it there, in the same commit (transfers: another bank's card number, sealed
 * until its credit is sent). `kind` is the operation's kind; the hook ignores the kinds not its own.
 */
export type OperationsEndedHook = (tx: Tx, ended: ReadonlyArray<{ id: string; kind: string }>) => Promise<void>;

/**
 * The rows a kind adds to its operations' receipts (the PDF, the HTML receipt, the check page):
 * a service payment's provider, its BIN and the account paid. Null for a record not of the
 * hook's kinds. Read only, outside any transaction; operations imports no kind.
 */
export type ReceiptDetailsHook = (
  q: Queryable,
  record: { id: string; kind: string; customerId: string },
) => Promise<ReadonlyArray<{ label: Localized; value: Localized }> | null>;

/**
 * Called in the transaction that gives a card payment its final status (acquiring/payments
 * payments.state.ts): succeeded (captured), failed or canceled. A module that sells through the
 * bank's own acquiring (payments: guests paying a provider by card) settles its side there, in the
 * same commit, so it happens exactly once with the payment's end, across crashes (the capture's
 * sweep ends the payment the same way). The hook ignores the payments of other merchants.
 */
export type CardPaymentEndedHook = (
  tx: Tx,
  payment: {
    id: string;
    merchantId: string;
    mode: 'test' | 'live';
    status: 'succeeded' | 'failed' | 'canceled';
    capturedMinor: bigint;
    currency: string;
    failureCode: string | null;
    cardLast4: string | null;
  },
  now: Date,
) => Promise<void>;

/** What an SMSC answered for one SMS: the message id of each part, which its delivery receipts name. */
export interface SmsAccepted {
  providerMessageIds: readonly string[];
}

/** What send() resolves with: nothing from the adapters without message ids (dev-inbox, http). */
// biome-ignore lint/suspicious/noConfusingVoidType: lets those adapters, and the tests' fakes, stay `Promise<void>`.
export type SmsSendResult = SmsAccepted | undefined | void;

/**
 * The SMS port. Adapters (notifications/sms.ts, notifications/smpp/): `dev-inbox` (keeps messages
 * for developers), `http` (a gateway) and `smpp` (an operator's SMSC, which answers with message ids).
 */
export interface SmsSender {
  readonly name: string;
  send(message: { to: string; text: string }): Promise<SmsSendResult>;
}

/** A worker that runs inside the server process on its own timer (main.ts starts it, buildApp stops it). */
export interface BackgroundWorker<RunResult> {
  start(): void;
  /** Lets the pass in hand finish, then starts no other. */
  stop(): Promise<void>;
  /** One pass now (tests, and the operator's scripts). */
  runOnce(): Promise<RunResult>;
}

/** The outbox worker (notifications/outbox.worker.ts): a pass returns how many messages it attempted. */
export interface OutboxPort extends BackgroundWorker<number> {
  /** Passes until nothing is due: everything committed before the call is delivered when it returns. */
  drain(passesMax?: number): Promise<void>;
}

/** The retention purge (retention/retention.worker.ts): a pass returns the rows deleted per table. */
export type RetentionPort = BackgroundWorker<Record<string, number>>;

/**
 * What auth hands a caller that sets a customer's first password: opaque to it, it is only given
 * back to `store` (the hash stays auth's, in auth_passwords).
 */
export interface PreparedPassword {
  readonly passwordHash: string;
}

/**
 * The passwords port. identity creates customers (registration, the demo data) and auth owns their
 * passwords (auth/customer-passwords.ts); auth depends on identity, so identity reaches auth only
 * through this port and never imports it.
 */
export interface PasswordPort {
  /**
   * The password policy, then the slow Argon2 hash: call it after the cheap checks, before any
   * transaction. Throws the policy's problem, or `password-check-busy` when the pool is full.
   */
  prepare(password: string): Promise<PreparedPassword>;
  /** Stores the first password of a customer created in the caller's transaction. */
  store(tx: Tx, customerId: string, prepared: PreparedPassword, now: Date): Promise<void>;
}

/**
 * The blocks port (modules/blocks; issue 13 item 4). While a customer's access is blocked (a lost
 * phone, a dead SIM) no money leaves their accounts: operations asks here before any code is sent
 * and again at confirmation. blocks cancels that customer's waiting operations, so it depends on
 * operations, and operations reaches blocks only through this port.
 */
export interface CustomerBlockPort {
  /** The refusal to show for an outgoing operation of this customer (423 `customer-blocked`), or null. */
  outgoingRefusal(q: Queryable, customerId: string): Promise<ProblemError | null>;
  /**
   * Why no SMS may go to this number now, or null. The outbox asks at send time, for every SMS
   * (notices as much as codes): a lost phone in a stranger's hand must not read the customer's
   * money moves (notifications/notifications.service.ts smsDeliveryHandler).
   */
  smsSuppression(q: Queryable, phone: string): Promise<SmsSuppressionReason | null>;
}

/** Why an SMS was not sent though nothing failed; the staff's customer file shows it (notifications/sent.repo.ts). */
export const SMS_SUPPRESSION_REASONS = ['customer-blocked'] as const;
export type SmsSuppressionReason = (typeof SMS_SUPPRESSION_REASONS)[number];

/**
 * What every module gets: built once in buildApp, passed down explicitly. A module whose per-app
 * state has its own types adds it by augmenting this interface from its own file, so this one
 * still names no module: approvals adds `approvalExecutors` (approvals.executors.ts).
 */
export interface AppContext {
  config: Config;
  db: Database;
  /** Readiness of the database, kept by a background check (db/health.ts). */
  health: DatabaseHealth;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  sms: SmsSender;
  worker: OutboxPort;
  /** The retention purge (SECURITY.md 35), on the same switch as the outbox worker. */
  retention: RetentionPort;
  /** Merchant webhooks on their own short timer (acquiring/webhooks), on the same switch. */
  webhooks: BackgroundWorker<unknown>;
  passwords: PasswordPort;
  blocks: CustomerBlockPort;
  hooks: {
    agreementSigned: AgreementSignedHook[];
    cardPaymentsEnded: CardPaymentEndedHook[];
    operationsEnded: OperationsEndedHook[];
    receiptDetails: ReceiptDetailsHook[];
  };
}
