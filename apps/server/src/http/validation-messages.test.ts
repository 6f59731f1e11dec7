import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

// Bad input is answered in the caller's language, field by field, never with the validator's
// English or a raw pattern (issue 12 item 2; the mission's "a clear RFC 9457 error").

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function fieldErrors(language: string, payload: Record<string, unknown>): Promise<Array<{ pointer: string; detail: string }>> {
  const answer = await t.app.inject({ method: 'POST', url: '/api/v1/transfers', headers: { 'accept-language': language }, payload });
  expect(answer.statusCode).toBe(400);
  expect(answer.headers['content-type']).toContain('application/problem+json');
  return answer.json().errors;
}

describe('validation messages', () => {
  it('says what is wrong with each field in Kazakh, Russian and English, without patterns or Ajv words', async () => {
    const payload = { kind: 'own', sourceAccountId: 'op_not-an-account', amountMinor: -5, currency: 'KZT', extra: 1 };
    const kk = await fieldErrors('kk', payload);
    expect(kk).toEqual(expect.arrayContaining([{ pointer: '/extra', detail: 'Белгісіз өріс «extra»' }]));
    const ru = await fieldErrors('ru', { kind: 'own', sourceAccountId: 'op_x', amountMinor: 100, currency: 'KZT' });
    expect(ru).toEqual([{ pointer: '/sourceAccountId', detail: 'Неверный формат' }]);
    const en = await fieldErrors('en', {
      kind: 'own',
      sourceAccountId: 'acc_0123456789abcdef0123456789abcdef',
      amountMinor: 0,
      currency: 'KZT',
    });
    expect(en.map((error) => error.detail)).toContain('The value is too small');
    for (const error of [...kk, ...ru, ...en]) {
      expect(error.detail).not.toMatch(/must|\^|\$|pattern/);
    }
  });

  it('names a missing field as one to fill in', async () => {
    const errors = await fieldErrors('ru', { kind: 'own', amountMinor: 100, currency: 'KZT' });
    expect(errors).toContainEqual({ pointer: '/sourceAccountId', detail: 'Заполните это поле' });
  });
});
