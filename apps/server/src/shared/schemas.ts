import { Type } from 'typebox';

/** Schemas shared by several modules. Lengths are limits too (SECURITY.md 24). */
export const Language = Type.Union([Type.Literal('ru'), Type.Literal('kk'), Type.Literal('en')]);
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
export const Client = Type.Union([Type.Literal('web'), Type.Literal('mobile')], { default: 'web' });

export const CodeStep = Type.Object({
  expiresAt: Timestamp,
  resendAvailableAt: Timestamp,
});

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

export const NoContent = Type.Null({ description: 'No content' });

export const CustomerSummary = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  maskedPhone: Type.String(),
  language: Type.String(),
  agreements: Type.Array(Type.String()),
});
export const SessionInfo = Type.Object({
  customer: CustomerSummary,
  sessionId: Type.String(),
  method: Type.String(),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on cookie-authenticated writes' }),
  expiresAt: Timestamp,
  idleExpiresAt: Timestamp,
  idleExpiresInMs: Type.Integer({
    description: 'Milliseconds until the idle timeout, counted on the server: immune to a wrong client clock',
  }),
  expiresInMs: Type.Integer({ description: 'Milliseconds until the absolute timeout' }),
  token: Type.Optional(Type.String({ description: 'Bearer token, for the mobile client only; the web gets an HttpOnly cookie' })),
});
