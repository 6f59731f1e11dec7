import { setTimeout as sleep } from 'node:timers/promises';
import type { AppContext } from '../../context.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { recordAuditAlone } from '../audit/index.js';
import { passwordMatches } from '../auth/index.js';
import { type Customer, customerBirthDate, findCustomerByIin, findCustomerByPhone, normalizePhone } from '../identity/index.js';
import { chargeCaps } from '../sca/index.js';
import { tooManyBlockAttemptsProblem } from './blocks.errors.js';
import { blockedNowAnswer, blockFormAnswer } from './blocks.messages.js';
import { type EmergencyBlockResult, emergencyBlock } from './blocks.service.js';
import type { BlockReason } from './blocks.types.js';

/**
 * The emergency block from the web without the phone (issue 13 item 4 (a)): phone or IIN, the
 * password and the date of birth. Blocking protects, so it asks less than unblocking: no SMS code
 * (the phone is lost). It must not become a way to test passwords, so:
 *   - it answers the same, byte for byte, whether the details matched or not (blockFormAnswer);
 *   - it costs the same: one Argon2 check either way (as the login does for an unknown phone),
 *     and the answer leaves no sooner than FORM_ANSWER_FLOOR_MS after the form arrived, so the
 *     block's own transaction does not show in the time either;
 *   - it is counted per client IP (the `emergency-block` rate-limit class, config.ts) and per
 *     login named, whoever's it is, before the Argon2 check (SECURITY.md 37);
 *   - a mismatch never counts toward the password lock (nobody can lock a customer out by it,
 *     SECURITY.md 38) but is audited, with which part did not match, for the security officers.
 */

/**
 * Forms sent per login named (phone or IIN) in an hour. A customer sends it once or twice; a
 * stranger trying passwords gets a handful. The count cannot keep the customer from blocking
 * for long, and the contact center (595) blocks at once whatever it says.
 */
export const ATTEMPTS_PER_LOGIN_PER_HOUR_MAX = 5;
const ATTEMPT_WINDOW_MS = 3_600_000;

/**
 * The least time the answer takes. Above the Argon2 check (~50 ms) plus the block's transaction on
 * a loaded database, so the two outcomes take the floor, not their own time.
 */
export const FORM_ANSWER_FLOOR_MS = 400;

/** The HMAC label of the per-login count's key: the login itself is never stored. */
const LOGIN_KEY_LABEL = 'cap-key:emergency-block-login';

const IIN_PATTERN = /^\d{12}$/;

export interface BlockFormInput {
  login: string;
  password: string;
  /** YYYY-MM-DD, compared with the date the customer's IIN encodes. */
  birthDate: string;
  reason: BlockReason;
  meta: RequestMeta;
}

export interface BlockFormAnswer {
  message: string;
  contactCenterPhone: string;
}

/** The login as one key: an IIN's 12 digits, a phone in E.164, or what was typed, trimmed. */
function normalizedLogin(login: string): { kind: 'iin' | 'phone'; value: string } | null {
  const trimmed = login.trim();
  if (IIN_PATTERN.test(trimmed)) return { kind: 'iin', value: trimmed };
  const phone = normalizePhone(trimmed);
  return phone ? { kind: 'phone', value: phone } : null;
}

async function customerNamed(ctx: AppContext, login: { kind: 'iin' | 'phone'; value: string } | null): Promise<Customer | null> {
  if (!login) return null;
  const customer =
    login.kind === 'iin'
      ? await findCustomerByIin(ctx.db, ctx.config.keyring, login.value)
      : await findCustomerByPhone(ctx.db, login.value);
  return customer?.status === 'active' ? customer : null;
}

export async function blockFromWeb(ctx: AppContext, input: BlockFormInput): Promise<BlockFormAnswer> {
  const started = performance.now();
  const login = normalizedLogin(input.login);
  const now = ctx.clock.now();
  const key = ctx.config.keyring.hmacHex(LOGIN_KEY_LABEL, login?.value ?? input.login.trim());
  const charged = await ctx.db.transaction((tx) =>
    chargeCaps(tx, [{ scope: 'emergency-block-login', key, max: ATTEMPTS_PER_LOGIN_PER_HOUR_MAX, windowMs: ATTEMPT_WINDOW_MS }], now),
  );
  if (!charged.ok) throw tooManyBlockAttemptsProblem(charged.retryAfterSeconds, ctx.config.contactCenterPhone);

  const customer = await customerNamed(ctx, login);
  // Through the bounded pool, known login or not: beyond it the 503 `password-check-busy` for both.
  const passwordOk = await passwordMatches(ctx.db, customer?.id ?? null, input.password);
  const birthDateOk = customer !== null && (await customerBirthDate(ctx.db, ctx.config.keyring, customer.id)) === input.birthDate;
  const blocked: EmergencyBlockResult | null =
    customer && passwordOk && birthDateOk
      ? await emergencyBlock(ctx, { customerId: customer.id, source: 'self', reason: input.reason, meta: input.meta })
      : null;
  if (!blocked) {
    await recordAuditAlone(ctx.db, {
      event: 'customer.block_refused',
      customerId: customer?.id ?? null,
      meta: input.meta,
      details: { knownLogin: customer !== null, loginKind: login?.kind ?? null, passwordOk, birthDateOk, reason: input.reason },
      occurredAt: now,
    });
  }
  const waitMs = started + FORM_ANSWER_FLOOR_MS - performance.now();
  if (waitMs > 0) await sleep(waitMs);
  return {
    message: blockFormAnswer(input.meta.language, ctx.config.contactCenterPhone),
    contactCenterPhone: ctx.config.contactCenterPhone,
  };
}

/** The signed-in customer's "Block my access now": no form, the session is the proof. */
export async function blockSignedIn(
  ctx: AppContext,
  input: { customerId: string; reason: BlockReason; meta: RequestMeta },
): Promise<BlockFormAnswer> {
  await emergencyBlock(ctx, { customerId: input.customerId, source: 'self', reason: input.reason, meta: input.meta });
  return {
    message: blockedNowAnswer(input.meta.language, ctx.config.contactCenterPhone),
    contactCenterPhone: ctx.config.contactCenterPhone,
  };
}
