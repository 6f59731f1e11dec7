import { type Static, Type } from 'typebox';
import { maskPhoneForDisplay } from '../../shared/phone.js';
import { Id, Iin, Language, literalUnion, PhoneInput, strict, Timestamp } from '../../shared/schemas.js';
import { ACCOUNT_STATUSES, CURRENCY_CODES, CUSTOMER_ACCOUNT_KINDS } from '../ledger/index.js';
import { OperationView } from '../operations/index.js';
import {
  CALL_CHANNELS,
  CALL_DIRECTIONS,
  CALL_STATUSES,
  type CallRecord,
  CLOSE_REASONS,
  IDENTIFIED_BY,
  REASON_LENGTH_MAX,
  REASON_LENGTH_MIN,
} from './calls.types.js';
import type { CustomerFile } from './customer-file.js';

/** The calls' answers as the API shows them; nothing a staff member may not see before identification. */

const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const CallId = Id('call');
export const CustomerId = Id('cus');
export const Reason = Type.String({ minLength: REASON_LENGTH_MIN, maxLength: REASON_LENGTH_MAX });

export const CallView = Type.Object(
  {
    id: Type.String(),
    direction: literalUnion(CALL_DIRECTIONS),
    channel: literalUnion(CALL_CHANNELS),
    callerPhone: nullable(
      Type.String({ description: 'The number the caller gave (E.164); for an outbound call the number dialled, masked' }),
    ),
    status: literalUnion(CALL_STATUSES),
    identifiedBy: nullable(literalUnion(IDENTIFIED_BY)),
    customerId: nullable(Type.String({ description: 'Set once identified; never the customer a look-up matched before that' })),
    customerFileAvailable: Type.Boolean({ description: 'Whether GET /calls/{id}/customer opens the file now' }),
    lookups: Type.Integer(),
    lookupsLeft: Type.Integer(),
    startedAt: Timestamp,
    identifiedAt: nullable(Timestamp),
    closedAt: nullable(Timestamp),
    closeReason: nullable(literalUnion(CLOSE_REASONS)),
  },
  { description: 'A contact-center call' },
);

export function callView(call: CallRecord, lookupsMax: number): Static<typeof CallView> {
  return {
    id: call.id,
    direction: call.direction,
    channel: call.channel,
    // An outbound call dials the number on file: the officer chose the customer by id and sees the
    // number masked, as in the file, so registering calls is no way to read customers' numbers.
    callerPhone: call.direction === 'outbound' && call.callerPhone ? maskPhoneForDisplay(call.callerPhone) : call.callerPhone,
    status: call.status,
    identifiedBy: call.identifiedBy,
    // The match of a look-up stays on the server: only identification names the customer.
    customerId: call.status === 'open' ? null : call.customerId,
    customerFileAvailable: call.status === 'identified' && call.identifiedBy === 'sms_code',
    lookups: call.lookups,
    lookupsLeft: Math.max(0, lookupsMax - call.lookups),
    startedAt: call.startedAt.toISOString(),
    identifiedAt: call.identifiedAt?.toISOString() ?? null,
    closedAt: call.closedAt?.toISOString() ?? null,
    closeReason: call.closeReason,
  };
}

export const OpenInboundBody = Type.Object(
  {
    channel: literalUnion(CALL_CHANNELS),
    callerPhone: Type.Optional(PhoneInput),
  },
  strict,
);

export const OpenOutboundBody = Type.Object({ customerId: CustomerId, reason: Reason }, strict);

export const LookupBody = Type.Union(
  [
    Type.Object({ phone: PhoneInput }, strict),
    Type.Object({ iin: Iin }, strict),
    Type.Object({ name: Type.String({ minLength: 2, maxLength: 120 }) }, strict),
  ],
  { description: 'One of: the phone on file, the IIN, the full name the caller gives' },
);

export const LookupAnswerView = Type.Object(
  {
    exists: Type.Boolean(),
    ambiguous: Type.Boolean({ description: 'Several customers have this name: ask for the phone or the IIN' }),
  },
  { description: 'The same shape whether or not a customer matched; no name, no id' },
);

export const SentCodeView = Type.Object(
  { expiresAt: Timestamp, resendAvailableAt: Timestamp },
  { description: 'Accepted: the same answer whether or not a customer matched (nothing is sent then)' },
);

export const ConfirmBody = Type.Object(
  { code: Type.String({ pattern: '^[0-9]{6}$', description: 'The code the caller reads back' }) },
  strict,
);

// ---- The customer file ----

const FileAccount = Type.Object({
  id: Type.String(),
  kind: literalUnion(CUSTOMER_ACCOUNT_KINDS),
  currency: literalUnion(CURRENCY_CODES),
  status: literalUnion(ACCOUNT_STATUSES),
  displayName: Type.String(),
  maskedIban: nullable(Type.String()),
  balanceMinor: Type.Integer(),
  heldMinor: Type.Integer(),
});

export const CustomerFileView = Type.Object(
  {
    customerId: Type.String(),
    fullName: Type.String(),
    maskedPhone: Type.String(),
    maskedIin: Type.String(),
    language: Language,
    status: literalUnion(['active', 'blocked', 'closed']),
    agreements: Type.Array(Type.Object({ kind: literalUnion(['emoney', 'banking']), number: Type.String(), signedAt: Timestamp })),
    accounts: Type.Array(FileAccount),
    operations: Type.Array(OperationView),
    sessions: Type.Array(
      Type.Object({
        id: Type.String(),
        client: literalUnion(['web', 'mobile']),
        method: literalUnion(['password_sms', 'pin', 'webauthn']),
        ip: nullable(Type.String()),
        userAgent: nullable(Type.String()),
        createdAt: Timestamp,
        lastSeenAt: Timestamp,
      }),
    ),
    devices: Type.Array(
      Type.Object({
        id: Type.String(),
        kind: literalUnion(['pin', 'webauthn']),
        name: Type.String(),
        createdAt: Timestamp,
        lastUsedAt: nullable(Timestamp),
      }),
    ),
    access: Type.Object({
      via: literalUnion(['call', 'officer']),
      callId: nullable(Type.String()),
      reason: nullable(Type.String()),
    }),
  },
  { description: "The customer's file: masked where a staff member does not need the whole value" },
);

export function customerFileView(file: CustomerFile): Static<typeof CustomerFileView> {
  return {
    customerId: file.customerId,
    fullName: file.profile.fullName,
    maskedPhone: file.profile.maskedPhone,
    maskedIin: file.profile.maskedIin,
    language: file.profile.language,
    status: file.status,
    agreements: file.profile.agreements.map((agreement) => ({ ...agreement, signedAt: agreement.signedAt.toISOString() })),
    accounts: file.accounts.map((account) => ({
      id: account.id,
      kind: account.kind,
      currency: account.currency,
      status: account.status,
      displayName: account.displayName,
      maskedIban: account.maskedIban,
      balanceMinor: Number(account.balanceMinor),
      heldMinor: Number(account.heldMinor),
    })),
    operations: file.operations,
    sessions: file.sessions.map((session) => ({
      id: session.id,
      client: session.client,
      method: session.method,
      ip: session.ip,
      userAgent: session.userAgent,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
    })),
    devices: file.devices.map((device) => ({
      id: device.id,
      kind: device.kind,
      name: device.name,
      createdAt: device.createdAt.toISOString(),
      lastUsedAt: device.lastUsedAt?.toISOString() ?? null,
    })),
    access:
      file.access.via === 'call'
        ? { via: 'call', callId: file.access.callId, reason: null }
        : { via: 'officer', callId: null, reason: file.access.reason },
  };
}

// ---- "Is Kassa calling me?" ----

export const ActiveCallView = Type.Object(
  {
    active: Type.Boolean(),
    staffName: Type.Optional(Type.String({ description: "The given name of the staff member on the call, e.g. 'Aigerim'" })),
    startedAt: Type.Optional(Timestamp),
    direction: Type.Optional(literalUnion(CALL_DIRECTIONS)),
  },
  { description: 'Whether someone from Kassa is on a call with you now; only `active: false` otherwise' },
);
