import type { AppContext, PreparedPassword } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { Language } from '../../shared/i18n.js';
import { newId } from '../../shared/ids.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAudit } from '../audit/index.js';
import { IdentityProblem } from './identity.errors.js';
import { type AgreementKind, insertAgreement, insertConsent, insertCustomer } from './identity.repo.js';
import { parseIin } from './iin.js';
import { sealIin } from './iin-at-rest.js';
import { documentsAccepted } from './legal-documents.js';
import { normalizeFullName } from './names.js';

const ADULT_AGE_YEARS = 18;

function ageYears(birthDate: string, now: Date): number {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  let age = now.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    now.getUTCMonth() < birth.getUTCMonth() || (now.getUTCMonth() === birth.getUTCMonth() && now.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}

function agreementNumber(kind: AgreementKind, now: Date): string {
  const prefix = kind === 'banking' ? 'DBO' : 'EMD';
  return `${prefix}-${now.getUTCFullYear()}-${newId('n').slice(2, 12).toUpperCase()}`;
}

export interface NewCustomer {
  phone: string;
  iin: string;
  fullName: string;
  password: string;
  agreements: AgreementKind[];
  /** The version of the documents the customer was shown and accepted (legal-documents.ts). */
  documentsVersion: string;
  language: Language;
  meta: RequestMeta | null;
}

/** A new customer checked and with the password prepared (by auth, ctx.passwords): everything but the writes. */
export interface PreparedCustomer {
  customerId: string;
  input: NewCustomer;
  fullName: string;
  password: PreparedPassword;
  now: Date;
}

/**
 * The checks and the (slow) password hash, before any transaction is opened. The password's
 * policy and hash are auth's (the passwords port, context.ts): identity neither hashes nor stores one.
 */
export async function prepareCustomer(ctx: AppContext, input: NewCustomer): Promise<PreparedCustomer> {
  const now = ctx.clock.now();
  const iinFacts = parseIin(input.iin, now);
  if (!iinFacts) throw new ProblemError(IdentityProblem['iin-invalid']);
  if (ageYears(iinFacts.birthDate, now) < ADULT_AGE_YEARS) throw new ProblemError(IdentityProblem['iin-underage']);
  const fullName = normalizeFullName(input.fullName);
  if (!fullName?.includes(' ')) throw new ProblemError(IdentityProblem['name-invalid']);
  return { customerId: newId('cus'), input, fullName, password: await ctx.passwords.prepare(input.password), now };
}

/** Writes a prepared customer, their password, the agreements and the accounts they open, inside the caller's transaction. */
export async function insertPreparedCustomer(ctx: AppContext, tx: Tx, prepared: PreparedCustomer): Promise<void> {
  const { customerId, input, now } = prepared;
  await insertCustomer(tx, {
    id: customerId,
    fullName: prepared.fullName,
    // SECURITY.md 39: the IIN is stored sealed, with a keyed hash for look-ups (iin-at-rest.ts).
    iin: sealIin(ctx.config.keyring, customerId, input.iin),
    phone: input.phone,
    language: input.language,
    now,
  });
  await ctx.passwords.store(tx, customerId, prepared.password, now);
  for (const kind of input.agreements) {
    await insertAgreement(tx, { id: newId('agr'), customerId, kind, number: agreementNumber(kind, now), now });
    for (const hook of ctx.hooks.agreementSigned) await hook(tx, { customerId, kind, now });
  }
  const documents = documentsAccepted(input.agreements);
  for (const document of documents) await insertConsent(tx, { customerId, document, version: input.documentsVersion, now });
  await recordAudit(tx, {
    event: 'registration.completed',
    customerId,
    meta: input.meta,
    details: { agreements: input.agreements, accepted: documents, documentsVersion: input.documentsVersion },
    occurredAt: now,
  });
}

/**
 * Creates a prepared customer with a proven phone and signs the agreements, in one transaction
 * with the accounts that agreements open (ctx.hooks.agreementSigned). Uniqueness of phone and IIN
 * among active customers is enforced by the database too, for the race the reads cannot see.
 */
export async function createPreparedCustomer(
  ctx: AppContext,
  prepared: PreparedCustomer,
  beforeCommit?: (tx: Tx) => Promise<void>,
): Promise<string> {
  try {
    await ctx.db.transaction(async (tx) => {
      await beforeCommit?.(tx);
      await insertPreparedCustomer(ctx, tx, prepared);
    });
  } catch (error) {
    if (error instanceof Error && /customers_active_(phone|iin_hash)/.test(error.message)) {
      throw new ProblemError(IdentityProblem['registration-refused'], { values: { contactPhone: ctx.config.contactCenterPhone } });
    }
    throw error;
  }
  return prepared.customerId;
}
