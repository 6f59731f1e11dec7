import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer, uniquePhone, web } from '../../test/customers.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

// The route plugins are typed by their schemas (typed-routes.ts): what the schemas say is what the
// OpenAPI document publishes, and what the handlers send is what the schemas say.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

type JsonSchema = { type?: string; enum?: string[]; properties?: Record<string, JsonSchema>; items?: JsonSchema };
type Document = {
  paths: Record<
    string,
    Record<
      string,
      {
        responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
        parameters?: { name: string; schema: JsonSchema }[];
      }
    >
  >;
};

function answerSchema(document: Document, path: string, method: string, status: string): JsonSchema {
  const schema = document.paths[path]?.[method]?.responses[status]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`no ${status} JSON answer for ${method} ${path}`);
  return schema;
}

function property(schema: JsonSchema, ...names: string[]): JsonSchema {
  let current = schema;
  for (const name of names) {
    const next = name === '[]' ? current.items : current.properties?.[name];
    if (!next) throw new Error(`no property ${names.join('.')}`);
    current = next;
  }
  return current;
}

describe('route schemas', () => {
  it('publish the values of each enumeration of the session, device and account answers in the OpenAPI document', () => {
    const document = t.app.swagger() as unknown as Document;
    const session = answerSchema(document, '/api/v1/auth/session', 'get', '200');
    expect(property(session, 'method')).toEqual({ type: 'string', enum: ['password_sms', 'pin', 'webauthn'] });
    expect(property(session, 'customer', 'language')).toEqual({ type: 'string', enum: ['ru', 'kk', 'en'] });
    expect(property(session, 'customer', 'agreements', '[]')).toEqual({ type: 'string', enum: ['emoney', 'banking'] });
    const sessions = answerSchema(document, '/api/v1/sessions', 'get', '200');
    expect(property(sessions, 'items', '[]', 'client').enum).toEqual(['web', 'mobile']);
    const devices = answerSchema(document, '/api/v1/devices', 'get', '200');
    expect(property(devices, 'items', '[]', 'kind').enum).toEqual(['pin', 'webauthn']);
    expect(property(devices, 'items', '[]', 'status').enum).toEqual(['active', 'revoked']);
    const accounts = answerSchema(document, '/api/v1/accounts', 'get', '200');
    expect(property(accounts, 'items', '[]', 'kind').enum).toEqual(['customer_current', 'ewallet']);
    expect(property(accounts, 'items', '[]', 'status').enum).toEqual(['active', 'frozen', 'closed']);
    expect(property(accounts, 'items', '[]', 'currency').enum).toContain('KZT');
    const statement = document.paths['/api/v1/accounts/{accountId}/statement']?.get;
    expect(Object.keys(statement?.responses['200']?.content ?? {})).toEqual(['application/pdf', 'text/csv']);
  });

  it('send the instants of a code step as RFC 3339 strings', async () => {
    const started = await t.app.inject({ method: 'POST', url: '/api/v1/registration', payload: { phone: uniquePhone() } });
    expect(started.statusCode).toBe(201);
    const body = started.json();
    expect(body.expiresAt).toBe(new Date(body.expiresAt).toISOString());
    expect(body.resendAvailableAt).toBe(new Date(body.resendAvailableAt).toISOString());
    expect(new Date(body.expiresAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
  });

  it('answer a 204 with no body and no content type', async () => {
    const who = await registerCustomer(t.app);
    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: web(who) });
    expect(logout.statusCode).toBe(204);
    expect(logout.body).toBe('');
    expect(logout.headers['content-type']).toBeUndefined();
    expect(logout.headers['content-length']).toBeUndefined();
  });

  it('send a statement as the file it is, and refuse a language the schema does not list', async () => {
    const who = await registerCustomer(t.app, { agreement: 'banking' });
    const [account] = (await t.app.inject({ url: '/api/v1/accounts', headers: web(who) })).json().items;
    expect(account.kind).toBe('customer_current');
    const day = new Date(t.clock.now().getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
    const url = `/api/v1/accounts/${account.id}/statement?from=${day}&to=${day}`;
    const csv = await t.app.inject({ url: `${url}&format=csv&lang=en`, headers: web(who) });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    // The text itself, not the JSON string of it.
    expect(csv.body.replace('\ufeff', '').startsWith('Account statement\r\n')).toBe(true);
    const pdf = await t.app.inject({ url, headers: web(who) });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const german = await t.app.inject({ url: `${url}&format=csv&lang=de`, headers: web(who) });
    expect(german.statusCode).toBe(400);
    expect(german.headers['content-type']).toContain('application/problem+json');
    expect(german.json().errors[0].pointer).toBe('/querystring/lang');
  });
});
