import type { FastifyInstance } from 'fastify';
import { allSms } from '../../../test/customers.js';
import { staffHeaders, type TestStaff } from '../staff/staff.fixtures.js';

/** The steps of a call through the staff API, for the calls' tests (and the e2e journey's shape). */

export async function openCall(app: FastifyInstance, staff: TestStaff, callerPhone?: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/staff/v1/calls',
    headers: staffHeaders(staff),
    payload: { channel: 'phone', ...(callerPhone ? { callerPhone } : {}) },
  });
  if (response.statusCode !== 201) throw new Error(`open call: ${response.statusCode} ${response.body}`);
  return (response.json() as { id: string }).id;
}

export function lookup(app: FastifyInstance, staff: TestStaff, callId: string, payload: Record<string, string>) {
  return app.inject({ method: 'POST', url: `/api/staff/v1/calls/${callId}/lookup`, headers: staffHeaders(staff), payload });
}

export function sendCode(app: FastifyInstance, staff: TestStaff, callId: string) {
  return app.inject({ method: 'POST', url: `/api/staff/v1/calls/${callId}/verification`, headers: staffHeaders(staff) });
}

export function confirmCode(app: FastifyInstance, staff: TestStaff, callId: string, code: string) {
  return app.inject({
    method: 'POST',
    url: `/api/staff/v1/calls/${callId}/verification/confirm`,
    headers: staffHeaders(staff),
    payload: { code },
  });
}

export function closeCall(app: FastifyInstance, staff: TestStaff, callId: string) {
  return app.inject({ method: 'POST', url: `/api/staff/v1/calls/${callId}/close`, headers: staffHeaders(staff) });
}

export function callFile(app: FastifyInstance, staff: TestStaff, callId: string) {
  return app.inject({ url: `/api/staff/v1/calls/${callId}/customer`, headers: staffHeaders(staff) });
}

/** Closes every call of the staff member not closed yet (a staff member may have OPEN_CALLS_PER_STAFF_MAX at once). */
export async function closeOpenCalls(app: FastifyInstance, staff: TestStaff): Promise<void> {
  const listed = await app.inject({ url: '/api/staff/v1/calls', headers: staffHeaders(staff) });
  for (const call of (listed.json() as { items: Array<{ id: string }> }).items) await closeCall(app, staff, call.id);
}

/** The SMS texts of call codes delivered to this phone, oldest first. */
export async function callCodeTexts(app: FastifyInstance, phone: string): Promise<string[]> {
  return (await allSms(app, phone)).filter((text) => /Kassa/.test(text) && /\d{6}/.test(text) && !/^\S+: (Код|Code)/.test(text));
}

/** The code of the newest call-code SMS to this phone. */
export async function lastCallCode(app: FastifyInstance, phone: string): Promise<string> {
  const texts = await callCodeTexts(app, phone);
  const code = /(\d{6})/.exec(texts[texts.length - 1] ?? '')?.[1];
  if (!code) throw new Error(`no call code SMS to ${phone}`);
  return code;
}

/** An operator's call on which the customer with this phone is identified by the code. */
export async function identifiedCall(app: FastifyInstance, staff: TestStaff, phone: string): Promise<string> {
  const callId = await openCall(app, staff, phone);
  const found = await lookup(app, staff, callId, { phone });
  if (found.statusCode !== 200 || !(found.json() as { exists: boolean }).exists) throw new Error(`lookup: ${found.body}`);
  const sent = await sendCode(app, staff, callId);
  if (sent.statusCode !== 202) throw new Error(`send code: ${sent.statusCode} ${sent.body}`);
  const confirmed = await confirmCode(app, staff, callId, await lastCallCode(app, phone));
  if (confirmed.statusCode !== 200) throw new Error(`confirm code: ${confirmed.statusCode} ${confirmed.body}`);
  return callId;
}
