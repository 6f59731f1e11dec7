import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { iinCheckDigit } from '../identity/index.js';
import { staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';

/** Merchants for tests of any module: a fresh valid BIN each, created and given keys through the staff API. */

export const TEST_SETTLEMENT_IBAN = 'KZ86125KZT5004100100';

/** A valid BIN never used before in this process: registered 2025-01, a resident legal entity. */
export function freshBin(): string {
  for (;;) {
    const firstEleven = `25014${String(randomInt(1_000_000)).padStart(6, '0')}`;
    const check = iinCheckDigit(firstEleven);
    if (check !== null) return `${firstEleven}${check}`;
  }
}

export function merchantBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    legalName: 'ТОО «Тестовый магазин»',
    bin: freshBin(),
    mcc: '5411',
    settlementIban: TEST_SETTLEMENT_IBAN,
    returnOrigins: ['https://shop.example.kz'],
    testModeEnabled: true,
    liveModeEnabled: true,
    ...overrides,
  };
}

export async function createTestMerchant(app: FastifyInstance, admin: TestStaff, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/staff/v1/merchants',
    headers: staffHeaders(admin),
    payload: merchantBody(overrides),
  });
  if (response.statusCode !== 201) throw new Error(`merchant: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

export async function createTestKey(
  app: FastifyInstance,
  admin: TestStaff,
  merchantId: string,
  mode: 'test' | 'live' = 'test',
): Promise<{ keyId: string; secret: string }> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/staff/v1/merchants/${merchantId}/api-keys`,
    headers: staffHeaders(admin),
    payload: { mode },
  });
  if (response.statusCode !== 201) throw new Error(`api key: ${response.statusCode} ${response.body}`);
  const body = response.json() as { apiKey: { id: string }; secret: string };
  return { keyId: body.apiKey.id, secret: body.secret };
}
