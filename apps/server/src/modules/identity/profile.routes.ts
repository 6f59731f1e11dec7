import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { authOf, type CustomerRoutesOptions } from '../../shared/request-auth.js';
import { requestMeta } from '../../shared/request-meta.js';
import { AgreementKind, Language, Problem, strict, Timestamp } from '../../shared/schemas.js';
import { getProfile, type Profile, setMessageLanguage } from './profile.service.js';

const ProfileBody = Type.Object({
  fullName: Type.String(),
  givenName: Type.String(),
  maskedPhone: Type.String({ description: '+7 701 *** ** 67' }),
  maskedIin: Type.String({ description: 'The last 4 digits; the date of birth is never shown' }),
  // The language of SMS and in-app notices (customers.language), not of the screens.
  language: Language,
  agreements: Type.Array(Type.Object({ kind: AgreementKind, number: Type.String(), signedAt: Timestamp })),
  // After a phone number change (modules/phone-change): until when transfers to others are capped
  // per bank day and no trusted payee or device can be added; null outside such a period.
  cooling: Type.Union([
    Type.Object({
      until: Timestamp,
      transferMaxPerDayMinor: Type.Integer({ minimum: 0, description: 'Tiyn, per bank day, to others' }),
    }),
    Type.Null(),
  ]),
});

function profileJson(profile: Profile): Static<typeof ProfileBody> {
  return {
    ...profile,
    agreements: profile.agreements.map((agreement) => ({ ...agreement, signedAt: agreement.signedAt.toISOString() })),
    cooling: profile.cooling
      ? { until: profile.cooling.until.toISOString(), transferMaxPerDayMinor: Number(profile.cooling.transferMaxPerDayMinor) }
      : null,
  };
}

/** auth depends on identity, so these customer routes are given auth's preHandler (buildApp) rather than importing auth. */
export async function profileRoutes(app: TypedApp, { ctx, requireCustomer }: { ctx: AppContext } & CustomerRoutesOptions): Promise<void> {
  app.get(
    '/api/v1/profile',
    {
      preHandler: requireCustomer,
      schema: {
        tags: ['profile'],
        summary: 'The customer: name, masked phone and IIN, the language of messages, the agreements',
        response: { 200: ProfileBody, 401: Problem },
      },
    },
    async (request) => profileJson(await getProfile(ctx, authOf(request).customerId)),
  );

  app.put(
    '/api/v1/profile/language',
    {
      preHandler: requireCustomer,
      schema: {
        tags: ['profile'],
        summary: 'Choose the language of SMS and in-app notices (audited); the next message is in it',
        body: Type.Object({ language: Language }, strict),
        response: { 200: ProfileBody, 400: Problem, 401: Problem },
      },
    },
    async (request) => {
      const { language } = request.body;
      const profile = await setMessageLanguage(ctx, { customerId: authOf(request).customerId, language, meta: requestMeta(request) });
      return profileJson(profile);
    },
  );
}
