import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LoggedIn, registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { PROBLEM_BASE } from '../../shared/problem.js';
import { createTestStaff, staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';
import { maskDetails, maskIp, maskText } from './audit.mask.js';
import { recordAuditAlone, verifyAuditChain } from './audit.service.js';

const MINUTE_MS = 60_000;

let t: TestApp;
let officer: TestStaff;
let admin: TestStaff;
let operator: TestStaff;
let customer: LoggedIn;
let other: LoggedIn;
/** The instant between the customers' registrations and the rows written after it. */
let between: Date;

beforeAll(async () => {
  t = await createTestApp();
  officer = await createTestStaff(t.app, 'security_officer');
  admin = await createTestStaff(t.app, 'admin');
  operator = await createTestStaff(t.app, 'operator');
  customer = await registerCustomer(t.app);
  other = await registerCustomer(t.app);
  t.clock.advance(5 * MINUTE_MS);
  between = t.clock.now();
  t.clock.advance(MINUTE_MS);
  // A row of the kind a contact-center call writes, with everything the export must not let out.
  await recordAuditAlone(t.db, {
    event: 'call.customer_looked_up',
    customerId: customer.customerId,
    meta: { ip: '203.0.113.77', userAgent: 'test', requestId: 'req-audit-viewer-1' },
    details: {
      staffId: operator.staffId,
      phone: customer.phone,
      iin: customer.iin,
      note: `The caller gave ${customer.phone} and IIN ${customer.iin}`,
      code: '123456',
      nested: { password: 'Steppe-Horse-Battery-42', callerPhone: customer.phone },
    },
    occurredAt: t.clock.now(),
  });
  await recordAuditAlone(t.db, {
    event: 'call.opened',
    customerId: other.customerId,
    meta: { ip: '2001:db8:85a3:12:0:8a2e:370:7334', userAgent: 'test', requestId: 'req-audit-viewer-2' },
    details: { staffId: operator.staffId, channel: 'inbound' },
    occurredAt: t.clock.now(),
  });
});
afterAll(async () => {
  await t.close();
});

type Row = { seq: string; event: string; customerId: string | null; staffId: string | null; occurredAt: string; ip: string | null };

async function search(query: string, who: TestStaff = officer): Promise<{ items: Row[]; nextCursor: string | null }> {
  const response = await t.app.inject({ url: `/api/staff/v1/audit?${query}`, headers: staffHeaders(who) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('the audit viewer', () => {
  it('filters by customer, staff member, event prefix and time', async () => {
    const byCustomer = await search(`customerId=${customer.customerId}&limit=100`);
    expect(byCustomer.items.length).toBeGreaterThan(1);
    expect(byCustomer.items.every((row) => row.customerId === customer.customerId)).toBe(true);
    expect(byCustomer.items.map((row) => row.event)).toContain('registration.completed');

    const byStaff = await search(`staffId=${operator.staffId}&limit=100`);
    expect(byStaff.items.map((row) => row.event).sort()).toEqual(
      expect.arrayContaining(['call.customer_looked_up', 'call.opened', 'staff.login.succeeded']),
    );
    expect(byStaff.items.every((row) => row.staffId === operator.staffId)).toBe(true);

    const calls = await search('event=call.&limit=100');
    expect(calls.items.map((row) => row.event).sort()).toEqual(['call.customer_looked_up', 'call.opened']);
    // A prefix is a prefix, not a pattern: "_" matches only itself.
    expect((await search('event=call_&limit=100')).items).toEqual([]);

    const later = await search(`from=${encodeURIComponent(between.toISOString())}&limit=100`);
    expect(later.items.map((row) => row.event).sort()).toEqual(['call.customer_looked_up', 'call.opened']);
    const earlier = await search(`to=${encodeURIComponent(between.toISOString())}&customerId=${other.customerId}&limit=100`);
    expect(earlier.items.length).toBeGreaterThan(0);
    expect(earlier.items.every((row) => row.occurredAt < between.toISOString())).toBe(true);
  });

  it('pages newest first with a cursor, each row once, within the page size limit', async () => {
    const everything = await search('limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Row[]; nextCursor: string | null } = await search(`limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((row) => row.seq));
      cursor = page.nextCursor;
    } while (cursor && seen.length < everything.items.length + 3);
    const everySeq = everything.items.map((row) => row.seq);
    expect(seen.slice(0, everySeq.length)).toEqual(everySeq);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.map(BigInt)).toEqual([...seen.map(BigInt)].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));

    const tooMany = await t.app.inject({ url: '/api/staff/v1/audit?limit=101', headers: staffHeaders(officer) });
    expect(tooMany.statusCode).toBe(400);
  });

  it('masks phones, IINs and secrets on the screen, and keeps the IP address', async () => {
    const response = await t.app.inject({ url: `/api/staff/v1/audit?event=call.customer_looked_up`, headers: staffHeaders(admin) });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(customer.phone);
    expect(response.body).not.toContain(customer.phone.slice(1));
    expect(response.body).not.toContain(customer.iin);
    expect(response.body).not.toContain('123456');
    expect(response.body).not.toContain('Steppe-Horse');
    const [row] = response.json().items;
    expect(row.ip).toBe('203.0.113.77');
    expect(row.details).toMatchObject({ code: '[redacted]', iin: `********${customer.iin.slice(-4)}`, nested: { password: '[redacted]' } });
  });

  it('exports the same search as CSV with no IIN, no full phone, no secret and networks for addresses, and audits the export', async () => {
    const response = await t.app.inject({ url: `/api/staff/v1/audit.csv?staffId=${operator.staffId}`, headers: staffHeaders(officer) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['x-kassa-export-truncated']).toBe('false');
    const csv = response.body;
    expect(csv).toContain('call.customer_looked_up');
    expect(csv).toContain(`+7 ${customer.phone.slice(2, 5)} *** ** ${customer.phone.slice(-2)}`);
    for (const leak of [customer.phone, customer.phone.slice(1), customer.iin, '123456', 'Steppe-Horse', '203.0.113.77', '8a2e:370:7334']) {
      expect(csv, leak).not.toContain(leak);
    }
    expect(csv).toContain('203.0.113.0/24');
    expect(csv).toContain('2001:db8:85a3::/48');

    const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'audit.exported' ORDER BY seq DESC LIMIT 1",
    );
    expect(rows[0]?.details).toMatchObject({ staffId: officer.staffId, filter: { staffId: operator.staffId }, truncated: false });
    expect(Number(rows[0]?.details.rows)).toBeGreaterThanOrEqual(3);
  });

  it('is closed to an operator (403, audited) and to a customer session (401)', async () => {
    for (const url of ['/api/staff/v1/audit', '/api/staff/v1/audit.csv']) {
      const response = await t.app.inject({ url, headers: staffHeaders(operator) });
      expect(response.statusCode).toBe(403);
      expect(response.json().type).toBe(`${PROBLEM_BASE}staff-forbidden`);
    }
    expect((await t.app.inject({ method: 'POST', url: '/api/staff/v1/audit/verify', headers: staffHeaders(operator) })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: '/api/staff/v1/audit', headers: web(customer) })).statusCode).toBe(401);
  });

  it('verifies the chain, then finds the first broken link of a row edited behind its back', async () => {
    const verify = () => t.app.inject({ method: 'POST', url: '/api/staff/v1/audit/verify', headers: staffHeaders(officer) });
    const whole = await verify();
    expect(whole.statusCode).toBe(200);
    expect(whole.json()).toMatchObject({ ok: true, firstBroken: null });

    const { rows } = await t.db.query<{ seq: bigint; hash: string }>(
      "SELECT seq, hash FROM audit_events WHERE event = 'call.customer_looked_up'",
    );
    const target = rows[0];
    if (!target) throw new Error('no row to tamper with');
    // The table refuses updates (a trigger): a tamperer with the owner's rights switches it off first.
    await t.db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
    await t.db.query(`UPDATE audit_events SET details = jsonb_set(details, '{note}', '"nothing happened"') WHERE seq = $1`, [target.seq]);
    await t.db.exec('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update');

    const broken = await verify();
    expect(broken.json()).toMatchObject({
      ok: false,
      firstBroken: { seq: target.seq.toString(), event: 'call.customer_looked_up', link: 'row-hash', foundHash: target.hash },
    });
    expect(broken.json().firstBroken.expectedHash).not.toBe(target.hash);
    const { rows: audited } = await t.db.query<{ details: Record<string, unknown> }>(
      "SELECT details FROM audit_events WHERE event = 'audit.verified' ORDER BY seq",
    );
    expect(audited.map((row) => row.details)).toEqual([
      expect.objectContaining({ staffId: officer.staffId, ok: true }),
      expect.objectContaining({ staffId: officer.staffId, ok: false, brokenAtSeq: target.seq.toString() }),
    ]);
  });
});

describe('the chain verification', () => {
  it('finds the newest rows removed: the head names a row the chain no longer ends with', async () => {
    const own = await createTestApp();
    try {
      for (const requestId of ['req-a-1234', 'req-b-1234']) {
        await recordAuditAlone(own.db, { event: 'keys.rewritten', meta: { requestId }, details: {}, occurredAt: own.clock.now() });
      }
      expect(await verifyAuditChain(own.db)).toMatchObject({ ok: true, count: 2 });
      await own.db.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update');
      await own.db.exec('DELETE FROM audit_events WHERE seq = (SELECT max(seq) FROM audit_events)');
      expect(await verifyAuditChain(own.db)).toMatchObject({ ok: false, brokenAtSeq: '2', firstBroken: { link: 'head', event: null } });
    } finally {
      await own.close();
    }
  });

  it('masks lone IINs and phone numbers in free text, never ids, times or short numbers', () => {
    expect(maskText('IIN 900517412345, phone +7 701 123 45 67 or 87011234567.')).toBe(
      'IIN ********2345, phone +7 701 *** ** 67 or 87011*****67.',
    );
    const id = 'cus_1234567890123456789012345678abcd';
    const kept = `${id} at 2026-05-17T10:00:00.000Z, 3 tries, 150000 tiyn, 550e8400-e29b-41d4-a716-446655440000`;
    expect(maskText(kept)).toBe(kept);
    expect(maskDetails({ username: 'Steppe-Horse-42', knownLogin: false }, { ipMasked: false })).toEqual({
      username: '[redacted]',
      knownLogin: false,
    });
    expect(maskIp('::ffff:10.1.2.3')).toBe('10.1.2.0/24');
  });
});
