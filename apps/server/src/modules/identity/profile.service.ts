import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { maskPhoneForDisplay } from '../../shared/phone.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { type AgreementKind, findCustomerById, listActiveAgreements, updateCustomerLanguage } from './identity.repo.js';
import { maskIin } from './iin.js';
import { revealIin } from './iin-at-rest.js';
import { givenName } from './names.js';
import { type PhoneCooling, phoneCoolingOf } from './phone-number.js';

/** What the profile page shows: nothing in full that the customer does not need to see in full. */
export interface Profile {
  fullName: string;
  givenName: string;
  maskedPhone: string;
  maskedIin: string;
  /** The language of the customer's SMS and in-app notices (customers.language). */
  language: Language;
  agreements: Array<{ kind: AgreementKind; number: string; signedAt: Date }>;
  /** The cooling period after a phone number change, while it lasts (phone-number.ts). */
  cooling: PhoneCooling | null;
}

export async function getProfile(ctx: AppContext, customerId: string): Promise<Profile> {
  const customer = await findCustomerById(ctx.db, customerId);
  if (!customer) throw new ProblemError(CommonProblem.unauthenticated);
  // The IIN is sealed at rest (iin-at-rest.ts); it is opened here only to be masked.
  const iin = await revealIin(ctx.db, ctx.config.keyring, customerId);
  return {
    fullName: customer.fullName,
    givenName: givenName(customer.fullName),
    maskedPhone: maskPhoneForDisplay(customer.phone),
    maskedIin: iin === null ? '' : maskIin(iin),
    language: customer.language,
    agreements: await listActiveAgreements(ctx.db, customerId),
    cooling: await phoneCoolingOf(ctx.db, ctx.config, customerId, ctx.clock.now()),
  };
}

/**
 * The customer's choice of language for SMS and in-app notices. Every sender reads
 * customers.language when it writes a message (operations/notify.ts, auth's notices, the code
 * SMS), so the next message is in the new language; messages already queued are left as written.
 */
export async function setMessageLanguage(
  ctx: AppContext,
  input: { customerId: string; language: Language; meta: RequestMeta },
): Promise<Profile> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const previous = await updateCustomerLanguage(tx, input.customerId, input.language, now);
    if (previous === null) throw new ProblemError(CommonProblem.unauthenticated);
    if (previous === input.language) return;
    await recordAudit(tx, {
      event: 'profile.language_changed',
      customerId: input.customerId,
      meta: input.meta,
      details: { from: previous, to: input.language },
      occurredAt: now,
    });
  });
  return getProfile(ctx, input.customerId);
}
