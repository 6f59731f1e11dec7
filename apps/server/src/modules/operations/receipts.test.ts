import { formatOperationReference } from '@kassa/format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerCustomer, web } from '../../../test/customers.js';
import { createTestApp, type TestApp, testConfig } from '../../../test/harness.js';
import { buildApp } from '../../app.js';
import { qrMatrix, qrSvg } from '../../shared/qr.js';
import { checkLedgerInvariants } from '../ledger/index.js';
import { type DocumentsScenario, documentsScenario, OTHER_BANK_IBAN } from './documents.fixtures.js';

// Every transfer to someone else asks for its code; the receipts read here are many for one customer.
const ENV = { SCA_LOW_VALUE_MAX_MINOR: '0', RATE_LIMIT_STATEMENTS_PER_CUSTOMER_PER_MINUTE_MAX: '1000' };
let t: TestApp;
let s: DocumentsScenario;
beforeAll(async () => {
  t = await createTestApp({ env: ENV });
  s = await documentsScenario(t.app);
}, 60_000);
afterAll(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
  await t.close();
});

const INTERNAL_ID = /\b(acc|cus|ses|dev|hld)_[0-9a-f]{6,}/;
const NBSP = /[\u00a0\u202f]/g;

function receipt(operationId: string, who: DocumentsScenario['payer'], query: string) {
  return t.app.inject({ url: `/api/v1/operations/${operationId}/receipt?${query}`, headers: web(who) });
}

/** The rows of an HTML receipt or check page, label → value, spaces made plain. */
function rowsOf(html: string): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const match of html.matchAll(/<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><\/tr>/g)) {
    rows[match[1] ?? ''] = (match[2] ?? '')
      .replace(NBSP, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"');
  }
  return rows;
}

function checkLink(html: string): string {
  const link = /<a href="(http[^"]+\/r\/([A-Za-z0-9_-]{22}))">/.exec(html);
  if (!link?.[1]) throw new Error('no check link in the receipt');
  return link[1];
}

const pathOf = (url: string) => new URL(url).pathname;

describe('receipts', () => {
  it("prints the payer's receipt with payer, payee, masked accounts, amount, fee, total, status, time, number and the bank", async () => {
    const html = (await receipt(s.iban.id, s.payer, 'format=html&lang=ru')).body;
    const rows = rowsOf(html);
    expect(rows).toMatchObject({
      'Номер операции': formatOperationReference(s.iban.id),
      Вид: 'Перевод по IBAN',
      Статус: 'Отправлена в другой банк',
      Отправитель: 'Динара С.',
      'Счёт списания': `Текущий счёт ${s.current.iban.slice(0, 4)} •••• ${s.current.iban.slice(-4)}`,
      Получатель: 'ТОО Ромашка',
      'Счёт получателя': `KZ86 •••• ${OTHER_BANK_IBAN.slice(-4)}`,
      Сумма: '100,00 ₸',
      Комиссия: '150,00 ₸',
      'Итого списано': '250,00 ₸',
      'Код назначения платежа': '119',
      Назначение: 'Оплата по счёту № 17',
    });
    expect(rows['Дата и время (Алматы)']).toMatch(/2\d{3}/);
    expect(html).toContain('АО «Kassa»');
    expect(html).toContain('БИК KSSAKZKA · БИН 260340001724');
    expect(html).toContain('г. Алматы');
    expect(html).not.toContain(s.current.iban);
    expect(html).not.toMatch(INTERNAL_ID);
  });

  it('gives the payee a receipt without the fee or the account the money left', async () => {
    const rows = rowsOf((await receipt(s.phone.id, s.payee, 'format=html&lang=en')).body);
    expect(rows).toMatchObject({ Type: 'Transfer by phone number', Status: 'Completed', From: 'Динара С.', To: 'Александр К.' });
    expect(rows).not.toHaveProperty('Fee');
    expect(rows).not.toHaveProperty('Debited account');
    expect(rows['Payee phone']).toMatch(/^\+7 \d{3} \*\*\* \*\* \d{2}$/);
  });

  it('says in every language that a declined operation was declined, and why', async () => {
    const texts = {
      ru: ['Отклонена', 'Причина отказа', 'Итого списано'],
      kk: ['Қабылданбады', 'Бас тарту себебі', 'Барлығы есептен шығарылды'],
      en: ['Declined', 'Reason declined', 'Total debited'],
    } as const;
    for (const [language, [status, reasonLabel, totalLabel]] of Object.entries(texts)) {
      const html = (await receipt(s.declined.id, s.payer, `format=html&lang=${language}`)).body;
      expect(html).toContain(`<span class="status bad">${status}</span>`);
      const rows = rowsOf(html);
      expect(rows[reasonLabel]?.length).toBeGreaterThan(5);
      // Nothing was debited: no total, as an operation that moved money has.
      expect(rows).not.toHaveProperty(totalLabel);
      expect(rowsOf((await receipt(s.own.id, s.payer, `format=html&lang=${language}`)).body)).toHaveProperty(totalLabel);
      expect(html).not.toMatch(INTERNAL_ID);
    }
  });

  it('names an own account by its kind, never by its id, in ru, kk and en', async () => {
    const kinds = { ru: 'Электронный кошелёк', kk: 'Электрондық әмиян', en: 'E-wallet' };
    for (const [language, wallet] of Object.entries(kinds)) {
      const html = (await receipt(s.own.id, s.payer, `format=html&lang=${language}`)).body;
      expect(html).toContain(`<td>${wallet}</td>`);
      expect(html).not.toMatch(INTERNAL_ID);
      expect(html).not.toContain('transfer.own');
    }
  });

  it('carries a QR code of its check link, as inline SVG and with a CSP that allows no script and no other style', async () => {
    const response = await receipt(s.phone.id, s.payer, 'format=html&lang=kk');
    const link = checkLink(response.body);
    expect(link.startsWith(`${t.app.ctx.config.publicOrigin}/r/`)).toBe(true);
    expect(response.body).toContain(qrSvg(await qrMatrix(link), 132, 'Түбіртекті тексеру QR-коды'));
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
    // The same receipt downloaded again carries the same code.
    expect(checkLink((await receipt(s.phone.id, s.payer, 'format=html&lang=ru')).body)).toBe(link);
  });

  it('is a PDF with the QR code and page numbers, for its parties only', async () => {
    const pdf = await receipt(s.iban.id, s.payer, 'format=pdf&lang=kk');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.toString('latin1')).toContain(`/URI (${t.app.ctx.config.publicOrigin}/r/`);
    const stranger = await registerCustomer(t.app);
    expect((await receipt(s.iban.id, stranger, 'format=pdf')).statusCode).toBe(404);
  });
});

describe('the receipt check page /r/<code>', () => {
  it('confirms a real receipt without a login and shows what the receipt shows, masked as it is', async () => {
    const html = (await receipt(s.iban.id, s.payer, 'format=html&lang=ru')).body;
    const page = await t.app.inject({ url: `${pathOf(checkLink(html))}?lang=ru` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Квитанция подлинная: её выдал АО «Kassa».');
    expect(rowsOf(page.body)).toEqual(rowsOf(html));
    expect(page.body).not.toContain(s.current.iban);
    expect(page.body).not.toMatch(INTERNAL_ID);
    expect(page.body).not.toContain('<script');
    expect(String(page.headers['content-security-policy'])).toMatch(/^default-src 'none'; style-src 'sha256-/);
  });

  it("shows the payee's receipt as the payee's: no fee, no source account", async () => {
    const html = (await receipt(s.phone.id, s.payee, 'format=html&lang=en')).body;
    const page = await t.app.inject({ url: pathOf(checkLink(html)), headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('This receipt is genuine, issued by Kassa JSC.');
    expect(rowsOf(page.body)).toEqual(rowsOf(html));
    expect(rowsOf(page.body)).not.toHaveProperty('Fee');
  });

  it('answers 404 with a warning for a forged code, one altered by a character, and one of another operation altered', async () => {
    const real = pathOf(checkLink((await receipt(s.phone.id, s.payer, 'format=html')).body));
    const other = pathOf(checkLink((await receipt(s.own.id, s.payer, 'format=html')).body));
    const alter = (path: string) => {
      const last = path.at(-1) === 'A' ? 'B' : 'A';
      return `${path.slice(0, -1)}${last}`;
    };
    const texts = {
      ru: 'Квитанция не найдена — возможно, она поддельная.',
      kk: 'Түбіртек табылмады — ол жалған болуы мүмкін.',
      en: 'Receipt not found — it may be forged.',
    };
    for (const [language, text] of Object.entries(texts)) {
      for (const path of ['/r/AAAAAAAAAAAAAAAAAAAAAA', alter(real), alter(other), '/r/short', '/r/', '/r/a/b']) {
        const page = await t.app.inject({ url: `${path}?lang=${language}` });
        expect(page.statusCode, path).toBe(404);
        expect(page.headers['content-type']).toContain('text/html');
        expect(page.body).toContain(text);
        expect(page.body).toContain('595');
      }
    }
    expect((await t.app.inject({ url: real })).statusCode).toBe(200);
  });

  it('still verifies the codes printed before SECRET_KEY was rotated, and the new ones', async () => {
    const before = pathOf(checkLink((await receipt(s.phone.id, s.payer, 'format=html')).body));
    // The same database with a new current key and the old one second (docs/OPERATIONS.md "Keys and rotation").
    const old = `k0:${t.app.ctx.config.keyring.current.secret.toString('hex')}`;
    const rotated = await buildApp(testConfig({ ...ENV, SECRET_KEY: `k1:${'ab'.repeat(32)},${old}` }), { db: t.db });
    try {
      await rotated.ready();
      const html = await rotated.inject({ url: `/api/v1/operations/${s.phone.id}/receipt?format=html`, headers: web(s.payer) });
      expect(html.statusCode, html.body).toBe(200);
      const after = pathOf(checkLink(html.body));
      expect(after).not.toBe(before);
      for (const path of [before, after]) expect((await rotated.inject({ url: path })).statusCode, path).toBe(200);
    } finally {
      await rotated.close();
    }
  });

  it('is counted per IP like the other look-ups', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_LOOKUPS_PER_IP_PER_MINUTE_MAX: '3' } });
    try {
      const answers = [];
      for (let attempt = 0; attempt < 4; attempt += 1)
        answers.push((await limited.app.inject({ url: '/r/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode);
      expect(answers).toEqual([404, 404, 404, 429]);
    } finally {
      await limited.close();
    }
  });
});
