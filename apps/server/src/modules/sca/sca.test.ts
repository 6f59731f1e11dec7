import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import type { RequestMeta } from '../../shared/request-meta.js';
import { codePolicy } from './code-caps.js';
import { tryIssueCode } from './sca.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const meta: RequestMeta = { ip: '10.1.2.3', userAgent: null, requestId: 'sca-test', language: 'en' };

describe('issueCode (SECURITY.md 33)', () => {
  it('issues no challenge for a phone outside the allowed calling codes, with an SMS or without, and audits the refusal', async () => {
    const phone = '+447911123456';
    for (const smsText of [null, (code: string) => `Code ${code}`]) {
      const result = await t.db.transaction((tx) =>
        tryIssueCode(
          tx,
          { keyring: t.app.ctx.config.keyring, now: t.clock.now() },
          { purpose: 'registration', phone, customerId: null, details: { phone }, smsText, meta, policy: codePolicy(t.app.ctx.config) },
        ),
      );
      expect(result).toEqual({ ok: false, reason: 'country-not-allowed', allowedCountryCodes: ['7'] });
    }
    const { rows: challenges } = await t.db.query('SELECT id FROM sca_challenges WHERE phone = $1', [phone]);
    expect(challenges).toHaveLength(0);
    const { rows: outbox } = await t.db.query("SELECT id FROM outbox_messages WHERE payload->>'to' = $1", [phone]);
    expect(outbox).toHaveLength(0);
    const { rows: audited } = await t.db.query("SELECT seq FROM audit_events WHERE event = 'code.country_refused' AND request_id = $1", [
      meta.requestId,
    ]);
    expect(audited).toHaveLength(2);
  });
});
