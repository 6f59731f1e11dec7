import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { DemoSeeder } from '../../demo/seeder.js';
import { newId } from '../../shared/ids.js';
import { recordAudit } from '../audit/index.js';
import { iinCheckDigit } from '../identity/index.js';
import { findDemoStaff } from '../staff/index.js';
import { insertApiKey, insertMerchant, listApiKeys, lockMerchant, revokeApiKey, updateMerchantSettings } from './acquiring.repo.js';
import { keyHash, keyPrefixOf, newApiKey } from './api-keys.js';
import { checkMerchantFields } from './merchant-fields.js';
import { MERCHANT_KEYS_SHOWN_MAX } from './merchants.service.js';
import type { ApiKeyMode, Merchant, MerchantApiKey } from './merchants.types.js';
import { endpointUrl } from './webhooks/endpoint-url.js';
import { newSigningSecret, secretPrefixOf } from './webhooks/signature.js';
import { disableEndpoint, insertEndpoint, listEnabledEndpoints } from './webhooks/webhooks.repo.js';
import { sealSecret } from './webhooks/webhooks.service.js';
import type { WebhookEndpoint } from './webhooks/webhooks.types.js';

/**
 * The demo shop's merchant (issue 15 item 8; apps/demo-shop): seeded once with the demo data, and
 * at each start given, per mode, a fresh key and a fresh webhook endpoint whose key and secret are
 * handed to the shop, as a real shop's operator would put them in its environment. Fresh each start
 * because Kassa keeps a key only as a keyed hash: it cannot hand an earlier one back. The earlier
 * key is revoked and the earlier endpoint disabled in the same transaction, so they never pile up
 * past the caps (ACTIVE_KEYS_PER_MODE_MAX, ENDPOINTS_PER_MODE_MAX).
 *
 * Both modes: test for a guest with a sandbox card, live for a Kassa customer paying with their own
 * virtual card or e-wallet (issue 15 item 8). "Live" here is this development bank's demo money:
 * the shop is never mounted in production, and demoShopCredentials refuses to run there.
 */

/** Fixed, so each start finds the merchant the seeder wrote. */
export const DEMO_SHOP_MERCHANT_ID = `mch_${'de5050'.padEnd(32, '0')}`;
export const DEMO_SHOP_DISPLAY_NAME = 'DEMO SHOP';
/** Where the shop takes Kassa's webhooks (apps/demo-shop WEBHOOK_PATH): the shop is served by this server. */
const DEMO_SHOP_WEBHOOK_PATH = '/demo-shop/webhooks/kassa';
const DEMO_SHOP_KEY_LABEL = 'demo shop (issued at start)';
// MCC 5499, miscellaneous food stores: what the catalogue sells.
const DEMO_SHOP_MCC = '5499';
const DEMO_SHOP_IBAN = 'KZ86125KZT5004100100';
/**
 * What the shop's order page shows: a payment's outcome, and a cardholder's dispute (possible on a
 * live payment only). refund.succeeded too, so the delivery log shows the shop received it; the
 * shop acknowledges it and changes nothing.
 */
const DEMO_SHOP_EVENTS = [
  'payment.succeeded',
  'payment.failed',
  'payment.canceled',
  'refund.succeeded',
  'dispute.created',
  'dispute.updated',
  'dispute.closed',
] as const;

/** A BIN registered 2026-01 by a resident legal entity, away from the tests' 25014… range. */
function demoBin(): string {
  // Some serials have no check digit (the IIN algorithm's rule): the first that has one.
  for (let serial = 0; serial < 10; serial += 1) {
    const firstEleven = `2601400000${serial}`;
    const check = iinCheckDigit(firstEleven);
    if (check !== null) return `${firstEleven}${check}`;
  }
  throw new Error('no BIN with a valid check digit in the demo range');
}

export interface DemoShopModeCredentials {
  secretKey: string;
  webhookSecret: string;
}

/** One key and one webhook secret per mode: the shop signs its API calls and checks events by the order's mode. */
export type DemoShopCredentials = Record<ApiKeyMode, DemoShopModeCredentials>;

async function demoMerchant(ctx: AppContext, tx: Tx): Promise<Merchant> {
  // The demo admin "creates" it: the column names a staff member, and staff's seeder ran first.
  const admin = (await findDemoStaff(tx)).find((member) => member.role === 'admin');
  if (!admin) throw new Error('the demo shop is seeded after the demo staff (demo/seed.ts)');
  const checked = checkMerchantFields(
    {
      legalName: 'ТОО «Демо Шоп»',
      bin: demoBin(),
      mcc: DEMO_SHOP_MCC,
      settlementIban: DEMO_SHOP_IBAN,
      returnOrigins: [ctx.config.publicOrigin],
      testModeEnabled: true,
      liveModeEnabled: true,
    },
    { allowLocalHttp: ctx.config.nodeEnv !== 'production' },
  );
  if (!checked.ok) throw new Error(`the demo shop's fields are refused: ${checked.failures.map((failure) => failure.pointer).join(', ')}`);
  const now = ctx.clock.now();
  return {
    id: DEMO_SHOP_MERCHANT_ID,
    ...checked.fields,
    displayName: DEMO_SHOP_DISPLAY_NAME,
    mdrBps: 150,
    status: 'active',
    statusReason: null,
    createdByStaffId: admin.id,
    createdAt: now,
    updatedAt: now,
  };
}

export const acquiringDemoSeeder: DemoSeeder<null> = {
  name: 'acquiring.demo-shop',
  prepare: async () => null,
  async write(ctx, tx) {
    const merchant = await demoMerchant(ctx, tx);
    if (!(await insertMerchant(tx, merchant))) throw new Error('the demo shop’s BIN is taken');
  },
};

async function rotateKey(ctx: AppContext, tx: Tx, merchant: Merchant, mode: ApiKeyMode, now: Date): Promise<string> {
  for (const key of await listApiKeys(tx, merchant.id, MERCHANT_KEYS_SHOWN_MAX)) {
    if (key.status === 'active' && key.mode === mode)
      await revokeApiKey(tx, { merchantId: merchant.id, keyId: key.id, staffId: merchant.createdByStaffId, now });
  }
  const secretKey = newApiKey(mode);
  const record: MerchantApiKey = {
    id: newId('mkey'),
    merchantId: merchant.id,
    mode,
    keyPrefix: keyPrefixOf(secretKey),
    label: DEMO_SHOP_KEY_LABEL,
    status: 'active',
    createdByStaffId: merchant.createdByStaffId,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
    revokedByStaffId: null,
  };
  await insertApiKey(tx, record, keyHash(ctx.config.keyring, secretKey));
  await recordAudit(tx, {
    event: 'merchant.api_key_created',
    details: { merchantId: merchant.id, keyId: record.id, keyPrefix: record.keyPrefix, mode, demoShop: true },
    occurredAt: now,
  });
  return secretKey;
}

async function rotateEndpoint(ctx: AppContext, tx: Tx, merchant: Merchant, mode: ApiKeyMode, now: Date): Promise<string> {
  const scope = { merchantId: merchant.id, mode };
  for (const endpoint of await listEnabledEndpoints(tx, merchant.id, mode)) await disableEndpoint(tx, scope, endpoint.id, now);
  const url = endpointUrl(`${ctx.config.publicOrigin}${DEMO_SHOP_WEBHOOK_PATH}`, { production: ctx.config.nodeEnv === 'production' });
  if (!url) throw new Error('the demo shop’s webhook URL is refused: check PUBLIC_ORIGIN');
  const secret = newSigningSecret();
  const endpoint: WebhookEndpoint = {
    id: newId('we'),
    ...scope,
    url,
    description: `demo shop (${mode})`,
    enabledEvents: [...DEMO_SHOP_EVENTS],
    secretPrefix: secretPrefixOf(secret),
    status: 'enabled',
    createdAt: now,
    disabledAt: null,
  };
  await insertEndpoint(tx, endpoint, sealSecret(ctx.config.keyring, endpoint.id, secret));
  await recordAudit(tx, {
    event: 'merchant.webhook_endpoint_created',
    details: { merchantId: merchant.id, mode, endpointId: endpoint.id, host: new URL(url).host, demoShop: true },
    occurredAt: now,
  });
  return secret;
}

/**
 * The shop returns its buyers to this server's origin, which a start with another PORT or
 * PUBLIC_ORIGIN changes: the merchant's one return origin follows it, or every payment's return
 * URL would be refused. A database seeded before the shop had a live mode gets both modes here.
 */
async function followStart(ctx: AppContext, tx: Tx, merchant: Merchant, now: Date): Promise<Merchant> {
  const origin = ctx.config.publicOrigin;
  const originFollowed = merchant.returnOrigins.length === 1 && merchant.returnOrigins[0] === origin;
  if (originFollowed && merchant.testModeEnabled && merchant.liveModeEnabled) return merchant;
  const updated = await updateMerchantSettings(tx, {
    ...merchant,
    returnOrigins: [origin],
    testModeEnabled: true,
    liveModeEnabled: true,
    updatedAt: now,
  });
  return updated ?? merchant;
}

/**
 * The demo shop's keys and webhook secrets for this process, one pair per mode, or null when the
 * demo merchant is not in the database (DEMO_DATA off, or not seeded yet). The merchant's row is
 * locked: two calls at once end with one key and one endpoint per mode, not two of each.
 */
export async function demoShopCredentials(ctx: AppContext): Promise<DemoShopCredentials | null> {
  // A live key of the demo shop in production would take real money: the shop is never mounted
  // there (http/demo-shop.ts), and this refuses too, whoever calls it.
  if (ctx.config.nodeEnv === 'production') return null;
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const locked = await lockMerchant(tx, DEMO_SHOP_MERCHANT_ID);
    if (locked?.status !== 'active') return null;
    const merchant = await followStart(ctx, tx, locked, now);
    const rotate = async (mode: ApiKeyMode): Promise<DemoShopModeCredentials> => ({
      secretKey: await rotateKey(ctx, tx, merchant, mode, now),
      webhookSecret: await rotateEndpoint(ctx, tx, merchant, mode, now),
    });
    // One after the other on the one transaction: test first, then live.
    const test = await rotate('test');
    return { test, live: await rotate('live') };
  });
}
