import { randomInt } from 'node:crypto';
import type { CardNetworkKey } from '../../config-card-network.js';
import type {
  AdviceRequest,
  AuthorisationRequest,
  ClearingRequest,
  MessageType,
  PurchaseMessage,
  ReversalRequest,
} from './message-schemas.js';

/** What a reversal or a clearing takes from the purchase it ends. */
type PurchaseIdentity = Pick<PurchaseMessage, 'rrn' | 'stan' | 'amountMinor' | 'currency'>;

import type { CardNetworkPort, OutboundAnswer, OutboundMessage, OutboundPurchase } from './card-network.types.js';
import { KEY_ID_HEADER, SIGNATURE_HEADER, signature, TIMESTAMP_HEADER } from './signature.js';

/**
 * The test double of a card network (docs/card-network.md, "The test double"). It plays both
 * sides a network has towards Kassa:
 *
 * - towards Kassa the issuer, it is an acquirer's network: it builds the messages of a purchase
 *   (authorisation, advice, reversal, clearing) with fresh DE37 / DE11 and sane defaults, and
 *   signs them with a network key exactly as a real network must (signature.ts), ready to send to
 *   POST /api/network/v1/… (tests through inject, the bench over HTTP, the demo's checkout);
 * - towards Kassa the sender (issue 14 item 7, later), it is the other issuer: `send` answers an
 *   outbound message by fixed rules, so a test chooses the answer by the amount:
 *     PAN failing the Luhn check -> 14; amount ending in …51 -> 51; …05 -> 05; …91 -> 91;
 *     otherwise 00 with a DE38 code. Each message it got is kept (the last SENT_KEPT_MAX);
 * - towards Kassa the acquirer (issue 15), it is the issuer of the sandbox cards: a purchase's
 *   authorisation is answered by SANDBOX_ISSUER_ANSWERS (the issue's sandbox table), 05 for any
 *   other number and for a purchase without a 3-D Secure result of Y or A; a capture and a
 *   release of a purchase are answered 00 (the double keeps no purchases: a retry is answered alike).
 */

/**
 * The sandbox cards' issuer answers (docs/acquiring-money.md; the 3-D Secure side of the same
 * cards is modules/acs's sandbox ACS): 00 approved, 51 insufficient funds.
 */
export const SANDBOX_ISSUER_ANSWERS: Readonly<Record<string, string>> = {
  '4000000000000002': '00',
  '4000000000000101': '00',
  '4000000000000200': '00',
  '4000000000000309': '51',
  '4000000000000408': '00',
};

const AUTHENTICATED = ['Y', 'A'];

function purchaseAnswer(message: OutboundPurchase): OutboundAnswer {
  const answer = Object.hasOwn(SANDBOX_ISSUER_ANSWERS, message.pan) ? (SANDBOX_ISSUER_ANSWERS[message.pan] ?? '05') : '05';
  if (answer !== '00') return { responseCode: answer, authorisationCode: null };
  if (!message.threeDs || !AUTHENTICATED.includes(message.threeDs.status)) return { responseCode: '05', authorisationCode: null };
  return { responseCode: '00', authorisationCode: digits(6) };
}

const SENT_KEPT_MAX = 100;
const PATHS: Readonly<Record<MessageType, string>> = {
  authorisation: '/api/network/v1/authorisation',
  advice: '/api/network/v1/advice',
  reversal: '/api/network/v1/reversal',
  clearing: '/api/network/v1/clearing',
};

export interface SignedRequest {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  /** The exact bytes signed: send these, not a re-serialised object. */
  payload: string;
}

type PurchaseDefaults = Omit<AuthorisationRequest, 'mti' | 'pan' | 'amountMinor'>;

let serial = 0;

function digits(length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) text += String(randomInt(10));
  return text;
}

function luhnValid(pan: string): boolean {
  let sum = 0;
  for (let index = 0; index < pan.length; index += 1) {
    let digit = Number(pan[pan.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

export class SimulatedCardNetwork implements CardNetworkPort {
  readonly name = 'simulated' as const;
  readonly sent: OutboundMessage[] = [];

  /** `key`: the network key it signs with (the first of CARD_NETWORK_KEYS); null signs nothing. */
  constructor(private readonly key: CardNetworkKey | null) {}

  async send(message: OutboundMessage): Promise<OutboundAnswer> {
    this.sent.push(message);
    if (this.sent.length > SENT_KEPT_MAX) this.sent.shift();
    if (message.purpose === 'purchase-clearing' || message.purpose === 'purchase-reversal')
      return { responseCode: '00', authorisationCode: null };
    if (!luhnValid(message.pan)) return { responseCode: '14', authorisationCode: null };
    if (message.purpose === 'purchase') return purchaseAnswer(message);
    const ending = String(message.amountMinor % 100).padStart(2, '0');
    if (['51', '05', '91'].includes(ending)) return { responseCode: ending, authorisationCode: null };
    return { responseCode: '00', authorisationCode: digits(6) };
  }

  /** A fresh DE37: 12 digits, random with a serial at the end, so two in one test never meet. */
  static newRrn(): string {
    serial = (serial + 1) % 10_000;
    return `${digits(8)}${String(serial).padStart(4, '0')}`;
  }

  static newStan(): string {
    return digits(6);
  }

  /** An e-commerce purchase of `amountMinor` tiyn in KZT at a test merchant, with a fresh identity. */
  purchase(pan: string, amountMinor: number, fields: Partial<PurchaseDefaults> = {}, now = new Date()): AuthorisationRequest {
    return {
      mti: '0100',
      pan,
      amountMinor,
      processingCode: '000000',
      currency: '398',
      transmittedAt: now.toISOString(),
      stan: SimulatedCardNetwork.newStan(),
      mcc: '5999',
      posEntryMode: '812',
      acquirerId: '400001',
      rrn: SimulatedCardNetwork.newRrn(),
      terminalId: 'WEB00001',
      merchantId: 'KASSATESTSHOP01',
      merchantName: 'KASSA TEST SHOP',
      merchantCity: 'ALMATY',
      merchantCountry: 'KZ',
      ...fields,
    };
  }

  /** The network's advice of a purchase it decided for the issuer (DE39 `responseCode`). */
  advice(purchase: AuthorisationRequest, responseCode = '00'): AdviceRequest {
    return { ...purchase, mti: '0120', responseCode, ...(responseCode === '00' ? { authorisationCode: digits(6) } : {}) };
  }

  reversal(purchase: PurchaseIdentity, now = new Date()): ReversalRequest {
    return {
      mti: '0400',
      rrn: purchase.rrn,
      stan: SimulatedCardNetwork.newStan(),
      transmittedAt: now.toISOString(),
      amountMinor: purchase.amountMinor,
      currency: purchase.currency,
      originalStan: purchase.stan,
    };
  }

  clearing(purchase: PurchaseIdentity, authorisationCode: string, amountMinor = purchase.amountMinor, now = new Date()): ClearingRequest {
    return {
      mti: '0220',
      rrn: purchase.rrn,
      stan: SimulatedCardNetwork.newStan(),
      transmittedAt: now.toISOString(),
      amountMinor,
      currency: purchase.currency,
      authorisationCode,
    };
  }

  /** The message as the network sends it: the body's bytes, and the headers signed over them at `nowMs`. */
  sign(messageType: MessageType, message: object, nowMs: number, key: CardNetworkKey | null = this.key): SignedRequest {
    if (!key) throw new Error('the simulated network has no key to sign with (CARD_NETWORK_KEYS)');
    const payload = JSON.stringify(message);
    const timestamp = String(Math.floor(nowMs / 1000));
    const path = PATHS[messageType];
    return {
      method: 'POST',
      url: path,
      headers: {
        'content-type': 'application/json',
        [KEY_ID_HEADER]: key.id,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signature(key.secret, timestamp, 'POST', path, Buffer.from(payload)),
      },
      payload,
    };
  }
}
