import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendarDay, DEFAULT_BANK_TIME_ZONE } from '../../../shared/datetime.js';
import { SIGNATURE_HEADER, verifyKassaSignature } from '../../acquiring/index.js';
import { accountOf, activationAtPayment, type BillerKind, billFor, checkAccount, knownAccount } from './billers.js';

/**
 * The provider simulator (issue 16 item 2; docs/payments-providers.md, "The simulator"): a real
 * HTTP server on the loopback that answers as billers do, for the tests and the demo. It serves
 * several providers under `/{slug}`, each with its secret, and checks every request's
 * Kassa-Signature as a provider must (401 otherwise). Payments are idempotent by paymentId: the
 * same id again gets the first answer and is counted once (`stats`). A test switches a provider's
 * behaviour (`behave`): no answer at all, a slow answer, a 500, a malformed answer.
 */

/** The demo's providers and their billers; the demo catalogue points each at `<url>/<slug>`. */
export const DEMO_PROVIDER_BILLERS = {
  kcell: 'mobile',
  beeline: 'mobile',
  tele2: 'mobile',
  erc: 'utilities',
  onay: 'transport',
  fines: 'fines',
  idnet: 'internet',
  kindergarten: 'education',
} as const satisfies Record<string, BillerKind>;
export type DemoProviderSlug = keyof typeof DEMO_PROVIDER_BILLERS;
export const DEMO_PROVIDER_SLUGS = Object.keys(DEMO_PROVIDER_BILLERS) as DemoProviderSlug[];

/**
 * The demo providers' secrets: fixed and published, like the demo customers' password. Safe only
 * because the simulator listens on the loopback and production refuses a provider URL that is
 * not https on a public address (provider-http.ts).
 */
export function demoProviderSecret(slug: DemoProviderSlug): string {
  return `psk_demo_${slug}_not-a-secret`;
}

/** Which requests a behaviour applies to; all when not named. */
export type SimulatorPath = 'check' | 'bill' | 'payments' | 'status' | 'confirmations';

/**
 * hang:      never answers (a dead biller); nothing is done, the client gives up at its timeout.
 * slow:      does the work, then answers after delayMs (an answer lost past the client's timeout).
 * error:     answers 500 and does nothing.
 * malformed: does the work and answers 200 with a body that is not the documented shape.
 * reject:    a payment notice is refused for good, 409 (the account closed since the check).
 * `times`: for the next N requests it applies to, then the provider answers normally again.
 */
export type SimulatorBehaviour = {
  answer: 'hang' | 'slow' | 'error' | 'malformed' | 'reject';
  delayMs?: number;
  paths?: SimulatorPath[];
  times?: number;
};

export interface SimulatorStats {
  /** Distinct payments the provider holds: a payment notified twice counts once. */
  paymentsAccepted(slug: string): number;
  /** POST /payments requests with a valid signature, duplicates included. */
  notifyCalls(slug: string): number;
  /** Requests with a valid signature per path. */
  requests(slug: string, path: SimulatorPath): number;
}

export interface ProviderSimulator {
  /** `http://127.0.0.1:<port>`: a provider's endpoint is `${url}/${slug}`. */
  url: string;
  stats: SimulatorStats;
  addProvider(slug: string, secret: string, biller: BillerKind): void;
  /** Switches a provider's behaviour; null back to normal. */
  behave(slug: string, behaviour: SimulatorBehaviour | null): void;
  /** A validator reads the card: its waiting top-ups are done. The same as POST /{slug}/cards/{number}/tap. */
  tap(slug: string, cardNumber: string): number;
  /**
   * How GET /confirmations lists an accepted payment from now on: left out (`drop`, a payment the
   * provider lost) or with another amount; null back to the truth. For reconciliation tests.
   */
  misreport(slug: string, paymentId: string, change: 'drop' | { amountMinor: number } | null): void;
  close(): Promise<void>;
}

interface StoredPayment {
  account: string;
  answerStatus: number;
  answer: Record<string, unknown>;
  activation: 'done' | 'pending';
  amountMinor: number;
  /** The bank day of the notice's paidAt: the day GET /confirmations lists it under. */
  day: string;
  misreported: 'drop' | { amountMinor: number } | null;
}

interface SimulatedProvider {
  secret: string;
  biller: BillerKind;
  behaviour: SimulatorBehaviour | null;
  payments: Map<string, StoredPayment>;
  notifyCalls: number;
  requests: Record<SimulatorPath, number>;
}

type Answer = { status: number; body: unknown } | 'hang';

// The same bound as the adapter's answers: a payment notice is a few hundred bytes.
const REQUEST_BYTES_MAX = 64 * 1024;
const SLUG_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
const PAYMENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** GET /confirmations answers at most this many per page whatever is asked (the bank asks 200). */
const CONFIRMATIONS_PAGE_MAX = 200;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringFields(value: unknown): Record<string, string> | null {
  if (!isObject(value)) return null;
  const entries = Object.entries(value);
  return entries.every(([, field]) => typeof field === 'string')
    ? Object.fromEntries(entries.map(([name, field]) => [name, String(field)]))
    : null;
}

function readBody(request: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > REQUEST_BYTES_MAX) {
        resolve(null);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', () => resolve(null));
  });
}

function parsed(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return null;
  }
}

function routeOf(method: string | undefined, rest: string[]): SimulatorPath | 'tap' | null {
  const [first, second, third] = rest;
  if (method === 'GET' && rest.length === 1 && first === 'confirmations') return 'confirmations';
  if (method === 'POST' && rest.length === 1 && (first === 'check' || first === 'bill' || first === 'payments')) return first;
  if (method === 'GET' && rest.length === 2 && first === 'payments' && second && PAYMENT_ID_PATTERN.test(second)) return 'status';
  if (method === 'POST' && rest.length === 3 && first === 'cards' && third === 'tap') return 'tap';
  return null;
}

class Simulator {
  readonly providers = new Map<string, SimulatedProvider>();
  readonly #timers = new Set<NodeJS.Timeout>();

  /** The bank's time zone: a provider dates what it received by the bank's calendar day, as agreed in its contract. */
  constructor(private readonly timeZone: string) {}

  add(slug: string, secret: string, biller: BillerKind): void {
    if (!SLUG_PATTERN.test(slug)) throw new Error(`simulator: ${slug} is not a slug`);
    const requests = { check: 0, bill: 0, payments: 0, status: 0, confirmations: 0 };
    this.providers.set(slug, { secret, biller, behaviour: null, payments: new Map(), notifyCalls: 0, requests });
  }

  provider(slug: string): SimulatedProvider {
    const provider = this.providers.get(slug);
    if (!provider) throw new Error(`simulator: no provider ${slug}`);
    return provider;
  }

  tap(provider: SimulatedProvider, cardNumber: string): number {
    let activated = 0;
    for (const payment of provider.payments.values()) {
      if (payment.account !== cardNumber || payment.activation !== 'pending') continue;
      payment.activation = 'done';
      activated += 1;
    }
    return activated;
  }

  async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const [path = '', search = ''] = (request.url ?? '').split('?');
    const [slug = '', ...rest] = path.split('/').filter(Boolean);
    const provider = this.providers.get(slug);
    const route = routeOf(request.method, rest);
    const raw = await readBody(request);
    if (raw === null) return this.#send(response, { status: 413, body: { error: 'body too large' } });
    // An unknown provider is 400, not 404: a 404 would read as "no such account" to the bank.
    if (!provider || !route) return this.#send(response, { status: 400, body: { error: 'unknown provider or path' } });
    if (route === 'tap') return this.#send(response, { status: 200, body: { activated: this.tap(provider, rest[1] ?? '') } });
    if (!verifyKassaSignature(request.headers[SIGNATURE_HEADER]?.toString(), raw, provider.secret))
      return this.#send(response, { status: 401, body: { error: 'bad signature' } });
    provider.requests[route] += 1;
    if (route === 'payments') provider.notifyCalls += 1;
    const behaviour = this.#behaviourFor(provider, route);
    if (behaviour?.answer === 'hang') return; // the socket stays open until the client gives up or close()
    if (behaviour?.answer === 'error') return this.#send(response, { status: 500, body: { error: 'simulated failure' } });
    if (behaviour?.answer === 'reject') return this.#send(response, { status: 409, body: { reason: 'simulated refusal: account closed' } });
    const answer =
      route === 'confirmations'
        ? this.#confirmations(provider, new URLSearchParams(search))
        : this.#answer(provider, route, rest[1] ?? '', parsed(raw));
    if (behaviour?.answer === 'malformed') return this.#send(response, { status: 200, body: { unexpected: true } });
    if (behaviour?.answer === 'slow') {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.#send(response, answer);
      }, behaviour.delayMs ?? 0);
      this.#timers.add(timer);
      return;
    }
    this.#send(response, answer);
  }

  /** The provider's switch for this request, counting down its `times`. */
  #behaviourFor(provider: SimulatedProvider, route: SimulatorPath): SimulatorBehaviour | null {
    const behaviour = provider.behaviour;
    if (!behaviour || (behaviour.paths && !behaviour.paths.includes(route))) return null;
    if (behaviour.times !== undefined) {
      if (behaviour.times <= 1) provider.behaviour = null;
      else behaviour.times -= 1;
    }
    return behaviour;
  }

  /** GET /confirmations?day=&after=&limit=: the day's accepted payments by id, a page at a time (docs/payments-providers.md). */
  #confirmations(provider: SimulatedProvider, query: URLSearchParams): Exclude<Answer, 'hang'> {
    const day = query.get('day') ?? '';
    const after = query.get('after');
    const limit = Math.min(Number(query.get('limit') ?? CONFIRMATIONS_PAGE_MAX), CONFIRMATIONS_PAGE_MAX);
    if (!DAY_PATTERN.test(day) || !Number.isSafeInteger(limit) || limit < 1) return { status: 400, body: { error: 'day or limit' } };
    const listed = [...provider.payments.entries()]
      .filter(([paymentId, payment]) => payment.day === day && payment.misreported !== 'drop' && (after === null || paymentId > after))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const page = listed.slice(0, limit).map(([paymentId, payment]) => ({
      paymentId,
      amountMinor: typeof payment.misreported === 'object' && payment.misreported ? payment.misreported.amountMinor : payment.amountMinor,
      providerReference: payment.answer.providerReference ?? null,
    }));
    const next = listed.length > limit ? (page.at(-1)?.paymentId ?? null) : null;
    return { status: 200, body: { confirmations: page, next } };
  }

  #answer(provider: SimulatedProvider, route: SimulatorPath, paymentId: string, body: unknown): Exclude<Answer, 'hang'> {
    if (route === 'status') {
      const payment = provider.payments.get(paymentId);
      return payment ? { status: 200, body: { activation: payment.activation } } : { status: 404, body: { error: 'unknown payment' } };
    }
    const fields = isObject(body) ? stringFields(body.fields) : null;
    const account = fields ? accountOf(fields) : null;
    if (!fields || account === null) return { status: 400, body: { error: 'fields missing' } };
    if (route === 'check') {
      const checked = checkAccount(provider.biller, account);
      return checked.found
        ? { status: 200, body: { holderName: checked.holderName } }
        : { status: 404, body: { error: 'unknown account' } };
    }
    if (route === 'bill') {
      const bill = billFor(provider.biller, account, new Date());
      if (bill.kind === 'not-found') return { status: 404, body: { error: 'unknown account' } };
      return { status: 200, body: bill.kind === 'due' ? { status: 'due', bill: bill.bill } : { status: 'nothing-due' } };
    }
    return this.#pay(provider, account, isObject(body) ? body : {});
  }

  /** POST /payments: the first answer for a paymentId is kept and given again to every repeat. */
  #pay(provider: SimulatedProvider, account: string, body: Record<string, unknown>): Exclude<Answer, 'hang'> {
    const paymentId = body.paymentId;
    if (typeof paymentId !== 'string' || !PAYMENT_ID_PATTERN.test(paymentId)) return { status: 400, body: { error: 'paymentId missing' } };
    const earlier = provider.payments.get(paymentId);
    if (earlier) return { status: earlier.answerStatus, body: earlier.answer };
    const amountMinor = body.amountMinor;
    if (!knownAccount(provider.biller, account)) return { status: 409, body: { reason: 'account not found at the provider' } };
    if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor) || amountMinor <= 0)
      return { status: 422, body: { reason: 'amount is not a positive integer' } };
    const paidAt = typeof body.paidAt === 'string' ? new Date(body.paidAt) : new Date(Number.NaN);
    if (Number.isNaN(paidAt.getTime())) return { status: 422, body: { reason: 'paidAt is not a time' } };
    const activation = activationAtPayment(provider.biller);
    const answer = { providerReference: `${provider.biller}-${provider.payments.size + 1}-${paymentId.slice(-8)}`, activation };
    const day = calendarDay(paidAt, this.timeZone);
    provider.payments.set(paymentId, { account, answerStatus: 200, answer, activation, amountMinor, day, misreported: null });
    return { status: 200, body: answer };
  }

  #send(response: ServerResponse, answer: Exclude<Answer, 'hang'>): void {
    if (response.destroyed || response.writableEnded) return;
    const text = JSON.stringify(answer.body);
    response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  }

  clearTimers(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }
}

/** Starts the simulator with the demo providers (their published secrets) on the loopback. */
export async function startProviderSimulator(options: {
  port?: number;
  host: '127.0.0.1';
  /** The bank's time zone the confirmations are dated in; BANK_TIME_ZONE's default unless told. */
  timeZone?: string;
}): Promise<ProviderSimulator> {
  const simulator = new Simulator(options.timeZone ?? DEFAULT_BANK_TIME_ZONE);
  for (const slug of DEMO_PROVIDER_SLUGS) simulator.add(slug, demoProviderSecret(slug), DEMO_PROVIDER_BILLERS[slug]);
  const server = createServer((request, response) => {
    simulator.handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const count = (slug: string) => simulator.provider(slug);
  return {
    url: `http://${options.host}:${port}`,
    stats: {
      paymentsAccepted: (slug) => count(slug).payments.size,
      notifyCalls: (slug) => count(slug).notifyCalls,
      requests: (slug, path) => count(slug).requests[path],
    },
    addProvider: (slug, secret, biller) => simulator.add(slug, secret, biller),
    behave: (slug, behaviour) => {
      simulator.provider(slug).behaviour = behaviour ? { ...behaviour } : null;
    },
    tap: (slug, cardNumber) => simulator.tap(simulator.provider(slug), cardNumber),
    misreport: (slug, paymentId, change) => {
      const payment = simulator.provider(slug).payments.get(paymentId);
      if (!payment) throw new Error(`simulator: ${slug} has no payment ${paymentId}`);
      payment.misreported = change;
    },
    close: async () => {
      simulator.clearTimers();
      // Hanging requests end with the server: their clients see a reset, not a wait.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
