import { type Static, Type } from 'typebox';
import { literalUnion, strict } from '../../shared/schemas.js';
import { RESPONSE_CODE_PATTERN } from './response-codes.js';

/**
 * The network's messages as JSON with the meaning of ISO 8583:1987 (docs/card-network.md has every
 * field with an example). Each property names its data element (DE); the lengths are the
 * standard's. Texts are printable ASCII only, as DE43 is: no control, bidi or zero-width
 * character reaches a customer's history (SECURITY.md 26).
 */

/** DE4: 12 digits at most, in the minor units of DE49. */
const AMOUNT_MINOR_MAX = 999_999_999_999;
const PRINTABLE = (max: number) => `^[\\x20-\\x7E]{1,${max}}$`;

const Pan = Type.String({ pattern: '^[0-9]{12,19}$', description: 'DE2 primary account number' });
const Rrn = Type.String({ pattern: '^[0-9A-Za-z]{12}$', description: 'DE37 retrieval reference number: the message’s identity' });
const Stan = Type.String({ pattern: '^[0-9]{6}$', description: 'DE11 system trace audit number' });
const TransmittedAt = Type.String({ format: 'date-time', description: 'DE7 transmission date and time' });
const AmountMinor = Type.Integer({ minimum: 1, maximum: AMOUNT_MINOR_MAX, description: 'DE4 amount, minor units of DE49' });
const CurrencyNumeric = Type.String({ pattern: '^[0-9]{3}$', description: 'DE49 ISO 4217 numeric currency (398 is KZT)' });
const AuthorisationCode = Type.String({ pattern: '^[0-9A-Z]{6}$', description: 'DE38 authorisation identification response' });

/** What an authorisation request and an advice share: the card, the amount, the merchant. */
const purchaseFields = {
  pan: Pan,
  processingCode: Type.String({ pattern: '^[0-9]{6}$', description: 'DE3; its first two digits: 00 purchase, 01 cash' }),
  amountMinor: AmountMinor,
  currency: CurrencyNumeric,
  transmittedAt: TransmittedAt,
  stan: Stan,
  expiry: Type.Optional(Type.String({ pattern: '^[0-9]{2}(0[1-9]|1[0-2])$', description: 'DE14 expiration date, YYMM' })),
  mcc: Type.String({ pattern: '^[0-9]{4}$', description: 'DE18 merchant category code' }),
  posEntryMode: Type.String({
    pattern: '^[0-9]{3}$',
    description:
      'DE22; its first two digits: 81 e-commerce, 01 keyed (mail or phone order), 10 credential on file, 07 or 91 contactless, 05 chip, 90 stripe',
  }),
  acquirerId: Type.String({ pattern: '^[0-9]{1,11}$', description: 'DE32 acquiring institution identification' }),
  rrn: Rrn,
  terminalId: Type.Optional(Type.String({ pattern: PRINTABLE(8), description: 'DE41 card acceptor terminal' })),
  merchantId: Type.String({ pattern: PRINTABLE(15), description: 'DE42 card acceptor identification' }),
  merchantName: Type.String({ pattern: PRINTABLE(25), description: 'DE43 positions 1-25: the name the customer reads' }),
  merchantCity: Type.Optional(Type.String({ pattern: PRINTABLE(13), description: 'DE43 positions 26-38' })),
  merchantCountry: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', description: 'DE43 positions 39-40' })),
  cvc2: Type.Optional(
    Type.String({ pattern: '^[0-9]{3}$', description: 'CVC2 / CVV2 (Mastercard DE48 SE92, Visa DE126.10), when the customer typed it' }),
  ),
  // Issue 15 item 4: the engine gates the authorisation on it (authorise.ts, modules/acs verifyAuthenticationValue).
  threeDs: Type.Optional(
    Type.Object(
      {
        status: literalUnion(['Y', 'A', 'N', 'U', 'R', 'C']),
        eci: Type.Optional(Type.String({ pattern: '^[0-9]{2}$' })),
        authenticationValue: Type.Optional(Type.String({ maxLength: 64, pattern: '^[A-Za-z0-9+/=]*$' })),
        // The directory server's transaction id, which the authentication value is bound to (modules/acs).
        dsTransID: Type.Optional(Type.String({ format: 'uuid' })),
      },
      strict,
    ),
  ),
};

export const AuthorisationRequest = Type.Object({ mti: literalUnion(['0100']), ...purchaseFields }, strict);
export type AuthorisationRequest = Static<typeof AuthorisationRequest>;
/** The fields an authorisation request and an advice share. */
export type PurchaseMessage = Omit<AuthorisationRequest, 'mti'>;

/** 0120: the network decided for the issuer (stand-in) and tells it; DE39 is its decision. */
export const AdviceRequest = Type.Object(
  {
    mti: literalUnion(['0120']),
    ...purchaseFields,
    responseCode: Type.String({ pattern: RESPONSE_CODE_PATTERN, description: 'DE39 the network’s decision' }),
    authorisationCode: Type.Optional(AuthorisationCode),
  },
  strict,
);
export type AdviceRequest = Static<typeof AdviceRequest>;

/** 0400: the authorisation of DE37 did not go ahead (the merchant cancelled, a time-out): release its hold. */
export const ReversalRequest = Type.Object(
  {
    mti: literalUnion(['0400']),
    rrn: Rrn,
    stan: Stan,
    transmittedAt: TransmittedAt,
    amountMinor: AmountMinor,
    currency: CurrencyNumeric,
    originalStan: Type.Optional(Stan),
  },
  strict,
);
export type ReversalRequest = Static<typeof ReversalRequest>;

/** 0220: the purchase of DE37 is presented for payment: the hold is debited, for DE4 at most the amount held. */
export const ClearingRequest = Type.Object(
  {
    mti: literalUnion(['0220']),
    rrn: Rrn,
    stan: Stan,
    transmittedAt: TransmittedAt,
    amountMinor: AmountMinor,
    currency: CurrencyNumeric,
    authorisationCode: AuthorisationCode,
  },
  strict,
);
export type ClearingRequest = Static<typeof ClearingRequest>;

/** Every answer: the request's MTI + 10, its identity, DE39 and, for an approval, DE38. Never a full PAN. */
export const NetworkAnswer = Type.Object({
  mti: literalUnion(['0110', '0130', '0410', '0230']),
  rrn: Type.String(),
  stan: Type.String(),
  responseCode: Type.String({ description: 'DE39' }),
  responseText: Type.String({ description: 'DE39’s meaning in English, for the network’s operators' }),
  authorisationCode: Type.Union([Type.String(), Type.Null()], { description: 'DE38, with an approval' }),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  maskedPan: Type.Union([Type.String(), Type.Null()], { description: 'first 6 and last 4 of DE2 when the message had one' }),
});
export type NetworkAnswer = Static<typeof NetworkAnswer>;

export const MESSAGE_TYPES = ['authorisation', 'advice', 'reversal', 'clearing'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const ANSWER_MTI: Readonly<Record<MessageType, NetworkAnswer['mti']>> = {
  authorisation: '0110',
  advice: '0130',
  reversal: '0410',
  clearing: '0230',
};
