import type { Logger } from 'pino';
import smpp from 'smpp';
import type { SmsAccepted, SmsSender } from '../../../context.js';
import { UndeliverableError } from '../outbox.worker.js';
import { SmppConnection, SmppConnectionLostError } from './connection.js';
import { type SmsPart, splitIntoParts } from './parts.js';
import type { FinalReceipt } from './receipt.js';
import { SubmitWindow, sleep, withDeadline } from './window.js';

export interface SmppSenderOptions {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  /** bind_transceiver system_type: some SMSCs route on it; most accept it empty. */
  systemType: string;
  /** source_addr: an alphanumeric sender ("Kassa") or a number. */
  sourceAddr: string;
  /** Outstanding submit_sm at most (SMPP_WINDOW). */
  windowSize: number;
  enquireLinkMs: number;
  /** Matches a receipt to its outbox row; true when one was found (notifications' recordSmsReceipt). */
  onReceipt: (receipt: FinalReceipt) => Promise<boolean>;
  log: Logger;
  reconnectBaseMs?: number;
  reconnectMaxMs?: number;
  throttleBackoffBaseMs?: number;
  /** A whole send (all its parts, throttling and reconnects included) ends by then, inside the outbox lease. */
  sendTimeoutMs?: number;
}

const RECONNECT_BASE_MS = 500;
const RECONNECT_MAX_MS = 30_000;
const THROTTLE_BACKOFF_BASE_MS = 1000;
const THROTTLE_BACKOFF_MAX_MS = 16_000;
/** Below OUTBOX_LEASE_MS (30 s), so no second worker claims a message this one is still sending. */
const SEND_TIMEOUT_MS = 20_000;
/** A submit_sm_resp that takes longer means a dead link: it is dropped and the part goes again. */
const RESPONSE_TIMEOUT_MS = 10_000;

/** SMPP 3.4 5.1.3: the SMSC's rate limit; the part waits and goes again instead of failing. */
const THROTTLING_STATUSES: ReadonlySet<number> = new Set([smpp.ESME_RTHROTTLED, smpp.ESME_RMSGQFUL]);
/** Refusals no retry can change: the message goes dead at once. */
const PERMANENT_STATUSES: ReadonlySet<number> = new Set([
  0x0a, // ESME_RINVSRCADR
  0x0b, // ESME_RINVDSTADR
  0x33, // ESME_RINVNUMDESTS
  0x48, // ESME_RINVSRCTON
  0x50, // ESME_RINVDSTTON
]);
// SMPP 3.4 5.2.5: TON 5 alphanumeric, 1 international; NPI 1 ISDN (E.164), 0 unknown.
const TON_INTERNATIONAL = 1;
const TON_ALPHANUMERIC = 5;
const NPI_ISDN = 1;
const NPI_UNKNOWN = 0;
/** SMPP 3.4 5.2.17: ask for a receipt on final delivery, success or failure. */
const REGISTERED_DELIVERY_FINAL = 1;

function statusHex(status: number): string {
  return `0x${status.toString(16).padStart(8, '0')}`;
}

/**
 * SMS_ADAPTER=smpp: submit_sm over one transceiver session to the operator's SMSC (docs/sms-smpp.md).
 * send() resolves with the SMSC's message id of every part, which the outbox stores with the row
 * in the same step that marks it sent, and which delivery receipts are matched by.
 */
export class SmppSmsSender implements SmsSender {
  readonly name = 'smpp';
  readonly #connection: SmppConnection;
  readonly #window: SubmitWindow;
  readonly #alphanumericSender: boolean;

  constructor(private readonly options: SmppSenderOptions) {
    this.#connection = new SmppConnection({
      ...options,
      reconnectBaseMs: options.reconnectBaseMs ?? RECONNECT_BASE_MS,
      reconnectMaxMs: options.reconnectMaxMs ?? RECONNECT_MAX_MS,
    });
    this.#window = new SubmitWindow(options.windowSize);
    this.#alphanumericSender = !/^\+?\d+$/.test(options.sourceAddr);
  }

  /** Binds now (the server at start, tests); a wrong password rejects with SmppBindError. */
  async connect(): Promise<void> {
    await this.#connection.bound();
  }

  get isBound(): boolean {
    return this.#connection.isBound;
  }

  async send(message: { to: string; text: string }): Promise<SmsAccepted> {
    const parts = splitIntoParts(message.text);
    const deadline = Date.now() + (this.options.sendTimeoutMs ?? SEND_TIMEOUT_MS);
    const providerMessageIds = await Promise.all(parts.map((part) => this.#submitPart(message.to, part, deadline)));
    return { providerMessageIds };
  }

  close(): Promise<void> {
    return this.#connection.close();
  }

  async #submitPart(to: string, part: SmsPart, deadline: number): Promise<string> {
    let throttled = 0;
    for (;;) {
      const remainingMs = deadline - Date.now();
      if (remainingMs <= 0) throw new Error('the SMSC did not accept the message in time');
      const release = await this.#window.acquire();
      let response: smpp.PDU;
      try {
        response = await withDeadline(
          this.#connection.request(
            (session, onResponse) => session.submit_sm(this.#submitFields(to, part), onResponse),
            Math.min(RESPONSE_TIMEOUT_MS, remainingMs),
          ),
          remainingMs,
          () => new Error('the SMSC did not accept the message in time'),
        );
      } catch (error) {
        // Lost before submit_sm_resp: resubmitted on the next session (docs/sms-smpp.md, resubmits).
        if (error instanceof SmppConnectionLostError) continue;
        throw error;
      } finally {
        release();
      }
      const status = response.command_status;
      if (status === smpp.ESME_ROK && response.message_id) return response.message_id;
      if (THROTTLING_STATUSES.has(status)) {
        throttled += 1;
        const base = this.options.throttleBackoffBaseMs ?? THROTTLE_BACKOFF_BASE_MS;
        await sleep(Math.min(THROTTLE_BACKOFF_MAX_MS, base * 2 ** Math.min(throttled - 1, 10)));
        continue;
      }
      if (PERMANENT_STATUSES.has(status)) throw new UndeliverableError(`the SMSC refused the number (${statusHex(status)})`);
      throw new Error(`the SMSC refused submit_sm (${statusHex(status)})`);
    }
  }

  #submitFields(to: string, part: SmsPart): Record<string, unknown> {
    return {
      source_addr_ton: this.#alphanumericSender ? TON_ALPHANUMERIC : TON_INTERNATIONAL,
      source_addr_npi: this.#alphanumericSender ? NPI_UNKNOWN : NPI_ISDN,
      source_addr: this.options.sourceAddr,
      dest_addr_ton: TON_INTERNATIONAL,
      dest_addr_npi: NPI_ISDN,
      destination_addr: to.replace(/^\+/, ''),
      esm_class: part.esmClass,
      data_coding: part.dataCoding,
      registered_delivery: REGISTERED_DELIVERY_FINAL,
      short_message: part.shortMessage,
    };
  }
}
