/**
 * The shop's client of Kassa's merchant payment API (docs/acquiring-payments.md), over HTTP only,
 * with the shop's secret key: what any merchant's backend does. Never throws for Kassa's answers:
 * a refusal or an outage is a value the page turns into words.
 */

/** Kassa answers a create within this or the buyer is told to retry (the Idempotency-Key makes the retry safe). */
export const KASSA_TIMEOUT_MS = 10_000;

export interface CreatePaymentInput {
  orderId: string;
  amountMinor: bigint;
  description: string;
  returnUrl: string;
}

export type CreatePaymentResult =
  | { ok: true; paymentId: string; checkoutUrl: string }
  | { ok: false; status: number | null; problemType: string | null };

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface KassaClientOptions {
  /** The origin Kassa's API is reached at (the server's own, in development). */
  kassaOrigin: string;
  secretKey: string;
  fetch?: FetchLike;
}

interface CreatedAnswer {
  id?: unknown;
  checkoutUrl?: unknown;
}

interface ProblemAnswer {
  type?: unknown;
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/**
 * POST /api/merchant/v1/payments: the order's amount in KZT, captured automatically, the buyer
 * sent back to the order's page. The order id is the Idempotency-Key, so a retry of the same
 * order (a double click, a timeout) gets the same payment, never a second one.
 */
export async function createPayment(options: KassaClientOptions, input: CreatePaymentInput): Promise<CreatePaymentResult> {
  const send = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(`${options.kassaOrigin}/api/merchant/v1/payments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.secretKey}`,
        'content-type': 'application/json',
        'idempotency-key': input.orderId,
        accept: 'application/json',
      },
      body: JSON.stringify({
        // Safe as a JSON number: the catalogue's totals are far below 2^53 tiyn.
        amountMinor: Number(input.amountMinor),
        currency: 'KZT',
        captureMethod: 'automatic',
        description: input.description,
        merchantOrderId: input.orderId,
        returnUrl: input.returnUrl,
      }),
      signal: AbortSignal.timeout(KASSA_TIMEOUT_MS),
    });
  } catch {
    return { ok: false, status: null, problemType: null };
  }
  const body = await jsonOf(response);
  if (response.status === 201 && body && typeof body === 'object') {
    const created = body as CreatedAnswer;
    if (typeof created.id === 'string' && typeof created.checkoutUrl === 'string')
      return { ok: true, paymentId: created.id, checkoutUrl: created.checkoutUrl };
  }
  const problem = body && typeof body === 'object' ? (body as ProblemAnswer) : null;
  return { ok: false, status: response.status, problemType: typeof problem?.type === 'string' ? problem.type : null };
}
