import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { isLanguage, type Language } from '../../shared/i18n.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Problem } from '../../shared/schemas.js';
import { recordAuditAlone } from '../audit/index.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { findCustomerById } from '../identity/index.js';
import { type Account, CURRENCY_CODES, type Currency, getAccount, listAccountsByOwner, openAccount } from '../ledger/index.js';
import { buildStatement, statementCsv, statementPdf } from './statements.js';

const AccountView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  currency: Type.String(),
  status: Type.String(),
  iban: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  balanceMinor: Type.Integer(),
  availableMinor: Type.Integer(),
  heldMinor: Type.Integer(),
});

export function accountView(account: Account) {
  return {
    id: account.id,
    kind: account.kind,
    currency: account.currency,
    status: account.status,
    iban: account.iban,
    displayName: account.displayName,
    balanceMinor: Number(account.balanceMinor),
    availableMinor: Number(account.balanceMinor - account.heldMinor),
    heldMinor: Number(account.heldMinor),
  };
}

export async function accountsRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const authenticated = requireCustomer(ctx);
  app.get(
    '/api/v1/accounts',
    {
      preHandler: authenticated,
      schema: {
        tags: ['accounts'],
        summary: 'The customer’s accounts with balances (minor units)',
        response: { 200: Type.Object({ items: Type.Array(AccountView) }), 401: Problem },
      },
    },
    async (request) => ({ items: (await listAccountsByOwner(ctx.db, authOf(request).customerId)).map(accountView) }),
  );

  app.post(
    '/api/v1/accounts',
    {
      config: { rateLimit: 'account-opening' },
      preHandler: authenticated,
      schema: {
        tags: ['accounts'],
        summary: 'Open a current account in another currency (banking agreement)',
        body: Type.Object({ currency: Type.Union(CURRENCY_CODES.map((code) => Type.Literal(code))) }, { additionalProperties: false }),
        response: { 201: AccountView, 403: Problem },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const customer = await findCustomerById(ctx.db, auth.customerId);
      if (!customer?.agreements.includes('banking')) throw new ProblemError(CommonProblem.forbidden);
      const { currency } = request.body as { currency: Currency };
      const account = await openAccount(ctx.db, {
        ownerId: customer.id,
        kind: 'customer_current',
        currency,
        displayName: `Current account ${currency}`,
        assignIban: true,
      });
      return reply.code(201).send(accountView(account));
    },
  );

  app.get(
    '/api/v1/accounts/:accountId/statement',
    {
      config: { rateLimit: 'statement' },
      preHandler: authenticated,
      schema: {
        tags: ['accounts'],
        summary: 'Account statement for a period (Almaty calendar days) as PDF or CSV',
        params: Type.Object({ accountId: Type.String({ pattern: '^acc_[0-9a-f]{32}$' }) }, { additionalProperties: false }),
        querystring: Type.Object(
          {
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
            format: Type.Union([Type.Literal('pdf'), Type.Literal('csv')], { default: 'pdf' }),
            lang: Type.Optional(Type.Union([Type.Literal('ru'), Type.Literal('kk'), Type.Literal('en')])),
          },
          { additionalProperties: false },
        ),
        response: { 404: Problem },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const meta = requestMeta(request);
      const { accountId } = request.params as { accountId: string };
      const query = request.query as { from: string; to: string; format: 'pdf' | 'csv'; lang?: string };
      const language: Language = isLanguage(query.lang) ? query.lang : meta.language;
      const account = await getAccount(ctx.db, accountId);
      if (!account || account.ownerId !== auth.customerId) {
        await recordAuditAlone(ctx.db, {
          event: 'access.denied',
          customerId: auth.customerId,
          meta,
          details: { resource: 'statement', id: accountId },
          occurredAt: ctx.clock.now(),
        });
        throw new ProblemError(CommonProblem['not-found']);
      }
      const statement = await buildStatement(ctx, account, query.from, query.to);
      const name = `statement-${query.from}-${query.to}`;
      if (query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(statementCsv(statement, language));
      }
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(await statementPdf(ctx, statement, language));
    },
  );
}
