import { type Static, Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { assert } from '../../shared/assert.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { requestMeta } from '../../shared/request-meta.js';
import { FileBody, Language, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { recordAuditAlone } from '../audit/index.js';
import { authOf, requireCustomer } from '../auth/index.js';
import { findCustomerById } from '../identity/index.js';
import {
  ACCOUNT_STATUSES,
  type Account,
  CURRENCY_CODES,
  CUSTOMER_ACCOUNT_KINDS,
  getAccount,
  isCustomerAccountKind,
  listAccountsByOwner,
  openAccount,
} from '../ledger/index.js';
import { statementCsv } from './statement-csv.js';
import { statementDocument } from './statement-document.js';
import { statementPdf } from './statement-pdf.js';
import { buildStatement } from './statements.js';

const Currency = literalUnion(CURRENCY_CODES);
const AccountView = Type.Object({
  id: Type.String(),
  kind: literalUnion(CUSTOMER_ACCOUNT_KINDS),
  currency: Currency,
  status: literalUnion(ACCOUNT_STATUSES),
  iban: Type.Union([Type.String(), Type.Null()]),
  displayName: Type.String(),
  balanceMinor: Type.Integer(),
  availableMinor: Type.Integer(),
  heldMinor: Type.Integer(),
});

export function accountView(account: Account): Static<typeof AccountView> {
  // Customers see their own accounts only; the bank's accounts have no owner to list them by.
  assert(isCustomerAccountKind(account.kind), `account ${account.id} of kind ${account.kind} is not a customer's`);
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

export async function accountsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
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
        body: Type.Object({ currency: Currency }, strict),
        response: { 201: AccountView, 403: Problem },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const customer = await findCustomerById(ctx.db, auth.customerId);
      if (!customer?.agreements.includes('banking')) throw new ProblemError(CommonProblem.forbidden);
      const { currency } = request.body;
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
        params: Type.Object({ accountId: Type.String({ pattern: '^acc_[0-9a-f]{32}$' }) }, strict),
        querystring: Type.Object(
          {
            from: Type.String({ format: 'date' }),
            to: Type.String({ format: 'date' }),
            format: literalUnion(['pdf', 'csv'], { default: 'pdf' }),
            lang: Type.Optional(Language),
          },
          strict,
        ),
        response: {
          200: {
            description: 'The statement file, to download',
            content: { 'application/pdf': { schema: FileBody }, 'text/csv': { schema: FileBody } },
          },
          404: Problem,
        },
      },
    },
    async (request, reply) => {
      const auth = authOf(request);
      const meta = requestMeta(request);
      const { accountId } = request.params;
      const { query } = request;
      const language = query.lang ?? meta.language;
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
      const document = await statementDocument(ctx, statement, language);
      const name = `statement-${query.from}-${query.to}`;
      if (query.format === 'csv') {
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .send(statementCsv(ctx.config, statement, document));
      }
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${name}.pdf"`)
        .send(await statementPdf(document));
    },
  );
}
