import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import smpp from 'smpp';
import { type FinalReceipt, isDeliveryReceipt, parseDeliveryReceipt } from './receipt.js';
import { sleep } from './window.js';

export interface SmppConnectionOptions {
  host: string;
  port: number;
  tls: boolean;
  systemId: string;
  password: string;
  systemType: string;
  enquireLinkMs: number;
  /** First reconnect delay; it doubles per failure, to reconnectMaxMs, with full jitter. */
  reconnectBaseMs: number;
  reconnectMaxMs: number;
  /** Resolves true when the receipt matched a message (then deliver_sm_resp is OK). */
  onReceipt: (receipt: FinalReceipt) => Promise<boolean>;
  log: Logger;
}

/** A TCP connect plus bind_transceiver that takes longer than this is abandoned and retried. */
const BIND_TIMEOUT_MS = 10_000;

/** The SMSC refused the bind (ESME_RBINDFAIL and kin): wrong credentials are not retried in a loop. */
export class SmppBindError extends Error {
  constructor(readonly commandStatus: number) {
    super(`the SMSC refused bind_transceiver (command_status 0x${commandStatus.toString(16).padStart(8, '0')})`);
    this.name = 'SmppBindError';
  }
}

/** The connection closed before the response came: the request may or may not have reached the SMSC. */
export class SmppConnectionLostError extends Error {
  constructor(message = 'the SMPP connection closed before the response') {
    super(message);
    this.name = 'SmppConnectionLostError';
  }
}

interface PendingRequest {
  session: smpp.Session;
  fail: (error: Error) => void;
}

/**
 * One transceiver session to the SMSC, kept bound: enquire_link keep-alive (a missed answer
 * means a dead link, which is dropped), reconnect with exponential backoff after any loss, and
 * receipts answered only once they are recorded (ESME_RX_T_APPN otherwise, so the SMSC sends
 * the receipt again later rather than the status being lost).
 */
export class SmppConnection {
  #session: smpp.Session | null = null;
  #binding: Promise<smpp.Session> | null = null;
  #failures = 0;
  #closed = false;
  #keepAlive: NodeJS.Timeout | null = null;
  readonly #pending = new Set<PendingRequest>();

  constructor(private readonly options: SmppConnectionOptions) {}

  get isBound(): boolean {
    return this.#session !== null;
  }

  /** The bound session, connecting (and reconnecting after network failures) as needed. */
  bound(): Promise<smpp.Session> {
    if (this.#closed) return Promise.reject(new SmppConnectionLostError('the SMPP connection is closed'));
    if (this.#session) return Promise.resolve(this.#session);
    if (!this.#binding) {
      this.#binding = this.#bindWithBackoff().finally(() => {
        this.#binding = null;
      });
    }
    return this.#binding;
  }

  /** Sends a request and resolves with its response PDU; fails when the connection is lost first. */
  async request(send: (session: smpp.Session, onResponse: (pdu: smpp.PDU) => void) => boolean, timeoutMs: number): Promise<smpp.PDU> {
    const session = await this.bound();
    return new Promise<smpp.PDU>((resolve, reject) => {
      const pending: PendingRequest = { session, fail: reject };
      // No response in time: the link is treated as dead, so everything outstanding goes again.
      const timer = setTimeout(() => session.destroy(), timeoutMs);
      pending.fail = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      this.#pending.add(pending);
      const sent = send(session, (pdu) => {
        clearTimeout(timer);
        this.#pending.delete(pending);
        resolve(pdu);
      });
      if (!sent) {
        this.#pending.delete(pending);
        pending.fail(new SmppConnectionLostError('the SMPP socket is not writable'));
        // The socket is going: forget it now, so the retry waits for a new session, not this one.
        session.destroy();
        this.#onClosed(session);
      }
    });
  }

  /** Unbinds politely and stops reconnecting. */
  async close(): Promise<void> {
    this.#closed = true;
    const session = this.#session;
    if (!session) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => session.destroy(), BIND_TIMEOUT_MS);
      session.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      if (!session.unbind({}, () => session.close())) session.destroy();
    });
  }

  async #bindWithBackoff(): Promise<smpp.Session> {
    for (;;) {
      // Unref'd: a server shutting down does not wait for the next reconnect.
      if (this.#failures > 0) await sleep(this.#backoffMs(), { unref: true });
      if (this.#closed) throw new SmppConnectionLostError('the SMPP connection is closed');
      try {
        const session = await this.#connectAndBind();
        this.#failures = 0;
        return session;
      } catch (error) {
        this.#failures += 1;
        if (error instanceof SmppBindError) throw error;
        this.options.log.warn({ err: error, failures: this.#failures }, 'SMPP connect failed; retrying');
      }
    }
  }

  #backoffMs(): number {
    const ceiling = Math.min(this.options.reconnectMaxMs, this.options.reconnectBaseMs * 2 ** Math.min(this.#failures - 1, 20));
    return Math.max(this.options.reconnectBaseMs, randomInt(ceiling + 1));
  }

  #connectAndBind(): Promise<smpp.Session> {
    const { host, port, tls } = this.options;
    return new Promise<smpp.Session>((resolve, reject) => {
      const session = smpp.connect({ host, port, tls });
      let settled = false;
      const settle = (error: Error | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        const failure = error ?? (this.#closed ? new SmppConnectionLostError('the SMPP connection was closed during the bind') : null);
        if (failure) {
          session.destroy();
          reject(failure);
          return;
        }
        this.#session = session;
        this.#startKeepAlive(session);
        resolve(session);
      };
      const timer = setTimeout(() => settle(new SmppConnectionLostError('the SMPP bind timed out')), BIND_TIMEOUT_MS);
      session.on('error', (error: Error) => {
        if (!settled) settle(error);
        else this.options.log.warn({ err: error }, 'SMPP socket error');
      });
      session.on('close', () => {
        if (!settled) settle(new SmppConnectionLostError('the SMSC closed the connection during the bind'));
        else this.#onClosed(session);
      });
      session.on(tls ? 'secureConnect' : 'connect', () => {
        session.bind_transceiver(
          { system_id: this.options.systemId, password: this.options.password, system_type: this.options.systemType },
          (pdu) => settle(pdu.command_status === smpp.ESME_ROK ? null : new SmppBindError(pdu.command_status)),
        );
      });
      session.on('enquire_link', (pdu: smpp.PDU) => session.send(pdu.response()));
      session.on('unbind', (pdu: smpp.PDU) => {
        session.send(pdu.response());
        session.close();
      });
      session.on('deliver_sm', (pdu: smpp.PDU) => {
        void this.#answerDeliver(session, pdu);
      });
    });
  }

  #startKeepAlive(session: smpp.Session): void {
    let answered = true;
    this.#keepAlive = setInterval(() => {
      // SMPP 3.4 4.11: an enquire_link left unanswered for a whole period means the link is dead.
      if (!answered) {
        this.options.log.warn('SMPP enquire_link unanswered; dropping the link');
        session.destroy();
        return;
      }
      answered = false;
      session.enquire_link({}, () => {
        answered = true;
      });
    }, this.options.enquireLinkMs);
    this.#keepAlive.unref();
  }

  #onClosed(session: smpp.Session): void {
    if (this.#session !== session) return;
    this.#session = null;
    if (this.#keepAlive) clearInterval(this.#keepAlive);
    this.#keepAlive = null;
    for (const pending of [...this.#pending]) {
      if (pending.session !== session) continue;
      this.#pending.delete(pending);
      pending.fail(new SmppConnectionLostError());
    }
    if (this.#closed) return;
    // A transceiver stays bound so receipts keep arriving; the first retry waits like any other.
    this.#failures += 1;
    this.options.log.warn({ failures: this.#failures }, 'SMPP connection lost; reconnecting');
    this.bound().catch((error: unknown) => this.options.log.error({ err: error }, 'SMPP reconnect gave up'));
  }

  async #answerDeliver(session: smpp.Session, pdu: smpp.PDU): Promise<void> {
    let status = smpp.ESME_ROK;
    if (isDeliveryReceipt(pdu.esm_class)) {
      const receipt = parseDeliveryReceipt(messageText(pdu));
      if (receipt?.outcome) {
        try {
          if (!(await this.options.onReceipt({ ...receipt, outcome: receipt.outcome }))) status = smpp.ESME_RX_T_APPN;
        } catch (error) {
          this.options.log.error({ err: error }, 'SMPP delivery receipt not recorded');
          status = smpp.ESME_RX_T_APPN;
        }
      }
    }
    session.send(pdu.response({ command_status: status }));
  }
}

/** The text of a deliver_sm, however the package decoded it. */
function messageText(pdu: smpp.PDU): string {
  const body = pdu.short_message;
  if (typeof body === 'string') return body;
  if (Buffer.isBuffer(body)) return body.toString('latin1');
  const message = body?.message;
  return Buffer.isBuffer(message) ? message.toString('latin1') : (message ?? '');
}
