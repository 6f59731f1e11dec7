import type { FastifyInstance } from 'fastify';
import { staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { seedDemoCatalogue } from './demo.js';

/**
 * Providers made by staff through the back office's API, for tests (catalogue.admin.test.ts and
 * the staff-secrets test). The legal details are the kindergarten's of the demo catalogue (well
 * formed: a legal entity's BIN with its check digit, a KZ IBAN with mod-97 check digits); a second
 * set is for settlement changes.
 */

export const TEST_SETTLEMENT = { legalName: 'ГККП «Ясли-сад № 12 «Балапан»', bin: '190140003331', settlementIban: 'KZ54826KZT7000022334' };
export const OTHER_SETTLEMENT = { legalName: 'ТОО «Онай»', bin: '070340001110', settlementIban: 'KZ04914KZT5000077889' };
export const TEST_ENDPOINT_SECRET = 'psk_test_0f3a9c1e7b5d4f2a8c6e';

let serial = 0;

/** The demo catalogue's sections (and providers), pointed at an address nothing listens on: no test here calls a provider. */
export async function seedCatalogueSections(app: FastifyInstance): Promise<void> {
  await seedDemoCatalogue(app.ctx, 'http://127.0.0.1:9');
}

/** An ad-hoc provider's definition as the back office sends it: one account field, 100–50 000 ₸, 1 % capped at 300 ₸. */
export function providerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    slug: `test-provider-${process.pid}-${serial}`,
    categoryId: 'education',
    name: { ru: 'Детский сад «Айгөлек»', kk: '«Айгөлек» балабақшасы', en: 'Aigolek kindergarten' },
    keywords: 'садик, айголек',
    logo: { text: 'АЙ', color: '#2f855a' },
    ...TEST_SETTLEMENT,
    mode: 'ad-hoc',
    fields: [
      {
        name: 'account',
        label: { ru: 'Номер договора', kk: 'Шарт нөмірі', en: 'Contract number' },
        hint: null,
        kind: 'digits',
        minLength: 6,
        maxLength: 10,
        pattern: null,
        checkDigit: null,
        phonePrefixes: null,
        main: true,
      },
    ],
    amountRule: { kind: 'any', minMinor: 10_000, maxMinor: 5_000_000 },
    feeRule: { fixedMinor: 0, percentBasisPoints: 100, capMinor: 30_000 },
    endpointUrl: 'https://billing.aigolek.example.kz/kassa',
    endpointSecret: TEST_ENDPOINT_SECRET,
    ...overrides,
  };
}

/** Creates a provider as `admin` and returns its id. */
export async function createTestProvider(app: FastifyInstance, admin: TestStaff, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/staff/v1/payment-providers',
    headers: staffHeaders(admin),
    payload: providerBody(overrides),
  });
  if (created.statusCode !== 201) throw new Error(`provider: ${created.statusCode} ${created.body}`);
  return (created.json() as { id: string }).id;
}
