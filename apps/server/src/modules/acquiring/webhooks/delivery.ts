import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isNonPublicAddress } from './endpoint-url.js';

/**
 * One POST of a webhook (issue 15 item 6), outside any transaction: the answer's status, or why
 * there was none. Limits: WEBHOOK_TIMEOUT_MS for the whole exchange, an answer's body read up to
 * RESPONSE_BYTES_MAX and discarded, redirects never followed (a 3xx is a failed attempt: a
 * redirect could lead the bank's server anywhere, and the signed body must reach the URL the
 * merchant registered or nowhere). The failure words hold no URL, body or header: they are kept
 * on the delivery and shown to the merchant.
 */

export const WEBHOOK_TIMEOUT_MS = 10_000;
const RESPONSE_BYTES_MAX = 16 * 1024;
const USER_AGENT = 'Kassa-Webhooks/1.0 (+https://mykassa.kz/docs/webhooks)';

export type PostOutcome = { kind: 'answered'; status: number } | { kind: 'failed'; error: string };

export interface PostOptions {
  /** Production: refuse every address that is not public (endpoint-url.ts). */
  refuseNonPublic: boolean;
  timeoutMs?: number;
}

class RefusedAddressError extends Error {
  constructor() {
    super('refused: the endpoint resolves to a non-public address');
    this.name = 'RefusedAddressError';
  }
}

/**
 * Resolves as Node would, then refuses a non-public address: the check is on the address the
 * socket connects to, so a DNS answer that changed since the endpoint was created cannot slip by.
 */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const list = Array.isArray(addresses) ? addresses : [];
      if (list.length === 0 || list.some((entry) => isNonPublicAddress(entry.address))) return callback(new RefusedAddressError(), '', 0);
      if (options.all) return callback(null, list);
      const first = list[0] as LookupAddress;
      return callback(null, first.address, first.family);
    });
  };
}

function failureWords(error: unknown): string {
  if (error instanceof RefusedAddressError) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ETIMEDOUT_WEBHOOK') return `timeout: no answer within ${WEBHOOK_TIMEOUT_MS / 1000} s`;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return `connection failed: ${code}`;
  return 'connection failed';
}

/** POSTs `body` with `headers` to `url`; never throws. */
export function postWebhook(url: string, body: string, headers: Record<string, string>, options: PostOptions): Promise<PostOutcome> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // An address typed in the URL is never looked up, so the lookup's check would not see it.
  if (options.refuseNonPublic && isNonPublicAddress(host))
    return Promise.resolve({ kind: 'failed', error: new RefusedAddressError().message });
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: {
      ...headers,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': USER_AGENT,
    },
    // No connection pooling: each attempt resolves and checks the address again.
    agent: false,
    ...(options.refuseNonPublic ? { lookup: publicOnlyLookup() } : {}),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const outgoing = send(target, requestOptions, (answer: IncomingMessage) => {
      const status = answer.statusCode ?? 0;
      let received = 0;
      answer.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // The answer's body is not needed: past the limit the rest is not read.
        if (received > RESPONSE_BYTES_MAX) answer.destroy();
      });
      answer.on('close', () => finish({ kind: 'answered', status }));
      answer.on('error', () => finish({ kind: 'answered', status }));
    });
    // The whole exchange, not each socket read: a server that trickles a byte a second is cut off too.
    const deadline = setTimeout(() => {
      outgoing.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT_WEBHOOK' }));
    }, timeoutMs);
    outgoing.on('error', (error) => finish({ kind: 'failed', error: failureWords(error) }));
    outgoing.end(body);
  });
}
