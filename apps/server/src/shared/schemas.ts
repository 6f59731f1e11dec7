import { type Static, type TEnum, type TSchemaOptions, Type } from 'typebox';
import { LANGUAGES } from './i18n.js';

/** Schemas shared by several modules. Lengths are limits too (SECURITY.md 24). */

/**
 * An enumeration: the static type is the union of the values (`Static<>` gives 'ru' | 'kk' | 'en'),
 * the OpenAPI document lists them, and the web client takes the union from there. Pass the owning
 * module's `as const` list (or typed array) where it has one: `literalUnion(LANGUAGES)`.
 *
 * It is `{ type: 'string', enum: [...] }` rather than `Type.Union(values.map(Type.Literal))`: the
 * same type for TypeScript and openapi-typescript, half the text in the document, and an answer the
 * serializer writes as a plain string (fast-json-stringify validates every anyOf branch at
 * serialization: twice the time for a page of 50 rows with three such fields); and the mapped
 * Type.Union's static type is `never`.
 */
export function literalUnion<const Values extends readonly string[]>(values: Values, options?: TSchemaOptions): TEnum<[...Values]> {
  return Type.Enum<[...Values]>(values, { type: 'string', ...options });
}

/** Objects the client sends name every property they may have (ASVS 5.1: no mass assignment). */
export const strict = { additionalProperties: false } as const;

export const Language = literalUnion(LANGUAGES);
export const PhoneInput = Type.String({
  minLength: 5,
  maxLength: 32,
  description: 'Mobile phone; +7 701 123 45 67, 87011234567 and E.164 are accepted',
});
export const Code = Type.String({ pattern: '^[0-9]{6}$', description: 'The 6-digit code from the SMS' });
export const PasswordInput = Type.String({ minLength: 1, maxLength: 1024 });
export const Iin = Type.String({ pattern: '^[0-9]{12}$', description: 'Individual identification number (12 digits)' });
export const Id = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-f]{32}$` });
export const Timestamp = Type.String({ format: 'date-time' });
/** Which app asks (auth sessions.ts SessionClient): the web gets a cookie, the mobile app a bearer token. */
export const ClientKind = literalUnion(['web', 'mobile']);
/** How the session was opened (auth sessions.ts SessionMethod). */
export const SessionMethod = literalUnion(['password_sms', 'pin', 'webauthn']);
/** The agreements a customer has signed (identity AgreementKind). */
export const AgreementKind = literalUnion(['emoney', 'banking']);

export const CodeStep = Type.Object({
  expiresAt: Timestamp,
  resendAvailableAt: Timestamp,
});

/** A step that sent a code, as it leaves: the service's instants as RFC 3339 strings, as CodeStep says. */
export function codeStepJson<Step extends { expiresAt: Date; resendAvailableAt: Date }>(
  step: Step,
): Omit<Step, keyof Static<typeof CodeStep>> & Static<typeof CodeStep> {
  return { ...step, expiresAt: step.expiresAt.toISOString(), resendAvailableAt: step.resendAvailableAt.toISOString() };
}

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.String(),
    errors: Type.Optional(Type.Array(Type.Object({ pointer: Type.String(), detail: Type.String() }))),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);

/**
 * The body of a file answer (a PDF, a CSV, an HTML page), for `response: { 200: { description,
 * content: { 'application/pdf': { schema: FileBody } } } }`: the document names the media types,
 * the handler sends the text or bytes, and a non-JSON content type leaves them as they are.
 */
export const FileBody = Type.Unsafe<string | Buffer>(Type.String({ format: 'binary' }));

export const CustomerSummary = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  givenName: Type.String({ description: 'The given name a greeting uses (names are surname first)' }),
  maskedPhone: Type.String(),
  language: Language,
  agreements: Type.Array(AgreementKind),
});
export const SessionInfo = Type.Object({
  customer: CustomerSummary,
  sessionId: Type.String(),
  method: SessionMethod,
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on cookie-authenticated writes' }),
  expiresAt: Timestamp,
  idleExpiresAt: Timestamp,
  idleExpiresInMs: Type.Integer({
    description: 'Milliseconds until the idle timeout, counted on the server: immune to a wrong client clock',
  }),
  expiresInMs: Type.Integer({ description: 'Milliseconds until the absolute timeout' }),
  token: Type.Optional(Type.String({ description: 'Bearer token, for the mobile client only; the web gets an HttpOnly cookie' })),
});
