import { type Static, Type } from 'typebox';
import { literalUnion, strict } from '../../shared/schemas.js';
import { type AcsReason, TRANS_STATUSES } from './acs.types.js';

/**
 * The EMV 3-D Secure Protocol and Core Functions Specification v2.2.0 messages of the browser flow
 * (deviceChannel 02) for a payment (messageCategory 01), with the spec's field names, as the three
 * roles exchange them in-process (docs/3ds.md has the sequence). Only the fields this flow uses:
 * browser and 3RI fields, message extensions and the app channel are not built. Each message is
 * checked against its schema where it crosses from one role to another (directory-server.ts),
 * as a real directory server checks it on the wire.
 */

export const MESSAGE_VERSION = '2.2.0';
const Uuid = Type.String({ format: 'uuid' });
const Version = literalUnion([MESSAGE_VERSION]);
const TransStatus = literalUnion(TRANS_STATUSES);
const TwoDigits = Type.String({ pattern: '^[0-9]{2}$' });
/** Base64 of the 20-byte authentication value (a CAVV's length), 28 characters. */
const AuthenticationValue = Type.String({ pattern: '^[A-Za-z0-9+/]{27}=$' });

/** AReq: the 3DS Server asks for an authentication (spec table A.1, the browser flow's fields). */
export const AReq = Type.Object(
  {
    messageType: literalUnion(['AReq']),
    messageVersion: Version,
    messageCategory: literalUnion(['01']),
    deviceChannel: literalUnion(['02']),
    threeDSServerTransID: Uuid,
    threeDSServerRefNumber: Type.String({ minLength: 1, maxLength: 32 }),
    threeDSServerURL: Type.String({ maxLength: 2048 }),
    threeDSRequestorID: Type.String({ minLength: 1, maxLength: 35 }),
    threeDSRequestorName: Type.String({ minLength: 1, maxLength: 40 }),
    threeDSRequestorURL: Type.String({ maxLength: 2048 }),
    // 01: a payment transaction.
    threeDSRequestorAuthenticationInd: literalUnion(['01']),
    // U: the 3DS Method was not run (no device fingerprint in this flow).
    threeDSCompInd: literalUnion(['Y', 'N', 'U']),
    acctNumber: Type.String({ pattern: '^[0-9]{13,19}$' }),
    cardExpiryDate: Type.String({ pattern: '^[0-9]{2}(0[1-9]|1[0-2])$', description: 'YYMM' }),
    acquirerBIN: Type.String({ pattern: '^[0-9]{1,11}$' }),
    acquirerMerchantID: Type.String({ minLength: 1, maxLength: 35 }),
    mcc: Type.String({ pattern: '^[0-9]{4}$' }),
    merchantCountryCode: Type.String({ pattern: '^[0-9]{3}$' }),
    merchantName: Type.String({ minLength: 1, maxLength: 40 }),
    purchaseAmount: Type.String({ pattern: '^[0-9]{1,48}$', description: 'minor units, no separator' }),
    purchaseCurrency: Type.String({ pattern: '^[0-9]{3}$' }),
    purchaseExponent: Type.String({ pattern: '^[0-9]$' }),
    purchaseDate: Type.String({ pattern: '^[0-9]{14}$', description: 'YYYYMMDDHHMMSS, UTC' }),
    transType: literalUnion(['01']),
    notificationURL: Type.String({ maxLength: 256 }),
    // Set by the directory server when it passes the AReq on to an ACS.
    dsTransID: Type.Optional(Uuid),
    dsReferenceNumber: Type.Optional(Type.String({ maxLength: 32 })),
    dsURL: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  strict,
);
export type AReq = Static<typeof AReq>;

/** ARes: the ACS's answer. C carries where the challenge is; Y and A carry the value and the ECI. */
export const ARes = Type.Object(
  {
    messageType: literalUnion(['ARes']),
    messageVersion: Version,
    threeDSServerTransID: Uuid,
    acsTransID: Uuid,
    dsTransID: Uuid,
    acsReferenceNumber: Type.String({ maxLength: 32 }),
    dsReferenceNumber: Type.String({ maxLength: 32 }),
    transStatus: TransStatus,
    transStatusReason: Type.Optional(TwoDigits),
    authenticationValue: Type.Optional(AuthenticationValue),
    eci: Type.Optional(TwoDigits),
    // 02: dynamic authentication (a one-time code).
    authenticationType: Type.Optional(literalUnion(['01', '02', '03'])),
    acsChallengeMandated: Type.Optional(literalUnion(['Y', 'N'])),
    acsURL: Type.Optional(Type.String({ maxLength: 2048 })),
  },
  strict,
);
export type ARes = Static<typeof ARes>;

/** CReq: the cardholder's step on the ACS's page (challengeDataEntry: the code; challengeCancel 01: cancelled). */
export const CReq = Type.Object(
  {
    messageType: literalUnion(['CReq']),
    messageVersion: Version,
    threeDSServerTransID: Uuid,
    acsTransID: Uuid,
    challengeWindowSize: literalUnion(['01', '02', '03', '04', '05']),
    challengeDataEntry: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
    challengeCancel: Type.Optional(literalUnion(['01'])),
    resendChallenge: Type.Optional(literalUnion(['Y', 'N'])),
  },
  strict,
);
export type CReq = Static<typeof CReq>;

/** CRes: challengeCompletionInd Y when the challenge ended (its transStatus then final). */
export const CRes = Type.Object(
  {
    messageType: literalUnion(['CRes']),
    messageVersion: Version,
    threeDSServerTransID: Uuid,
    acsTransID: Uuid,
    acsCounterAtoS: Type.String({ pattern: '^[0-9]{3}$' }),
    challengeCompletionInd: literalUnion(['Y', 'N']),
    transStatus: Type.Optional(TransStatus),
  },
  strict,
);
export type CRes = Static<typeof CRes>;

/** RReq: the ACS tells the 3DS Server, through the directory server, how the challenge ended. */
export const RReq = Type.Object(
  {
    messageType: literalUnion(['RReq']),
    messageVersion: Version,
    messageCategory: literalUnion(['01']),
    threeDSServerTransID: Uuid,
    acsTransID: Uuid,
    dsTransID: Uuid,
    transStatus: literalUnion(['Y', 'N', 'U', 'A', 'R']),
    transStatusReason: Type.Optional(TwoDigits),
    authenticationValue: Type.Optional(AuthenticationValue),
    eci: Type.Optional(TwoDigits),
    authenticationType: Type.Optional(literalUnion(['01', '02', '03'])),
    interactionCounter: Type.String({ pattern: '^[0-9]{2}$' }),
    challengeCancel: Type.Optional(literalUnion(['01', '04'])),
  },
  strict,
);
export type RReq = Static<typeof RReq>;

/** RRes: 01 the result was received and kept; 02 or 03 it was not. */
export const RRes = Type.Object(
  {
    messageType: literalUnion(['RRes']),
    messageVersion: Version,
    threeDSServerTransID: Uuid,
    acsTransID: Uuid,
    dsTransID: Uuid,
    resultsStatus: literalUnion(['01', '02', '03']),
  },
  strict,
);
export type RRes = Static<typeof RRes>;

/** Erro: a message that could not be processed (spec table A.4 error codes). */
export const Erro = Type.Object(
  {
    messageType: literalUnion(['Erro']),
    messageVersion: Version,
    threeDSServerTransID: Type.Optional(Uuid),
    acsTransID: Type.Optional(Uuid),
    dsTransID: Type.Optional(Uuid),
    // 101 message received invalid, 203 a data element not in the required format, 305 transaction data not valid, 402 timed out.
    errorCode: literalUnion(['101', '201', '203', '305', '402', '405']),
    errorComponent: literalUnion(['C', 'S', 'D', 'A']),
    errorDescription: Type.String({ maxLength: 2048 }),
    errorDetail: Type.String({ maxLength: 2048 }),
    errorMessageType: Type.Optional(Type.String({ maxLength: 4 })),
  },
  strict,
);
export type Erro = Static<typeof Erro>;

/**
 * The EMV transStatusReason of each of the ACS's reasons: 01 card authentication failed, 05
 * expired card, 08 no card record, 12 transaction not permitted to cardholder, 13 cardholder not
 * enrolled in service, 14 transaction timed out at the ACS, 11 suspected fraud.
 */
export const TRANS_STATUS_REASONS: Readonly<Record<AcsReason, string>> = {
  'card-unknown': '08',
  'card-frozen': '12',
  'card-closed': '12',
  'card-expired': '05',
  'card-wrong-expiry': '05',
  'customer-blocked': '12',
  'internet-off': '12',
  'limit-per-operation': '12',
  'limit-per-day': '12',
  'limit-per-month': '12',
  'limit-purchases-per-day': '12',
  'currency-mismatch': '12',
  'no-phone': '13',
  'wrong-code': '01',
  'timed-out': '14',
  cancelled: '01',
  'sandbox-rejected': '11',
  'sandbox-failed': '01',
};

/** ECI of an e-commerce authentication: 05 fully authenticated, 06 attempted (Visa's values; Mastercard's 02/01). */
export const ECI: Readonly<Record<'Y' | 'A', string>> = { Y: '05', A: '06' };
