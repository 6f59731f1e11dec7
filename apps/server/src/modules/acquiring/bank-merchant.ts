import { DEMO_GUEST_PAYMENTS_MERCHANT_ID } from '../../config.js';
import type { AppContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import type { DemoSeeder } from '../../demo/seeder.js';
import { findDemoStaff } from '../staff/index.js';
import { insertMerchant } from './acquiring.repo.js';
import { checkMerchantFields } from './merchant-fields.js';

/**
 * The bank's own merchant for guests' card payments to providers (issue 16 item 5,
 * payments/guest). In production staff create it in the back office like any merchant (live mode,
 * MDR 0, the bank's origin among the return origins) and name it in GUEST_PAYMENTS_MERCHANT_ID; the
 * demo seeds one under the default id, created by the demo admin.
 */

// MCC 4900: utilities, electric, gas, water, sanitary — the catalogue's main business.
const BANK_MERCHANT_MCC = '4900';
const BANK_MERCHANT_DISPLAY_NAME = 'KASSA PAYMENTS';
// The bank's own account for card takings; never paid out to (payouts.ts skips this merchant).
const BANK_MERCHANT_IBAN = 'KZ86125KZT5004100100';

export async function insertBankMerchant(ctx: AppContext, tx: Tx, input: { id: string; staffId: string }): Promise<void> {
  const checked = checkMerchantFields(
    {
      legalName: ctx.config.bank.name.ru,
      bin: ctx.config.bank.bin,
      mcc: BANK_MERCHANT_MCC,
      settlementIban: BANK_MERCHANT_IBAN,
      returnOrigins: [ctx.config.publicOrigin],
      testModeEnabled: false,
      liveModeEnabled: true,
    },
    { allowLocalHttp: ctx.config.nodeEnv !== 'production' },
  );
  if (!checked.ok)
    throw new Error(`the bank merchant's fields are refused: ${checked.failures.map((failure) => failure.pointer).join(', ')}`);
  const now = ctx.clock.now();
  const inserted = await insertMerchant(tx, {
    id: input.id,
    ...checked.fields,
    displayName: BANK_MERCHANT_DISPLAY_NAME,
    mdrBps: 0,
    status: 'active',
    statusReason: null,
    createdByStaffId: input.staffId,
    createdAt: now,
    updatedAt: now,
  });
  if (!inserted) throw new Error('the bank merchant’s BIN is taken by another merchant');
}

export const bankMerchantDemoSeeder: DemoSeeder<null> = {
  name: 'acquiring.guest-payments-merchant',
  prepare: async () => null,
  async write(ctx, tx) {
    const admin = (await findDemoStaff(tx)).find((member) => member.role === 'admin');
    if (!admin) throw new Error('the bank merchant is seeded after the demo staff (demo/seed.ts)');
    await insertBankMerchant(ctx, tx, { id: DEMO_GUEST_PAYMENTS_MERCHANT_ID, staffId: admin.id });
  },
};
