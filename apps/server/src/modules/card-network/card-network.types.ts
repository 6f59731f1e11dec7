import type { Currency } from '../ledger/index.js';
import type { MessageType, NetworkAnswer } from './message-schemas.js';

/**
 * A card purchase's detail row (card_authorisations, migration 0033), written once:
 *   approved -> cleared | reversed | expired
 *   declined, cleared, reversed, expired: final.
 * Its operation follows (operations.types.ts): approved = authorised, cleared = completed,
 * reversed and expired = reversed. Each UPDATE names the state it comes from, `approved`.
 */
export const AUTHORISATION_STATUSES = ['approved', 'declined', 'cleared', 'reversed', 'expired'] as const;
export type AuthorisationStatus = (typeof AUTHORISATION_STATUSES)[number];

export const AUTHORISATION_TRANSITIONS: Readonly<Record<AuthorisationStatus, readonly AuthorisationStatus[]>> = {
  approved: ['cleared', 'reversed', 'expired'],
  declined: [],
  cleared: [],
  reversed: [],
  expired: [],
};

/** How the customer paid, from DE22 and DE3: the card's control and limits that apply. */
export const CHANNELS = ['ecommerce', 'contactless', 'card_present'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface CardAuthorisation {
  operationId: string;
  network: string;
  rrn: string;
  stan: string;
  cardId: string;
  customerId: string;
  accountId: string;
  source: 'authorisation' | 'advice';
  status: AuthorisationStatus;
  responseCode: string;
  authorisationCode: string | null;
  holdId: string | null;
  amountMinor: bigint;
  currency: Currency;
  clearedAmountMinor: bigint | null;
  /** What was counted on the card's internet day counter at the approval (given back on a release). */
  internetCountedMinor: bigint;
  channel: Channel;
  posEntryMode: string;
  mcc: string;
  merchantId: string;
  merchantName: string;
  merchantCity: string | null;
  merchantCountry: string | null;
  terminalId: string | null;
  authorisedAt: Date;
  holdExpiresAt: Date | null;
  resolvedAt: Date | null;
}

/** A message as it was answered (card_network_messages): a retry gets `response` again. */
export interface StoredMessage {
  network: string;
  messageType: MessageType;
  rrn: string;
  stan: string;
  keyId: string;
  fingerprint: string;
  response: NetworkAnswer;
  cardId: string | null;
  operationId: string | null;
  receivedAt: Date;
}

/** Who sent a message, once its signature checked out (signature.ts), and the body's keyed fingerprint. */
export interface NetworkCaller {
  network: string;
  keyId: string;
  fingerprint: string;
  /** The fingerprint under every SECRET_KEY key: a stored one made before a rotation still matches. */
  fingerprintCandidates: readonly string[];
}

/**
 * The outbound side of the card-network port: what Kassa sends a network as an issuer's peer —
 * a payment to a card another bank issued (issue 14 item 7: a transfer by card number, sent as an
 * original credit transaction), later an acquirer's authorisation. The inbound side is the routes
 * (card-network.routes.ts) a network calls. Same style as ctx.sms: one interface, adapters chosen
 * by configuration (CARD_NETWORK_OUTBOUND), the test double among them.
 *
 * Never called inside a database transaction (STYLE.md 4): the caller commits what it decided,
 * sends, then records the answer; a network that does not answer in time is a reversal to send.
 *
 * The real adapter (docs/card-network.md, "The real adapter") sends the same JSON messages over
 * HTTPS with mutual TLS to the network's endpoint, signed as the inbound ones are (signature.ts)
 * with Kassa's own key, and reads the signed answer; it is not built yet.
 */
export interface CardNetworkPort {
  readonly name: 'simulated' | 'none';
  send(message: OutboundMessage): Promise<OutboundAnswer>;
}

/**
 * What Kassa sends another card's network: an original credit (a transfer to the card), or, as
 * the acquirer of an online payment (modules/acquiring/money), a purchase's authorisation and the
 * capture (clearing) or release (reversal) that ends it. `purpose` tells them apart; the original
 * credit, the first of them, has none.
 */
export type OutboundMessage = OutboundOriginalCredit | OutboundPurchase | OutboundPurchaseClearing | OutboundPurchaseReversal;

/** An original credit (0100, DE3 26…): money to a card another issuer holds. */
export interface OutboundOriginalCredit {
  purpose?: undefined;
  mti: '0100';
  pan: string;
  processingCode: string;
  amountMinor: number;
  /** DE49 numeric. */
  currency: string;
  stan: string;
  rrn: string;
  transmittedAt: string;
  /** DE43: the sender as the recipient's bank shows it. */
  senderName: string;
}

/** A card payment at a merchant Kassa acquires (0100, DE3 00…, DE22 81x e-commerce), for the card's issuer to decide. */
export interface OutboundPurchase {
  purpose: 'purchase';
  mti: '0100';
  pan: string;
  processingCode: '000000';
  amountMinor: number;
  /** DE49 numeric. */
  currency: string;
  stan: string;
  rrn: string;
  transmittedAt: string;
  /** DE14 YYMM. */
  expiry: string;
  cvc2: string | null;
  posEntryMode: string;
  mcc: string;
  acquirerId: string;
  merchantId: string;
  merchantName: string;
  threeDs: { status: string; eci: string | null; authenticationValue: string | null; dsTransID: string } | null;
}

/** The capture of an approved purchase (0220): DE4 at most what was authorised. */
export interface OutboundPurchaseClearing {
  purpose: 'purchase-clearing';
  mti: '0220';
  /** The purchase's DE37: the network routes by the authorisation it named (the acquirer keeps no PAN). */
  rrn: string;
  stan: string;
  transmittedAt: string;
  amountMinor: number;
  currency: string;
  authorisationCode: string;
}

/** The release of an approved purchase not captured (0400). */
export interface OutboundPurchaseReversal {
  purpose: 'purchase-reversal';
  mti: '0400';
  rrn: string;
  stan: string;
  transmittedAt: string;
  amountMinor: number;
  currency: string;
}

export interface OutboundAnswer {
  responseCode: string;
  authorisationCode: string | null;
}
