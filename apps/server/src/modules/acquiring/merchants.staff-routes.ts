import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, literalUnion, Problem, strict } from '../../shared/schemas.js';
import { requireStaff, staffOf } from '../staff/index.js';
import { API_KEY_LABEL_LENGTH_MAX, createApiKey, revokeMerchantApiKey } from './api-keys.js';
import { LEGAL_NAME_LENGTH_MAX, RETURN_ORIGIN_LENGTH_MAX, RETURN_ORIGINS_MAX } from './merchant-fields.js';
import { ApiKeyView, apiKeyJson, CreatedApiKey, MerchantFileView, MerchantPage, MerchantView, merchantJson } from './merchants.schemas.js';
import {
  createMerchant,
  listMerchantsAudited,
  MERCHANTS_PAGE_DEFAULT,
  MERCHANTS_PAGE_MAX,
  merchantFile,
  setMerchantStatus,
} from './merchants.service.js';
import { API_KEY_MODES } from './merchants.types.js';

const TAGS = ['merchants'];
// The fields are bounded here and judged by the service (merchant-fields.ts), so that a bad BIN,
// IBAN, MCC or origin is a 422 naming the field in the staff's language, not a schema's 400.
const FIELD_TEXT_MAX = 64;
const REASON_LENGTH_MIN = 5;
const REASON_LENGTH_MAX = 500;
const Params = Type.Object({ merchantId: Id('mch') }, strict);
const ReasonBody = Type.Object({ reason: Type.String({ minLength: REASON_LENGTH_MIN, maxLength: REASON_LENGTH_MAX }) }, strict);
const REFUSALS = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };

/**
 * The back office's merchants (issue 15 item 1): operators, security officers and admins read
 * ('merchants.view'); admins create, suspend and reactivate merchants and issue and revoke their
 * API keys ('merchants.manage'). Every action is audited with the staff member (merchants.service.ts).
 */
export async function merchantsStaffRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  const reader = requireStaff(ctx, 'merchants.view');
  const admin = requireStaff(ctx, 'merchants.manage');

  app.post(
    '/api/staff/v1/merchants',
    {
      preHandler: admin,
      schema: {
        tags: TAGS,
        summary: 'Create a merchant (admins): 422 names every field that is wrong; audited',
        body: Type.Object(
          {
            legalName: Type.String({ minLength: 1, maxLength: LEGAL_NAME_LENGTH_MAX * 2 }),
            bin: Type.String({ maxLength: FIELD_TEXT_MAX, description: 'Business identification number, 12 digits' }),
            mcc: Type.String({ maxLength: FIELD_TEXT_MAX, description: 'ISO 18245 merchant category code, 4 digits' }),
            settlementIban: Type.String({ maxLength: FIELD_TEXT_MAX, description: 'KZ IBAN the payouts go to' }),
            returnOrigins: Type.Array(Type.String({ maxLength: RETURN_ORIGIN_LENGTH_MAX * 2 }), {
              minItems: 1,
              maxItems: RETURN_ORIGINS_MAX,
              description: 'https origins (https://shop.kz) a return URL may be on; http://localhost outside production',
            }),
            testModeEnabled: Type.Optional(Type.Boolean({ default: true })),
            liveModeEnabled: Type.Optional(Type.Boolean({ default: false })),
          },
          strict,
        ),
        response: { 201: MerchantView, ...REFUSALS, 409: Problem, 422: Problem },
      },
    },
    async (request, reply) => {
      const merchant = await createMerchant(ctx, {
        ...request.body,
        testModeEnabled: request.body.testModeEnabled ?? true,
        liveModeEnabled: request.body.liveModeEnabled ?? false,
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
      });
      return reply.code(201).send(merchantJson(merchant));
    },
  );

  app.get(
    '/api/staff/v1/merchants',
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'Merchants, newest first, a page at a time; audited',
        querystring: Type.Object(
          {
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MERCHANTS_PAGE_MAX, default: MERCHANTS_PAGE_DEFAULT })),
            after: Type.Optional(Id('mch')),
          },
          strict,
        ),
        response: { 200: MerchantPage, ...REFUSALS },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? MERCHANTS_PAGE_DEFAULT;
      const merchants = await listMerchantsAudited(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        limit,
        afterId: request.query.after ?? null,
      });
      const last = merchants.at(-1);
      return { items: merchants.map(merchantJson), nextCursor: merchants.length === limit && last ? last.id : null };
    },
  );

  app.get(
    '/api/staff/v1/merchants/:merchantId',
    {
      preHandler: reader,
      schema: {
        tags: TAGS,
        summary: 'A merchant and its API keys (their prefixes; a key itself is never shown again); audited',
        params: Params,
        response: { 200: MerchantFileView, ...REFUSALS },
      },
    },
    async (request) => {
      const file = await merchantFile(ctx, { staffId: staffOf(request).staffId, meta: requestMeta(request), ...request.params });
      return { merchant: merchantJson(file.merchant), keys: file.keys.map(apiKeyJson) };
    },
  );

  for (const status of ['suspended', 'active'] as const) {
    const verb = status === 'suspended' ? 'suspend' : 'reactivate';
    app.post(
      `/api/staff/v1/merchants/:merchantId/${verb}`,
      {
        preHandler: admin,
        schema: {
          tags: TAGS,
          summary:
            status === 'suspended'
              ? 'Suspend a merchant (admins): its keys stop authenticating at once; audited with the reason'
              : 'Reactivate a suspended merchant (admins); audited with the reason',
          params: Params,
          body: ReasonBody,
          response: { 200: MerchantView, ...REFUSALS, 409: Problem },
        },
      },
      async (request) =>
        merchantJson(
          await setMerchantStatus(ctx, {
            staffId: staffOf(request).staffId,
            meta: requestMeta(request),
            merchantId: request.params.merchantId,
            status,
            reason: request.body.reason,
          }),
        ),
    );
  }

  app.post(
    '/api/staff/v1/merchants/:merchantId/api-keys',
    {
      preHandler: admin,
      schema: {
        tags: TAGS,
        summary: 'Issue an API key (admins): the answer holds the key, once; Kassa keeps only its keyed hash. Audited',
        params: Params,
        body: Type.Object(
          {
            mode: literalUnion(API_KEY_MODES, {
              description: 'test: the sandbox; live: real payments (the merchant’s live mode must be on)',
            }),
            label: Type.Optional(Type.String({ minLength: 1, maxLength: API_KEY_LABEL_LENGTH_MAX, description: 'What the key is for' })),
          },
          strict,
        ),
        response: { 201: CreatedApiKey, ...REFUSALS, 409: Problem },
      },
    },
    async (request, reply) => {
      const created = await createApiKey(ctx, {
        staffId: staffOf(request).staffId,
        meta: requestMeta(request),
        merchantId: request.params.merchantId,
        mode: request.body.mode,
        label: request.body.label ?? null,
      });
      // The key must not stay in any cache on the way (SECURITY.md 20).
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ apiKey: apiKeyJson(created.record), secret: created.key });
    },
  );

  app.post(
    '/api/staff/v1/merchants/:merchantId/api-keys/:keyId/revoke',
    {
      preHandler: admin,
      schema: {
        tags: TAGS,
        summary: 'Revoke an API key (admins): the next request with it is refused; audited',
        params: Type.Object({ merchantId: Id('mch'), keyId: Id('mkey') }, strict),
        response: { 200: ApiKeyView, ...REFUSALS },
      },
    },
    async (request) =>
      apiKeyJson(await revokeMerchantApiKey(ctx, { staffId: staffOf(request).staffId, meta: requestMeta(request), ...request.params })),
  );
}
