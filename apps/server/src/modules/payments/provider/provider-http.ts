import { lookup } from 'node:dns/promises';
import type { Logger } from 'pino';
import { assert } from '../../../shared/assert.js';
import { endpointUrl, isNonPublicAddress, SIGNATURE_HEADER, signatureHeader } from '../../acquiring/index.js';
import type { ProviderEndpoint } from '../catalogue.types.js';
import { CONFIRMATIONS_PATH, readConfirmations } from './confirmations.js';
import {
  type Read,
  readAcceptedAnswer,
  readBillAnswer,
  readCheckAnswer,
  readRejectedAnswer,
  readStatusAnswer,
} from './provider-answers.js';
import type {
  BillAnswer,
  CheckAnswer,
  ConfirmationsAnswer,
  NotifyAnswer,
  PaidPayment,
  ProviderPort,
  ProviderUnavailable,
  StatusAnswer,
} from './provider-port.js';

/**
 * The provider port over HTTP (docs/payments-providers.md): JSON both ways, every request signed
 * `Kassa-Signature: t=…,v1=…` as merchant webhooks are (acquiring/webhooks/signature.ts), so a
 * provider checks one scheme whichever side of the bank it meets. Limits: the whole exchange
 * within timeoutMs (AbortSignal.timeout covers the answer's body too), an answer read up to
 * ANSWER_BYTES_MAX, redirects never followed (the signed body goes to the URL in the catalogue or
 * nowhere). In production the URL must be https on a public address (the webhooks' SSRF guard).
 */

/** A bill of 20 lines in three languages is a few kilobytes; anything much larger is not an answer of ours. */
const ANSWER_BYTES_MAX = 64 * 1024;
const USER_AGENT = 'Kassa-Payments/1.0 (+https://mykassa.kz/docs/payments-providers)';
// Put in a URL path: the operation ids are op_ and hex, nothing to escape.
const PAYMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

type Exchange = { kind: 'answered'; status: number; body: unknown } | ProviderUnavailable;

const UNAVAILABLE: ProviderUnavailable = { kind: 'unavailable', reason: 'error' };

export interface HttpProviderOptions {
  timeoutMs: number;
  /** https only, public addresses only. */
  production: boolean;
  log: Logger;
}

/** The JSON of a payment notice: amounts as integers (≤ 10^13, safe in JSON), the time in ISO 8601. */
export function paymentNoticeBody(payment: PaidPayment): Record<string, unknown> {
  const amount = (minor: bigint) => {
    assert(minor >= 0n && minor <= BigInt(Number.MAX_SAFE_INTEGER), 'an amount fits a JSON integer');
    return Number(minor);
  };
  return {
    paymentId: payment.paymentId,
    fields: payment.fields,
    amountMinor: amount(payment.amountMinor),
    currency: payment.currency,
    lines: payment.lines?.map((line) => ({ id: line.id, amountMinor: amount(line.amountMinor) })) ?? null,
    paidAt: payment.paidAt.toISOString(),
  };
}

/** The answer's body up to the limit, or null past it. */
async function boundedText(response: Response): Promise<string | null> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > ANSWER_BYTES_MAX) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parsedJson(text: string): unknown {
  if (text.length === 0) return null;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class HttpProviderPort implements ProviderPort {
  constructor(private readonly options: HttpProviderOptions) {}

  async check(endpoint: ProviderEndpoint, fields: Record<string, string>): Promise<CheckAnswer> {
    const answer = await this.#exchange(endpoint, 'POST', '/check', { fields });
    if (answer.kind === 'unavailable') return answer;
    if (answer.status === 404) return { kind: 'not-found' };
    if (answer.status !== 200) return this.#unexpected(endpoint, '/check', answer.status);
    const read = readCheckAnswer(answer.body);
    return read.ok ? { kind: 'found', holderName: read.value.holderName } : this.#malformed(endpoint, '/check', read);
  }

  async fetchBill(endpoint: ProviderEndpoint, fields: Record<string, string>): Promise<BillAnswer> {
    const answer = await this.#exchange(endpoint, 'POST', '/bill', { fields });
    if (answer.kind === 'unavailable') return answer;
    if (answer.status === 404) return { kind: 'not-found' };
    if (answer.status !== 200) return this.#unexpected(endpoint, '/bill', answer.status);
    const read = readBillAnswer(answer.body);
    return read.ok ? read.value : this.#malformed(endpoint, '/bill', read);
  }

  async notifyPaid(endpoint: ProviderEndpoint, payment: PaidPayment): Promise<NotifyAnswer> {
    assert(PAYMENT_ID_PATTERN.test(payment.paymentId), 'a payment id is short and printable');
    const answer = await this.#exchange(endpoint, 'POST', '/payments', paymentNoticeBody(payment));
    if (answer.kind === 'unavailable') return answer;
    // 409: the provider refuses it (the account closed since the check); 422: it cannot take it as sent.
    if (answer.status === 409 || answer.status === 422) return { kind: 'rejected', reason: readRejectedAnswer(answer.body, answer.status) };
    if (answer.status !== 200 && answer.status !== 201) return this.#unexpected(endpoint, '/payments', answer.status);
    const read = readAcceptedAnswer(answer.body);
    return read.ok ? { kind: 'accepted', ...read.value } : this.#malformed(endpoint, '/payments', read);
  }

  async paymentStatus(endpoint: ProviderEndpoint, paymentId: string): Promise<StatusAnswer> {
    assert(PAYMENT_ID_PATTERN.test(paymentId), 'a payment id is short and printable');
    const answer = await this.#exchange(endpoint, 'GET', `/payments/${paymentId}`, null);
    if (answer.kind === 'unavailable') return answer;
    if (answer.status === 404) return { kind: 'unknown' };
    if (answer.status !== 200) return this.#unexpected(endpoint, '/payments/{paymentId}', answer.status);
    const read = readStatusAnswer(answer.body);
    return read.ok ? { kind: read.value } : this.#malformed(endpoint, '/payments/{paymentId}', read);
  }

  /** GET /confirmations?day=…, every page of it (confirmations.ts), each signed like the other calls. */
  confirmations(endpoint: ProviderEndpoint, day: string): Promise<ConfirmationsAnswer> {
    return readConfirmations(day, {
      get: (path) => this.#exchange(endpoint, 'GET', path, null),
      unexpected: (httpStatus) => this.#unexpected(endpoint, CONFIRMATIONS_PATH, httpStatus),
      malformed: (read) => this.#malformed(endpoint, CONFIRMATIONS_PATH, read),
    });
  }

  /** One signed request and its answer; never throws, never logs the body (it holds the account). */
  async #exchange(endpoint: ProviderEndpoint, method: 'GET' | 'POST', path: string, payload: unknown): Promise<Exchange> {
    const base = await this.#checkedBase(endpoint);
    if (!base) return UNAVAILABLE;
    // A GET signs the empty body: the path is not in the MAC, the timestamp still bounds a replay.
    const body = payload === null ? '' : JSON.stringify(payload);
    // The wall clock's time, not the app's Clock: the provider checks it against its own clock.
    const timestampSeconds = Math.floor(Date.now() / 1000);
    try {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          accept: 'application/json',
          'user-agent': USER_AGENT,
          [SIGNATURE_HEADER]: signatureHeader(endpoint.secret, timestampSeconds, body),
          ...(payload === null ? {} : { 'content-type': 'application/json' }),
        },
        ...(payload === null ? {} : { body }),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const text = await boundedText(response);
      if (text === null) return this.#malformed(endpoint, path, { ok: false, problem: `answer over ${ANSWER_BYTES_MAX} bytes` });
      if (response.status >= 500) {
        this.options.log.warn({ providerId: endpoint.providerId, path, httpStatus: response.status }, 'payment provider failed; later');
        return UNAVAILABLE;
      }
      return { kind: 'answered', status: response.status, body: parsedJson(text) };
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      this.options.log.warn(
        { providerId: endpoint.providerId, path, reason: timedOut ? 'timeout' : 'connection failed' },
        'payment provider did not answer',
      );
      return { kind: 'unavailable', reason: timedOut ? 'timeout' : 'error' };
    }
  }

  /** The endpoint's URL without its trailing slash, or null when it may not be called (logged: the catalogue is wrong). */
  async #checkedBase(endpoint: ProviderEndpoint): Promise<string | null> {
    const url = endpointUrl(endpoint.url, { production: this.options.production });
    if (!url) {
      this.options.log.error({ providerId: endpoint.providerId }, 'payment provider URL refused (https on a public address in production)');
      return null;
    }
    const parsed = new URL(url);
    if (this.options.production && !(await this.#resolvesPublic(parsed.hostname))) {
      this.options.log.error({ providerId: endpoint.providerId, host: parsed.host }, 'payment provider resolves to a non-public address');
      return null;
    }
    return url.replace(/\/+$/, '');
  }

  /**
   * SSRF (ASVS 12.6.1): every address the name resolves to now is public. fetch resolves again
   * itself, so a name that changes its answer in between could slip by; the catalogue's URLs are
   * set by staff under maker-checker, unlike a merchant's webhook, which delivery.ts checks at connect.
   */
  async #resolvesPublic(hostname: string): Promise<boolean> {
    const host = hostname.replace(/^\[|\]$/g, '');
    if (isNonPublicAddress(host)) return false;
    try {
      const addresses = await lookup(host, { all: true });
      return addresses.length > 0 && addresses.every((entry) => !isNonPublicAddress(entry.address));
    } catch {
      return false;
    }
  }

  #unexpected(endpoint: ProviderEndpoint, path: string, httpStatus: number): ProviderUnavailable {
    // 401 here is a secret the provider and the catalogue disagree on: the operator's to fix.
    this.options.log.warn({ providerId: endpoint.providerId, path, httpStatus }, 'payment provider answered an unexpected status');
    return UNAVAILABLE;
  }

  #malformed(endpoint: ProviderEndpoint, path: string, read: Read<unknown> & { ok: false }): ProviderUnavailable {
    this.options.log.warn({ providerId: endpoint.providerId, path, problem: read.problem }, 'payment provider answer refused');
    return UNAVAILABLE;
  }
}
