import type { Queryable } from '../../db/database.js';
import type { DemoSeeder } from '../../demo/seeder.js';
import { insertPreparedCustomer, type PreparedCustomer, prepareCustomer } from './customers.service.js';
import { type Customer, findCustomerByPhone } from './identity.repo.js';
import { makeIin } from './iin.js';
import { LEGAL_DOCUMENTS_VERSION } from './legal-documents.js';

/** Listed in the README. Known passwords: refused in production along with all demo data. Names surname first, as registration asks. */
export const DEMO_PASSWORD = 'Kassa-Demo-2026!';

export const DEMO_CUSTOMERS = [
  { phone: '+77010000001', fullName: 'Бекова Айгерим', birthDate: '1994-03-12', sex: 'female', agreements: ['emoney'], language: 'ru' },
  { phone: '+77010000002', fullName: 'Тулегенов Ерлан', birthDate: '1987-11-02', sex: 'male', agreements: ['banking'], language: 'kk' },
  {
    phone: '+77010000003',
    fullName: 'Smagulova Dana',
    birthDate: '1999-07-25',
    sex: 'female',
    agreements: ['emoney', 'banking'],
    language: 'en',
  },
] as const;

export const identityDemoSeeder: DemoSeeder<PreparedCustomer[]> = {
  name: 'identity.customers',
  async prepare(ctx) {
    return Promise.all(
      DEMO_CUSTOMERS.map((demo, index) => {
        let iin: string | null = null;
        for (let serial = 100 + index; !iin; serial += 1) iin = makeIin(demo.birthDate, demo.sex, serial);
        return prepareCustomer(ctx, {
          phone: demo.phone,
          iin,
          fullName: demo.fullName,
          password: DEMO_PASSWORD,
          agreements: [...demo.agreements],
          documentsVersion: LEGAL_DOCUMENTS_VERSION,
          language: demo.language,
          meta: null,
        });
      }),
    );
  },
  async write(ctx, tx, customers) {
    for (const customer of customers) await insertPreparedCustomer(ctx, tx, customer);
  },
};

/**
 * The demo customers a database holds (not closed). Production refuses to start on such a
 * database (SECURITY.md 39): their password is published in the README.
 */
export async function findDemoCustomers(db: Queryable): Promise<Customer[]> {
  const found = await Promise.all(DEMO_CUSTOMERS.map((demo) => findCustomerByPhone(db, demo.phone)));
  return found.filter((customer): customer is Customer => customer !== null);
}
