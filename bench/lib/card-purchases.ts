import { randomUUID } from 'node:crypto';
import type { SimulatedCardNetwork } from '../../apps/server/src/modules/card-network/index.js';
import { type Customer, eachLimited, newCode, SETUP_CONCURRENCY } from './customers.js';
import { type Answer, bearer, expectStatus, type HttpClient } from './http-client.js';
import type { AnswerKind, LoadResult, NextRequest } from './http-load.js';
import { format } from './report.js';

/**
 * The cards of bench:cards: one virtual card per bench customer, issued through the API, its
 * details read as the customer reads them (the reveal, after its SMS code), and the signed
 * authorisations the simulated network sends for them.
 */

/** A purchase of at most 100 ₸: thousands of them fit any one card's funding. */
const PURCHASE_AMOUNT_MAX_MINOR = 10_000;

export interface CardUnderLoad {
  cardId: string;
  pan: string;
  /** YYMM (DE14). */
  expiry: string;
  cvc2: string;
}

async function issueTypedCard(http: HttpClient, customer: Customer): Promise<CardUnderLoad> {
  const token = customer.tokens[0] as string;
  const issued = await expectStatus(
    http.request(
      'POST',
      '/api/v1/cards',
      { accountId: customer.accountIds[0], kind: 'virtual' },
      { ...bearer(token), 'idempotency-key': randomUUID() },
    ),
    201,
    'issue card',
  );
  const cardId = String(issued.id);
  const started = await expectStatus(http.request('POST', `/api/v1/cards/${cardId}/reveal`, undefined, bearer(token)), 201, 'reveal');
  const code = await newCode(http, customer.phone, customer.seenSmsIds);
  const confirmation = started.confirmation as { challengeId: string };
  const details = await expectStatus(
    http.request('POST', `/api/v1/cards/${cardId}/reveal/confirm`, { challengeId: confirmation.challengeId, code }, bearer(token)),
    200,
    'reveal confirm',
  );
  const expiry = `${String(Number(details.expiryYear) % 100).padStart(2, '0')}${String(details.expiryMonth).padStart(2, '0')}`;
  return { cardId, pan: String(details.pan), expiry, cvc2: String(details.cvc2) };
}

export function issueTypedCards(http: HttpClient, customers: readonly Customer[]): Promise<CardUnderLoad[]> {
  return eachLimited(customers, SETUP_CONCURRENCY, (customer) => issueTypedCard(http, customer));
}

/** A fresh e-commerce purchase on `card`, signed now by the simulated network. */
export function signedPurchase(network: SimulatedCardNetwork, card: CardUnderLoad): NextRequest {
  const amountMinor = 1 + Math.floor(Math.random() * PURCHASE_AMOUNT_MAX_MINOR);
  const message = network.purchase(card.pan, amountMinor, { expiry: card.expiry, cvc2: card.cvc2 });
  const signed = network.sign('authorisation', message, Date.now());
  // The client serialises `body` with JSON.stringify, as sign() did: the bytes signed are the bytes sent.
  return { path: signed.url, headers: signed.headers, body: message };
}

/** An answer of the network door: approved (00), declined (any other DE39), or not an answer (an error). */
export function classifyNetworkAnswer(answer: Answer): AnswerKind {
  if (answer.status !== 200) return 'other';
  const code = (answer.body as { responseCode?: unknown } | null)?.responseCode;
  return code === '00' ? 'completed' : typeof code === 'string' ? 'declined' : 'other';
}

function line(label: string, figures: string): void {
  console.log(`  ${label.padEnd(20)} ${figures}`);
}

export function printCardLoad(name: string, result: LoadResult, pgbenchTps: number | null): void {
  console.log(`\n${name}`);
  const ratio = pgbenchTps === null ? '' : `   (ratio to pgbench TPS: ${format(result.perSecond / pgbenchTps, 2)})`;
  line('authorisations/s', `${format(result.perSecond)}${ratio}`);
  line('approved / declined', `${result.completed} / ${result.declined}, errors ${result.errors}`);
  line('latency p50 / p99', `${format(result.p50Ms)} ms / ${format(result.p99Ms)} ms`);
  const postgres = Number.isNaN(result.postgresCpuCores) ? '' : `, PostgreSQL ${format(result.postgresCpuCores, 2)} cores`;
  line('CPU', `server ${format(result.serverCpuCores, 2)} cores${postgres}, load generator ${format(result.clientCpuCores, 2)} cores`);
  line('server RSS peak', `${format(result.serverRssPeakMib)} MiB`);
  for (const sample of result.errorSamples) console.log(`  error sample: ${sample}`);
}
