import { createHash } from 'node:crypto';
import type { AppContext } from '../../../context.js';
import { canonicalJson } from '../../../shared/canonical-json.js';
import { ProblemError, problemDefinition } from '../../../shared/problem.js';
import { PaymentProblem } from './payments.errors.js';
import { claimIdempotencyKey, releaseIdempotencyKey, storeIdempotentAnswer } from './payments.repo.js';
import type { MerchantScope } from './payments.types.js';

/**
 * Idempotency-Key for the merchant's money-moving POSTs (SECURITY.md 28), per (merchant, mode,
 * key). operations' table is keyed by a customer, so the payment API keeps its own. The use case
 * runs money calls outside transactions, so the key is claimed in a statement of its own before it
 * runs and answered after: a parallel twin finds the claim (409, retry later), a retry after the
 * answer replays it, a claim whose request crashed is taken over after CLAIM_STALE_MS (the payment's
 * own pending step keeps the money exactly once meanwhile). Business refusals are stored and
 * replayed as the same problem in the caller's language; a crash (a thrown error) releases the key.
 */

export const IDEMPOTENCY_KEY_LENGTH_MAX = 255;
/** Longer than any money call waits (the network port's timeout), so a claim still running is not taken over. */
export const CLAIM_STALE_MS = 60_000;

// Refusals a retry with the same key may get past: never stored, the key goes back.
const TRANSIENT_PROBLEMS = new Set<string>([PaymentProblem['payment-busy']]);

export interface Answer<Body> {
  status: number;
  body: Body;
}

interface StoredProblem {
  problem: string;
  options: ProblemError['options'];
}

function isStoredProblem(body: unknown): body is StoredProblem {
  return typeof body === 'object' && body !== null && 'problem' in body && typeof body.problem === 'string';
}

/** What the request was: the route and its body, so one key for two routes is two requests too. */
export function requestHashOf(route: string, body: unknown): string {
  return createHash('sha256')
    .update(`${route}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

export async function idempotent<Body>(
  ctx: AppContext,
  input: MerchantScope & { key: string | undefined; route: string; body: unknown },
  run: () => Promise<Answer<Body>>,
  replay: { store: (body: Body) => unknown; restore: (stored: unknown) => Promise<Body> },
): Promise<Answer<Body>> {
  if (!input.key) throw new ProblemError(PaymentProblem['payment-idempotency-key-required']);
  const scope = { merchantId: input.merchantId, mode: input.mode, key: input.key };
  const requestHash = requestHashOf(input.route, input.body);
  const now = ctx.clock.now();
  const existing = await claimIdempotencyKey(ctx.db, { ...scope, requestHash, now, staleBefore: new Date(now.getTime() - CLAIM_STALE_MS) });
  if (existing) {
    if (existing.requestHash !== requestHash) throw new ProblemError(PaymentProblem['payment-idempotency-key-reused']);
    if (existing.responseStatus === 0) throw new ProblemError(PaymentProblem['payment-idempotency-key-in-use']);
    if (isStoredProblem(existing.responseBody)) throw new ProblemError(existing.responseBody.problem, existing.responseBody.options);
    return { status: existing.responseStatus, body: await replay.restore(existing.responseBody) };
  }
  let answer: Answer<Body>;
  try {
    answer = await run();
  } catch (error) {
    if (error instanceof ProblemError && !TRANSIENT_PROBLEMS.has(error.code)) {
      await storeIdempotentAnswer(ctx.db, {
        ...scope,
        status: problemDefinition(error.code).status,
        body: { problem: error.code, options: error.options },
      });
    } else {
      await releaseIdempotencyKey(ctx.db, scope);
    }
    throw error;
  }
  await storeIdempotentAnswer(ctx.db, { ...scope, status: answer.status, body: replay.store(answer.body) });
  return answer;
}
