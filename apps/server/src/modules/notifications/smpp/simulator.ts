import type { AddressInfo } from 'node:net';
import smpp from 'smpp';
import { decodeGsm7 } from './gsm7.js';
import { DATA_CODING_UCS2, ESM_CLASS_UDH_INDICATOR } from './parts.js';
import { ESM_CLASS_DELIVERY_RECEIPT, formatDeliveryReceipt } from './receipt.js';

/**
 * An SMSC for tests and development (`npm run smsc:dev -w apps/server`), on the `smpp` package's
 * server side: binds with a system id and password, answers submit_sm with message ids, joins
 * concatenated parts into whole messages (the inbox), and on request throttles, drops the
 * connection in the middle of a window, or sends delivery receipts after a delay.
 */
export interface SimulatorOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  systemId: string;
  password: string;
}

export interface InboxMessage {
  from: string;
  to: string;
  text: string;
  dataCoding: number;
  /** The message ids the simulator gave, one per part, in part order. */
  messageIds: string[];
  receivedAt: string;
}

interface PendingParts {
  total: number;
  pieces: Map<number, { text: string; messageId: string }>;
}

/** The inbox keeps the latest messages only: the dev simulator may run for days. */
const INBOX_MAX = 1000;
/** A receipt the ESME refuses (ESME_RX_T_APPN: no row yet) is sent again this often, this many times. */
const RECEIPT_RETRY_MS = 50;
const RECEIPT_ATTEMPTS_MAX = 20;
// 3GPP TS 23.040 9.2.3.24.1: information element 0x00, concatenation with an 8-bit reference.
const IE_CONCATENATION_8BIT = 0x00;

export class SmscSimulator {
  readonly inbox: InboxMessage[] = [];
  /** Every submit_sm answered OK, parts counted one by one (the same part twice is two). */
  acceptedSubmits = 0;
  throttledSubmits = 0;
  binds = 0;
  #throttleNext = 0;
  #dropAfter: number | null = null;
  #receipts: { stat: 'DELIVRD' | 'UNDELIV'; delayMs: number } | null = null;
  #silentEnquireLinks = 0;
  #nextId = 1;
  readonly #partial = new Map<string, PendingParts>();
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #waiters = new Set<() => void>();

  private constructor(
    private readonly server: smpp.Server,
    private readonly options: SimulatorOptions,
  ) {}

  static async start(options: SimulatorOptions): Promise<SmscSimulator> {
    let simulator: SmscSimulator | null = null;
    const server = smpp.createServer((session) => simulator?.accept(session));
    simulator = new SmscSimulator(server, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
    return simulator;
  }

  get port(): number {
    const address = this.server.address();
    return typeof address === 'object' && address ? (address satisfies AddressInfo).port : 0;
  }

  /** The next `count` submit_sm are answered ESME_RTHROTTLED. */
  throttleNext(count: number): void {
    this.#throttleNext = count;
  }

  /** After `count` more accepted submit_sm, the next one is not answered: the connection drops instead. */
  dropConnectionAfter(count: number): void {
    this.#dropAfter = count;
  }

  /** The next `count` enquire_link go unanswered, as over a link that died without a reset. */
  ignoreEnquireLinks(count: number): void {
    this.#silentEnquireLinks = count;
  }

  /** Each accepted part gets a receipt with this stat after the delay; null stops receipts. */
  sendReceipts(stat: 'DELIVRD' | 'UNDELIV' | null, delayMs = 20): void {
    this.#receipts = stat ? { stat, delayMs } : null;
  }

  /** Resolves once the inbox holds `count` messages; rejects after `timeoutMs`. */
  async waitForInbox(count: number, timeoutMs = 5000): Promise<InboxMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.inbox.length < count) {
      if (Date.now() > deadline) throw new Error(`the simulator's inbox holds ${this.inbox.length} messages, not ${count}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 20);
        this.#waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.inbox;
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearTimeout(timer);
    for (const session of [...this.server.sessions]) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(session: smpp.Session): void {
    let bound = false;
    // A client's socket error (a reset) ends only that session.
    session.on('error', () => session.destroy());
    session.on('bind_transceiver', (pdu: smpp.PDU) => {
      bound = pdu.system_id === this.options.systemId && pdu.password === this.options.password;
      if (bound) this.binds += 1;
      session.send(pdu.response({ command_status: bound ? smpp.ESME_ROK : smpp.ESME_RBINDFAIL, system_id: 'KassaSim' }));
      if (!bound) session.close();
    });
    session.on('enquire_link', (pdu: smpp.PDU) => {
      if (this.#silentEnquireLinks > 0) this.#silentEnquireLinks -= 1;
      else session.send(pdu.response());
    });
    session.on('unbind', (pdu: smpp.PDU) => {
      session.send(pdu.response());
      session.close();
    });
    session.on('submit_sm', (pdu: smpp.PDU) => {
      if (!bound) {
        session.send(pdu.response({ command_status: 0x04 })); // ESME_RINVBNDSTS
        return;
      }
      this.submit(session, pdu);
    });
  }

  private submit(session: smpp.Session, pdu: smpp.PDU): void {
    if (this.#throttleNext > 0) {
      this.#throttleNext -= 1;
      this.throttledSubmits += 1;
      session.send(pdu.response({ command_status: smpp.ESME_RTHROTTLED }));
      return;
    }
    if (this.#dropAfter !== null) {
      if (this.#dropAfter === 0) {
        this.#dropAfter = null;
        session.destroy();
        return;
      }
      this.#dropAfter -= 1;
    }
    const messageId = `sim${String(this.#nextId++).padStart(8, '0')}`;
    this.acceptedSubmits += 1;
    session.send(pdu.response({ message_id: messageId }));
    this.keepPart(pdu, messageId);
    if (this.#receipts) this.scheduleReceipt(session, pdu, messageId, this.#receipts.stat, this.#receipts.delayMs);
  }

  /** Joins the parts of a concatenated message by sender, recipient and reference. */
  private keepPart(pdu: smpp.PDU, messageId: string): void {
    const { text, concatenation } = decodeShortMessage(pdu);
    const from = pdu.source_addr ?? '';
    const to = pdu.destination_addr ?? '';
    const dataCoding = pdu.data_coding ?? 0;
    if (!concatenation) {
      this.deliverToInbox({ from, to, text, dataCoding, messageIds: [messageId], receivedAt: new Date().toISOString() });
      return;
    }
    const key = `${from}|${to}|${concatenation.reference}`;
    const pending = this.#partial.get(key) ?? { total: concatenation.total, pieces: new Map() };
    pending.pieces.set(concatenation.sequence, { text, messageId });
    this.#partial.set(key, pending);
    if (pending.pieces.size < pending.total) return;
    this.#partial.delete(key);
    const ordered = [...pending.pieces.entries()].sort(([a], [b]) => a - b).map(([, piece]) => piece);
    this.deliverToInbox({
      from,
      to,
      text: ordered.map((piece) => piece.text).join(''),
      dataCoding,
      messageIds: ordered.map((piece) => piece.messageId),
      receivedAt: new Date().toISOString(),
    });
  }

  private deliverToInbox(message: InboxMessage): void {
    this.inbox.push(message);
    if (this.inbox.length > INBOX_MAX) this.inbox.shift();
    for (const wake of this.#waiters) wake();
    this.#waiters.clear();
  }

  private scheduleReceipt(
    session: smpp.Session,
    submit: smpp.PDU,
    messageId: string,
    stat: 'DELIVRD' | 'UNDELIV',
    delayMs: number,
    attempt = 1,
  ): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      const sent = session.deliver_sm(
        {
          source_addr: submit.destination_addr,
          destination_addr: submit.source_addr,
          esm_class: ESM_CLASS_DELIVERY_RECEIPT,
          receipted_message_id: messageId,
          short_message: formatDeliveryReceipt(messageId, stat, new Date()),
        },
        (response) => {
          if (response.command_status !== smpp.ESME_ROK && attempt < RECEIPT_ATTEMPTS_MAX) {
            this.scheduleReceipt(session, submit, messageId, stat, RECEIPT_RETRY_MS, attempt + 1);
          }
        },
      );
      if (!sent) return;
    }, delayMs);
    this.#timers.add(timer);
  }
}

/** The text of a submit_sm and its concatenation header, from the raw octets when the package left them. */
function decodeShortMessage(pdu: smpp.PDU): { text: string; concatenation: { reference: number; total: number; sequence: number } | null } {
  const body = pdu.short_message;
  const ucs2 = (pdu.data_coding ?? 0) === DATA_CODING_UCS2;
  const decode = (octets: Buffer) => (ucs2 ? Buffer.from(octets).swap16().toString('utf16le') : decodeGsm7(octets));
  if (!body || typeof body === 'string') return { text: body ?? '', concatenation: null };
  if (Buffer.isBuffer(body)) {
    const hasHeader = ((pdu.esm_class ?? 0) & ESM_CLASS_UDH_INDICATOR) !== 0;
    const headerLength = hasHeader ? (body[0] ?? 0) + 1 : 0;
    return {
      text: decode(body.subarray(headerLength)),
      concatenation: hasHeader ? concatenationOf([body.subarray(1, headerLength)]) : null,
    };
  }
  const message = body.message ?? '';
  return {
    text: typeof message === 'string' ? message : decode(message),
    concatenation: body.udh ? concatenationOf(body.udh) : null,
  };
}

/** The 8-bit concatenation element among the header's elements, each [id, length, ...data]. */
function concatenationOf(elements: Buffer[]): { reference: number; total: number; sequence: number } | null {
  for (const element of elements) {
    let offset = 0;
    while (offset + 1 < element.length) {
      const id = element[offset] ?? 0;
      const length = element[offset + 1] ?? 0;
      if (id === IE_CONCATENATION_8BIT && length === 3) {
        return { reference: element[offset + 2] ?? 0, total: element[offset + 3] ?? 0, sequence: element[offset + 4] ?? 0 };
      }
      offset += 2 + length;
    }
  }
  return null;
}
