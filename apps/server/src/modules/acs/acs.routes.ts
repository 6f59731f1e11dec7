import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { type Language, pickLanguage } from '../../shared/i18n.js';
import { ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Code, literalUnion, Problem, strict, Timestamp } from '../../shared/schemas.js';
import { hasActivePinDevice } from '../auth/index.js';
import { maskPhoneForDisplay } from '../identity/index.js';
import { CHALLENGE_FAILURE_PROBLEMS } from './acs.errors.js';
import { ACS_REASON_TEXTS } from './acs.messages.js';
import type { AcsTransaction } from './acs.repo.js';
import { CHALLENGE_ATTEMPTS_MAX, CHALLENGE_PATH } from './acs.service.js';
import { TRANS_STATUSES, type TransStatus } from './acs.types.js';
import { answerChallenge, type ChallengeFailure, challengeView, resendChallengeCode } from './challenge.service.js';
import { MESSAGE_VERSION } from './emv-messages.js';
import { currencyOfNumeric } from './kassa-acs.js';

/**
 * The challenge JSON API the ACS's page uses (issue 15 item 4). Public: the buyer may be a guest
 * and is on the bank's page, not logged in. The acsTransID (a random UUID, 122 bits) is the handle,
 * the code from the SMS is the secret; three tries per code, two resends, five minutes, and the
 * route classes' rate limits per IP on top (lookup for the page, code for the steps). Never a PAN,
 * a code or a phone in full in an answer.
 */

const Params = Type.Object({ acsTransID: Type.String({ format: 'uuid', description: 'The ACS transaction (ARes acsTransID)' }) }, strict);

const STATUS_OF: Readonly<Record<TransStatus, 'pending' | 'authenticated' | 'failed' | 'rejected' | 'unavailable'>> = {
  C: 'pending',
  Y: 'authenticated',
  A: 'authenticated',
  N: 'failed',
  R: 'rejected',
  U: 'unavailable',
};

const ChallengeView = Type.Object({
  acsTransID: Type.String(),
  threeDSServerTransID: Type.String(),
  merchantName: Type.String(),
  amountMinor: Type.Integer({ description: 'minor units of the currency' }),
  currency: Type.String({ description: 'ISO 4217 alphabetic, or the numeric code for a currency the bank keeps none in' }),
  maskedPan: Type.String({ description: 'first6••••••last4' }),
  maskedPhone: Type.Union([Type.String(), Type.Null()], { description: 'where the code went; null for a sandbox card' }),
  sandbox: Type.Boolean({ description: 'a sandbox card: no SMS, the page says "sandbox: code 111111"' }),
  triesLeft: Type.Integer(),
  expiresAt: Timestamp,
  resendAvailableAt: Type.Union([Timestamp, Type.Null()]),
  status: literalUnion(['pending', 'authenticated', 'failed', 'rejected', 'unavailable']),
  transStatus: literalUnion(TRANS_STATUSES),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'why it failed or was rejected, in the Accept-Language' }),
  appApproval: Type.Boolean({
    description:
      'the cardholder has a bound PIN device: the page offers to approve in the Kassa app, and polls this view until the challenge ends',
  }),
});

const AnswerView = Type.Object({
  transStatus: literalUnion(TRANS_STATUSES),
  done: Type.Boolean({ description: 'the challenge ended: the page posts the CRes to the notification URL' }),
  triesLeft: Type.Integer(),
});

function viewOf(row: AcsTransaction, language: Language, appApproval: boolean) {
  return {
    acsTransID: row.acsTransID,
    threeDSServerTransID: row.threeDSServerTransID,
    merchantName: row.merchantName,
    amountMinor: Number(row.amountMinor),
    currency: currencyOfNumeric(row.currencyNumeric) ?? row.currencyNumeric,
    maskedPan: row.maskedPan,
    maskedPhone: row.phone ? maskPhoneForDisplay(row.phone) : null,
    sandbox: row.issuer === 'sandbox',
    triesLeft: row.transStatus === 'C' ? Math.max(0, CHALLENGE_ATTEMPTS_MAX - row.attempts) : 0,
    expiresAt: (row.expiresAt ?? row.createdAt).toISOString(),
    resendAvailableAt: row.transStatus === 'C' && row.resendAvailableAt ? row.resendAvailableAt.toISOString() : null,
    status: STATUS_OF[row.transStatus],
    transStatus: row.transStatus,
    reason: row.reason ? ACS_REASON_TEXTS[row.reason][language] : null,
    appApproval,
  };
}

function failure(reason: ChallengeFailure, seconds?: number): ProblemError {
  return new ProblemError(CHALLENGE_FAILURE_PROBLEMS[reason], {
    values: { seconds: seconds ?? 0 },
    ...(seconds ? { headers: { 'retry-after': String(seconds) } } : {}),
  });
}

export async function acsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const tags = ['3-D Secure'];
  app.get(
    `${CHALLENGE_PATH}/:acsTransID`,
    {
      config: { rateLimit: 'lookup' },
      schema: { tags, summary: 'A 3-D Secure challenge for its page', params: Params, response: { 200: ChallengeView, 404: Problem } },
    },
    async (request) => {
      const row = await challengeView(ctx, request.params.acsTransID);
      if (!row) throw failure('not-found');
      return viewOf(row, pickLanguage(request.headers['accept-language']), await offersAppApproval(ctx, row));
    },
  );

  app.post(
    `${CHALLENGE_PATH}/:acsTransID/answer`,
    {
      config: { rateLimit: 'code' },
      schema: {
        tags,
        summary: 'The code from the SMS (a CReq with challengeDataEntry)',
        params: Params,
        body: Type.Object({ code: Code }, strict),
        response: { 200: AnswerView, 404: Problem },
      },
    },
    async (request) => step(ctx, request.params.acsTransID, { challengeDataEntry: request.body.code }, requestMeta(request)),
  );

  app.post(
    `${CHALLENGE_PATH}/:acsTransID/cancel`,
    {
      config: { rateLimit: 'code' },
      schema: {
        tags,
        summary: 'The cardholder cancels (a CReq with challengeCancel 01): N',
        params: Params,
        response: { 200: AnswerView, 404: Problem },
      },
    },
    async (request) => step(ctx, request.params.acsTransID, { challengeCancel: '01' }, requestMeta(request)),
  );

  app.post(
    `${CHALLENGE_PATH}/:acsTransID/resend`,
    {
      config: { rateLimit: 'code' },
      schema: {
        tags,
        summary: 'A new code by SMS; the earlier one stops working',
        params: Params,
        response: { 200: ChallengeView, 404: Problem, 409: Problem, 429: Problem },
      },
    },
    async (request) => {
      const resent = await resendChallengeCode(ctx, request.params.acsTransID, requestMeta(request));
      if (!resent.ok) throw failure(resent.reason, resent.seconds);
      return viewOf(resent.row, pickLanguage(request.headers['accept-language']), await offersAppApproval(ctx, resent.row));
    },
  );
}

function offersAppApproval(ctx: AppContext, row: AcsTransaction): Promise<boolean> {
  return row.issuer === 'kassa' && row.customerId && row.transStatus === 'C'
    ? hasActivePinDevice(ctx.db, row.customerId)
    : Promise.resolve(false);
}

async function step(
  ctx: AppContext,
  acsTransID: string,
  entry: { challengeDataEntry?: string; challengeCancel?: '01' },
  meta: ReturnType<typeof requestMeta>,
) {
  const row = await challengeView(ctx, acsTransID);
  if (!row) throw failure('not-found');
  const outcome = await answerChallenge(
    ctx,
    {
      messageType: 'CReq',
      messageVersion: MESSAGE_VERSION,
      threeDSServerTransID: row.threeDSServerTransID,
      acsTransID,
      challengeWindowSize: '05',
      ...entry,
    },
    meta,
  );
  if (!outcome) throw failure('not-found');
  return { transStatus: outcome.transStatus, done: outcome.done, triesLeft: outcome.triesLeft };
}
