import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { format, type Language } from '../../../shared/i18n.js';
import { newId } from '../../../shared/ids.js';
import { maskPhoneForDisplay, normalizePhone, smsCountryAllowed } from '../../../shared/phone.js';
import { ProblemError } from '../../../shared/problem.js';
import { bankMerchantRefusal, createBankCardPayment, isPaymentCurrency, renewBankCheckoutUrl } from '../../acquiring/index.js';
import { selectProvider } from '../catalogue.repo.js';
import { PaymentsProblem } from '../payments.errors.js';
import { activeProvider, type CreateServicePaymentInput, pricePayment } from '../resolve.js';
import { GUEST_TEXTS, GuestProblem } from './guest.messages.js';
import { type GuestPayment, insertGuestPayment, selectGuestPayment, selectGuestPaymentByKey, updateStatusTokenHash } from './guest.repo.js';

/**
 * A guest pays a provider by card (issue 16 item 5; docs/payments-providers.md, "Guests paying by
 * card"). The form is priced exactly as a customer's payment is (the provider's rules and its own
 * answer, the fee), then a card payment of the bank's own merchant for amount + fee is created and
 * the guest is sent to the hosted checkout with 3-D Secure. Nothing moves here: the money moves, once,
 * in the commit that ends the card payment (guest-settle.ts). The guest's browser reads the outcome
 * with a status token only it was given; the receipt goes by SMS to the phone the guest typed.
 */

export interface CreateGuestPaymentInput {
  providerId: string;
  fields: Record<string, string>;
  checkId?: string;
  lines?: Array<{ id: string; amountMinor: bigint }>;
  amountMinor: bigint;
  receiptPhone: string;
}

export interface GuestPaymentAnswer {
  payment: GuestPayment;
  /** Null once the card payment has its card (a retry after the guest paid): the status says the rest. */
  checkoutUrl: string | null;
  statusToken: string;
}

const STATUS_TOKEN_BYTES = 32;
const STATUS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
/** HMAC labels of stored hashes: part of every stored hash, so never changed. */
const STATUS_TOKEN_LABEL = 'guest-payment-status';
const IDEMPOTENCY_LABEL = 'guest-payment-idempotency-key';
const PHONE_SEAL_PURPOSE = 'guest-receipt-phone';

export function sealReceiptPhone(ctx: AppContext, paymentId: string, phone: string): string {
  return ctx.config.keyring.seal(PHONE_SEAL_PURPOSE, phone, paymentId);
}

export function openReceiptPhone(ctx: AppContext, paymentId: string, sealed: string): string {
  return ctx.config.keyring.open(PHONE_SEAL_PURPOSE, sealed, paymentId);
}

function requestDigest(input: CreateGuestPaymentInput): string {
  const body = {
    ...input,
    amountMinor: input.amountMinor.toString(),
    lines: input.lines?.map((line) => ({ ...line, amountMinor: line.amountMinor.toString() })),
  };
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

function receiptPhoneOf(ctx: AppContext, typed: string): string {
  const phone = normalizePhone(typed);
  if (!phone || !smsCountryAllowed(phone, ctx.config.smsAllowedCountryCodes))
    throw new ProblemError(PaymentsProblem['payment-fields-invalid'], {
      errors: [{ pointer: '/receiptPhone', detail: GUEST_TEXTS.receiptPhone }],
    });
  return phone;
}

async function guestMerchantId(ctx: AppContext): Promise<string> {
  const merchantId = ctx.config.guestPayments.merchantId;
  const refusal = merchantId ? await bankMerchantRefusal(ctx, merchantId) : 'not-configured';
  if (!merchantId || refusal) {
    ctx.log.error({ merchantId, refusal }, 'guests cannot pay by card: the bank merchant for them is not ready');
    throw new ProblemError(GuestProblem['guest-payments-unavailable']);
  }
  return merchantId;
}

/** A retry of the same request gets the same payment, a fresh checkout link and status token; another body under the key is refused. */
async function replay(ctx: AppContext, keyHashes: string[], digest: string): Promise<GuestPaymentAnswer | null> {
  for (const keyHash of keyHashes) {
    const existing = await selectGuestPaymentByKey(ctx.db, keyHash);
    if (!existing) continue;
    if (existing.secrets.requestDigest !== digest) throw new ProblemError(GuestProblem['guest-payment-key-reused']);
    const statusToken = randomBytes(STATUS_TOKEN_BYTES).toString('base64url');
    const { id } = existing.payment;
    await updateStatusTokenHash(ctx.db, id, ctx.config.keyring.hmacHex(STATUS_TOKEN_LABEL, id, statusToken));
    return { payment: existing.payment, checkoutUrl: await renewBankCheckoutUrl(ctx, existing.payment.cardPaymentId), statusToken };
  }
  return null;
}

export async function createGuestPayment(
  ctx: AppContext,
  input: { idempotencyKey: string; body: CreateGuestPaymentInput; language: Language },
): Promise<GuestPaymentAnswer> {
  const { body } = input;
  const digest = requestDigest(body);
  const keyHashes = ctx.config.keyring.hmacCandidates(IDEMPOTENCY_LABEL, input.idempotencyKey);
  const replayed = await replay(ctx, keyHashes, digest);
  if (replayed) return replayed;
  const merchantId = await guestMerchantId(ctx);
  const provider = activeProvider(await selectProvider(ctx.db, body.providerId));
  const currency = provider.currency;
  if (!isPaymentCurrency(currency)) throw new ProblemError(GuestProblem['guest-payments-unavailable']);
  const receiptPhone = receiptPhoneOf(ctx, body.receiptPhone);
  const now = ctx.clock.now();
  const request: Pick<CreateServicePaymentInput, 'fields' | 'checkId' | 'lines' | 'amountMinor'> = body;
  const priced = await pricePayment(ctx, { provider, payerId: null, request, now });
  const id = newId('gpy');
  const card = await createBankCardPayment(ctx, {
    merchantId,
    amountMinor: body.amountMinor + priced.feeMinor,
    currency,
    description: format(GUEST_TEXTS.description[input.language], { provider: provider.name[input.language], account: priced.accountLabel }),
    orderId: id,
    returnUrl: `${ctx.config.publicOrigin}/pay/done/${id}`,
  });
  const payment: GuestPayment = {
    id,
    providerId: provider.id,
    cardPaymentId: card.paymentId,
    status: 'awaiting_card',
    checkId: priced.check?.id ?? null,
    accountLabel: priced.accountLabel,
    fields: priced.values,
    lines: priced.lines,
    amountMinor: body.amountMinor,
    feeMinor: priced.feeMinor,
    currency,
    language: input.language,
    receiptPhoneMasked: maskPhoneForDisplay(receiptPhone),
    ledgerOperationId: null,
    failureCode: null,
    cardLast4: null,
    createdAt: now,
    endedAt: null,
  };
  const statusToken = randomBytes(STATUS_TOKEN_BYTES).toString('base64url');
  const written = await ctx.db.transaction((tx) =>
    insertGuestPayment(tx, payment, {
      receiptPhoneSealed: sealReceiptPhone(ctx, id, receiptPhone),
      statusTokenHash: ctx.config.keyring.hmacHex(STATUS_TOKEN_LABEL, id, statusToken),
      idempotencyKeyHash: ctx.config.keyring.hmacHex(IDEMPOTENCY_LABEL, input.idempotencyKey),
      requestDigest: digest,
    }),
  );
  // Two requests with one key at once: the other wrote first; its payment is the answer (this card payment is never paid: its link dies here).
  if (!written) {
    const raced = await replay(ctx, keyHashes, digest);
    if (!raced) throw new Error('a guest payment lost its Idempotency-Key race to a row that is gone');
    return raced;
  }
  ctx.log.info({ guestPaymentId: id, providerId: provider.id, cardPaymentId: card.paymentId }, 'guest payment created');
  return { payment, checkoutUrl: card.checkoutUrl, statusToken };
}

/** The guest's payment, for the browser holding its status token; anything else is the one 404. */
export async function guestPaymentForToken(ctx: AppContext, id: string, token: string | undefined): Promise<GuestPayment> {
  const found = await selectGuestPayment(ctx.db, id);
  const matches =
    found !== null &&
    token !== undefined &&
    STATUS_TOKEN_PATTERN.test(token) &&
    ctx.config.keyring.verifyHmac(found.secrets.statusTokenHash, STATUS_TOKEN_LABEL, id, token);
  if (!found || !matches) throw new ProblemError(GuestProblem['guest-payment-not-found']);
  return found.payment;
}
