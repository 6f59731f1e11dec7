import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import type { TypedApp } from '../../http/typed-routes.js';
import { ProblemError } from '../../shared/problem.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { requestMeta } from '../../shared/request-meta.js';
import { Id, Problem, strict } from '../../shared/schemas.js';
import { recordAudit } from '../audit/index.js';
import { requireStaff, staffOf } from '../staff/index.js';
import { AcquiringProblem } from './acquiring.errors.js';
import { MERCHANT_FIELD_ERRORS } from './acquiring.messages.js';
import { lockMerchant, updateMerchantSettings } from './acquiring.repo.js';
import { checkedDisplayName, DISPLAY_NAME_LENGTH_MAX } from './merchant-display-name.js';
import { type FieldFailure, RETURN_ORIGIN_LENGTH_MAX, RETURN_ORIGINS_MAX, returnOrigin } from './merchant-fields.js';
import { MerchantView, merchantJson } from './merchants.schemas.js';
import { allowLocalHttp } from './merchants.service.js';
import type { Merchant } from './merchants.types.js';

/**
 * Staff change a merchant's settings (issue 15 item 2): the DE43 name, the MDR, the return
 * origins, the test and live mode flags. PATCH: only the fields sent change; each change is
 * audited with the values before and after (the MDR is money, the origins are a security control).
 */

export const MDR_BPS_MAX = 1000;

export interface MerchantSettingsChange {
  displayName?: string;
  mdrBps?: number;
  returnOrigins?: string[];
  testModeEnabled?: boolean;
  liveModeEnabled?: boolean;
}

type Settings = Pick<Merchant, 'displayName' | 'mdrBps' | 'returnOrigins' | 'testModeEnabled' | 'liveModeEnabled'>;

function settingsOf(merchant: Merchant): Settings {
  const { displayName, mdrBps, returnOrigins, testModeEnabled, liveModeEnabled } = merchant;
  return { displayName, mdrBps, returnOrigins, testModeEnabled, liveModeEnabled };
}

/** The settings after the change, or every failing field (the same 422 as creation). */
function applyChange(
  ctx: AppContext,
  before: Settings,
  change: MerchantSettingsChange,
): { ok: true; after: Settings } | { ok: false; failures: FieldFailure[] } {
  const failures: FieldFailure[] = [];
  const after: Settings = { ...before, ...change };
  if (change.displayName !== undefined) {
    const name = checkedDisplayName(change.displayName);
    if (name) after.displayName = name;
    else failures.push({ pointer: '/displayName', detail: MERCHANT_FIELD_ERRORS.displayName });
  }
  if (change.returnOrigins !== undefined) {
    const origins: string[] = [];
    change.returnOrigins.forEach((typed, index) => {
      const origin = returnOrigin(typed, { allowLocalHttp: allowLocalHttp(ctx) });
      const pointer = `/returnOrigins/${index}`;
      if (!origin) failures.push({ pointer, detail: MERCHANT_FIELD_ERRORS.returnOrigin });
      else if (origins.includes(origin)) failures.push({ pointer, detail: MERCHANT_FIELD_ERRORS.returnOriginsDuplicate });
      else origins.push(origin);
    });
    after.returnOrigins = origins;
  }
  if (!after.testModeEnabled && !after.liveModeEnabled) failures.push({ pointer: '/liveModeEnabled', detail: MERCHANT_FIELD_ERRORS.modes });
  return failures.length > 0 ? { ok: false, failures } : { ok: true, after };
}

export async function changeMerchantSettings(
  ctx: AppContext,
  input: { staffId: string; meta: RequestMeta; merchantId: string; change: MerchantSettingsChange },
): Promise<Merchant> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const merchant = await lockMerchant(tx, input.merchantId);
    if (!merchant) throw new ProblemError(AcquiringProblem['merchant-not-found']);
    const before = settingsOf(merchant);
    const applied = applyChange(ctx, before, input.change);
    if (!applied.ok) throw new ProblemError(AcquiringProblem['merchant-invalid'], { errors: applied.failures });
    const updated = await updateMerchantSettings(tx, { id: merchant.id, ...applied.after, updatedAt: now });
    if (!updated) throw new ProblemError(AcquiringProblem['merchant-not-found']);
    await recordAudit(tx, {
      event: 'merchant.updated',
      meta: input.meta,
      details: { staffId: input.staffId, merchantId: merchant.id, before, after: applied.after },
      occurredAt: now,
    });
    return updated;
  });
}

export async function merchantSettingsRoutes(app: TypedApp, { ctx }: { ctx: AppContext }): Promise<void> {
  app.patch(
    '/api/staff/v1/merchants/:merchantId',
    {
      preHandler: requireStaff(ctx, 'merchants.manage'),
      schema: {
        tags: ['merchants'],
        summary: 'Change a merchant’s statement name, MDR, return origins or modes (admins); only the fields sent change; audited',
        params: Type.Object({ merchantId: Id('mch') }, strict),
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: DISPLAY_NAME_LENGTH_MAX * 2 })),
            mdrBps: Type.Optional(Type.Integer({ minimum: 0, maximum: MDR_BPS_MAX, description: 'Basis points: 150 = 1.5 %' })),
            returnOrigins: Type.Optional(
              Type.Array(Type.String({ maxLength: RETURN_ORIGIN_LENGTH_MAX * 2 }), { minItems: 1, maxItems: RETURN_ORIGINS_MAX }),
            ),
            testModeEnabled: Type.Optional(Type.Boolean()),
            liveModeEnabled: Type.Optional(Type.Boolean()),
          },
          { ...strict, minProperties: 1 },
        ),
        response: { 200: MerchantView, 400: Problem, 401: Problem, 403: Problem, 404: Problem, 422: Problem },
      },
    },
    async (request) =>
      merchantJson(
        await changeMerchantSettings(ctx, {
          staffId: staffOf(request).staffId,
          meta: requestMeta(request),
          merchantId: request.params.merchantId,
          change: request.body,
        }),
      ),
  );
}
