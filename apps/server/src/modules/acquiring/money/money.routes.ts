import { Type } from 'typebox';
import type { AppContext } from '../../../context.js';
import type { TypedApp } from '../../../http/typed-routes.js';
import { ProblemError } from '../../../shared/problem.js';
import { requestMeta } from '../../../shared/request-meta.js';
import { Id, literalUnion, Problem, strict } from '../../../shared/schemas.js';
import { recordAuditAlone } from '../../audit/index.js';
import { requireStaff, staffOf } from '../../staff/index.js';
import { AcquiringProblem } from '../acquiring.errors.js';
import { findMerchant } from '../acquiring.repo.js';
import { merchantOf, requireMerchantKey } from '../merchant-auth.js';
import { type PayoutRow, selectPayouts } from './money.repo.js';
import { merchantBalance, runPayouts } from './payouts.js';

const PAYOUTS_SHOWN_MAX = 60;

const Payout = Type.Object({
  id: Type.String(),
  object: literalUnion(['payout']),
  payoutDate: Type.String({ description: 'The bank’s business day, YYYY-MM-DD' }),
  amountMinor: Type.Integer(),
  currency: Type.String(),
  settlementIban: Type.String({ description: 'The IBAN paid to, as it was that day' }),
  createdAt: Type.String({ format: 'date-time' }),
});
const Balance = Type.Object({
  object: literalUnion(['balance']),
  mode: literalUnion(['test', 'live']),
  currency: Type.String(),
  availableMinor: Type.Integer({ description: 'Captured less MDR, refunds and payouts; test mode moves no money: 0' }),
  payouts: Type.Array(Payout, { description: 'The latest payouts, newest first' }),
});
const StaffBalance = Type.Object({
  merchantId: Type.String(),
  currency: Type.String(),
  availableMinor: Type.Integer(),
  payouts: Type.Array(Payout),
});

function payoutJson(row: PayoutRow) {
  return {
    id: row.id,
    object: 'payout' as const,
    payoutDate: row.payoutDate,
    amountMinor: Number(row.amountMinor),
    currency: row.currency,
    settlementIban: row.settlementIban,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * The merchant's money (issue 15 item 5): its balance and payouts for the merchant (Bearer sk_…;
 * a test key sees the sandbox's, which is nothing) and for staff, who may also run the day's payouts now.
 */
export async function moneyRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.get(
    '/api/merchant/v1/balance',
    {
      preHandler: requireMerchantKey(ctx),
      schema: {
        tags: ['payments'],
        summary: 'The merchant’s settlement balance (captured less MDR, refunds and payouts) and its latest payouts',
        response: { 200: Balance, 401: Problem },
      },
    },
    async (request) => {
      const principal = merchantOf(request);
      if (principal.mode === 'test')
        return { object: 'balance' as const, mode: 'test' as const, currency: 'KZT', availableMinor: 0, payouts: [] };
      const balance = await merchantBalance(ctx.db, principal.merchantId, 'KZT');
      const payouts = await selectPayouts(ctx.db, principal.merchantId, PAYOUTS_SHOWN_MAX);
      return {
        object: 'balance' as const,
        mode: 'live' as const,
        currency: balance.currency,
        availableMinor: Number(balance.availableMinor),
        payouts: payouts.map(payoutJson),
      };
    },
  );

  const reader = requireStaff(ctx, 'merchants.view');
  const admin = requireStaff(ctx, 'merchants.manage');

  app.get(
    '/api/staff/v1/merchants/:merchantId/balance',
    {
      preHandler: reader,
      schema: {
        tags: ['merchants'],
        summary: 'A merchant’s settlement balance and its latest payouts; audited',
        params: Type.Object({ merchantId: Id('mch') }, strict),
        response: { 200: StaffBalance, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const { merchantId } = request.params;
      if (!(await findMerchant(ctx.db, merchantId))) throw new ProblemError(AcquiringProblem['merchant-not-found']);
      const balance = await merchantBalance(ctx.db, merchantId, 'KZT');
      const payouts = await selectPayouts(ctx.db, merchantId, PAYOUTS_SHOWN_MAX);
      await recordAuditAlone(ctx.db, {
        event: 'merchant.balance_viewed',
        meta: requestMeta(request),
        details: { staffId: staffOf(request).staffId, merchantId },
        occurredAt: ctx.clock.now(),
      });
      return { merchantId, currency: balance.currency, availableMinor: Number(balance.availableMinor), payouts: payouts.map(payoutJson) };
    },
  );

  app.post(
    '/api/staff/v1/merchant-payouts/run',
    {
      preHandler: admin,
      schema: {
        tags: ['merchants'],
        summary: 'Run today’s merchant payouts now (admins): each merchant is paid once a day whatever runs; audited',
        response: { 200: Type.Object({ paid: Type.Integer() }), 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      const now = ctx.clock.now();
      const paid = await runPayouts(ctx, now);
      await recordAuditAlone(ctx.db, {
        event: 'merchant.payouts_run',
        meta: requestMeta(request),
        details: { staffId: staffOf(request).staffId, paid },
        occurredAt: now,
      });
      return { paid };
    },
  );
}
