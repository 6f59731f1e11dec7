import type { DemoSeeder } from '../../demo/seeder.js';
import { DEMO_CUSTOMERS, findCustomerByPhone } from '../identity/index.js';
import { listAccountsByOwner } from '../ledger/index.js';
import { depositFromSettlement } from './accounts.service.js';

// 250 000,00 ₸ on every demo account: enough to try every transfer, far below the limits.
const DEMO_BALANCE_MINOR = 25_000_000n;

/** Runs after identity.customers in the same transaction, so it sees the accounts just opened. */
export const accountsDemoSeeder: DemoSeeder<null> = {
  name: 'accounts.funding',
  async prepare() {
    return null;
  },
  async write(_ctx, tx) {
    for (const demo of DEMO_CUSTOMERS) {
      const customer = await findCustomerByPhone(tx, demo.phone);
      if (!customer) continue;
      for (const account of await listAccountsByOwner(tx, customer.id)) {
        await depositFromSettlement(tx, account, DEMO_BALANCE_MINOR, 'Demo deposit');
      }
    }
  },
};
