import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { web } from '../../../test/customers.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { pageNumber } from '../../shared/bank-documents.js';
import { calendarDay } from '../../shared/datetime.js';
import { newId } from '../../shared/ids.js';
import { type Account, checkLedgerInvariants, getAccount, listPostings, openAccount } from '../ledger/index.js';
import { type DocumentsScenario, documentsScenario, OTHER_BANK_IBAN, PAYER_NAME } from '../operations/documents.fixtures.js';
import { depositFromSettlement } from './accounts.service.js';
import { statementDocument } from './statement-document.js';
import { statementPdf } from './statement-pdf.js';
import { buildStatement } from './statements.js';

let t: TestApp;
let s: DocumentsScenario;
let today: string;
beforeAll(async () => {
  t = await createTestApp({ env: { SCA_LOW_VALUE_MAX_MINOR: '0', RATE_LIMIT_STATEMENTS_PER_CUSTOMER_PER_MINUTE_MAX: '1000' } });
  s = await documentsScenario(t.app);
  // Postings carry the database's clock: the statement is of today in the bank's zone.
  today = calendarDay(new Date(), t.app.ctx.config.bankTimeZone);
}, 60_000);
afterAll(async () => {
  expect((await checkLedgerInvariants(t.db)).violations).toEqual([]);
  await t.close();
});

const INTERNAL_ID = /\b(acc|op|cus|ses|dev|hld)_[0-9a-f]{6,}/;
const CODES = /transfer\.(own|phone|iban)|customer_current|ewallet|\bdeposit\b/;

/** RFC 4180 fields, enough for what the statement writes (quotes doubled inside quoted fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\ufeff/, '').split('\r\n')) {
    const fields: string[] = [];
    for (const match of line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)) {
      const field = match[1] ?? '';
      fields.push(field.startsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field);
    }
    rows.push(fields);
  }
  return rows;
}

async function csv(accountId: string, who: DocumentsScenario['payer'], language: string) {
  const response = await t.app.inject({
    url: `/api/v1/accounts/${accountId}/statement?from=${today}&to=${today}&format=csv&lang=${language}`,
    headers: web(who),
  });
  expect(response.statusCode, response.body).toBe(200);
  const rows = parseCsv(response.body);
  const blank = rows.findIndex((row) => row.length === 1 && row[0] === '');
  const facts = Object.fromEntries(rows.slice(1, blank).map(([label = '', value = '']) => [label, value]));
  return {
    body: response.body,
    title: rows[0]?.[0],
    header: rows.slice(0, blank),
    facts,
    columns: rows[blank + 1],
    lines: rows.slice(blank + 2, -1),
  };
}

/** The account's postings as the ledger holds them, for the totals to be checked against. */
async function ledgerTotals(accountId: string) {
  const { items } = await listPostings(t.db, accountId, { limit: 100, cursor: null });
  const amounts = items.map((posting) => posting.amountMinor);
  return {
    credits: amounts.filter((amount) => amount > 0n).reduce((sum, amount) => sum + amount, 0n),
    debits: amounts.filter((amount) => amount < 0n).reduce((sum, amount) => sum - amount, 0n),
    closing: items[0]?.balanceAfterMinor ?? 0n,
  };
}

const decimal = (minor: bigint) =>
  `${minor < 0n ? '-' : ''}${(minor < 0n ? -minor : minor) / 100n}.${String((minor < 0n ? -minor : minor) % 100n).padStart(2, '0')}`;

describe('the account statement', () => {
  it('heads the CSV with the bank, its BIC, the holder, the masked IIN, the IBAN, the kind, the currency and the period', async () => {
    const { title, header, facts, columns } = await csv(s.current.id, s.payer, 'ru');
    expect(title).toBe('Выписка по счёту');
    expect(header[1]).toEqual(['АО «Kassa»', 'БИК KSSAKZKA · БИН 260340001724']);
    expect(header[2]?.[0]).toContain('г. Алматы');
    expect(facts['Владелец счёта']).toBe(PAYER_NAME);
    expect(facts.ИИН).toBe(`********${s.payer.iin.slice(-4)}`);
    expect(facts.IBAN).toBe(s.current.iban.match(/.{1,4}/g)?.join(' '));
    expect(facts['Вид счёта']).toBe('Текущий счёт');
    expect(facts.Валюта).toBe('KZT');
    expect(facts.Период).toMatch(/^\d{2}\.\d{2}\.\d{4} — \d{2}\.\d{2}\.\d{4}$/);
    expect(columns).toEqual(['Дата', 'Контрагент', 'Назначение', 'Сумма', 'Остаток', 'Валюта']);
  });

  it('has opening and closing balances, totals and a running balance that agree with the ledger', async () => {
    const { facts, lines } = await csv(s.current.id, s.payer, 'en');
    const ledger = await ledgerTotals(s.current.id);
    expect(facts).toMatchObject({
      'Opening balance': '0.00',
      Credits: decimal(ledger.credits),
      Debits: decimal(-ledger.debits),
      'Closing balance': decimal(ledger.closing),
    });
    // 10 000 ₸ in; 123.45 to the wallet, 1 500 by phone, 100 + 150 fee to another bank; the declined one moved nothing.
    expect(ledger).toEqual({ credits: 1_000_000n, debits: 187_345n, closing: 812_655n });
    let balance = 0n;
    for (const line of lines) {
      balance += BigInt(String(line[3]).replace('.', ''));
      expect(line[4]).toBe(decimal(balance));
      expect(line[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      expect(line[5]).toBe('KZT');
    }
    expect(lines.map((line) => line[3])).toEqual(['10000.00', '-123.45', '-1500.00', '-250.00']);
  });

  it('names each counterparty and purpose in words, never by an id or a code, in ru, kk and en', async () => {
    const expected = {
      ru: [
        ['АО «Kassa»', 'Пополнение счёта'],
        ['Электронный кошелёк', 'Перевод между своими счетами'],
        [/^Александр К\., \+7 \d{3} \*\*\* \*\* \d{2}$/, 'Перевод по номеру телефона'],
        ['ТОО Ромашка, KZ86 125K ZT50 0410 0100', /^Перевод по IBAN; Оплата по счёту № 17; в т\. ч\. комиссия 150,00\s₸$/],
      ],
      kk: [
        ['«Kassa» АҚ', 'Шотты толықтыру'],
        ['Электрондық әмиян', 'Өз шоттарыңыз арасында аударым'],
        [/^Александр К\./, 'Телефон нөмірі бойынша аударым'],
        [`ТОО Ромашка, ${OTHER_BANK_IBAN.match(/.{1,4}/g)?.join(' ')}`, /^IBAN бойынша аударым; .*оның ішінде комиссия 150,00\s₸$/],
      ],
      en: [
        ['Kassa JSC', 'Account top-up'],
        ['E-wallet', 'Transfer between own accounts'],
        [/^Александр К\./, 'Transfer by phone number'],
        [/^ТОО Ромашка, KZ86/, /^Transfer by IBAN; .*; incl\. fee ₸150\.00$/],
      ],
    } as const;
    for (const [language, rows] of Object.entries(expected)) {
      const { body, lines } = await csv(s.current.id, s.payer, language);
      expect(lines.map((line) => [line[1], line[2]])).toEqual(
        rows.map(([counterparty, purpose]) => [
          typeof counterparty === 'string' ? counterparty : expect.stringMatching(counterparty),
          typeof purpose === 'string' ? purpose : expect.stringMatching(purpose),
        ]),
      );
      expect(body).not.toMatch(INTERNAL_ID);
      expect(body).not.toMatch(CODES);
      if (language !== 'en') expect(body).not.toMatch(/E-wallet|Current account|Deposit/);
    }
  });

  it("names the own account a move came from, and a payer by the masked name, on the credited side's statement", async () => {
    const wallet = await csv(s.wallet.id, s.payer, 'kk');
    expect(wallet.facts).toMatchObject({ 'Шот түрі': 'Электрондық әмиян', IBAN: 'жоқ (электрондық әмиян)' });
    expect(wallet.lines.map((line) => line[1])).toEqual([`Ағымдағы шот ${s.current.iban.slice(0, 4)} •••• ${s.current.iban.slice(-4)}`]);
    const received = await csv(s.payeeWallet.id, s.payee, 'ru');
    expect(received.lines.map((line) => [line[1], line[2], line[3]])).toEqual([['Динара С.', 'Перевод по номеру телефона', '1500.00']]);
    expect(received.body).not.toContain(s.current.iban);
  });

  it('lays the PDF out with the same facts and numbers its pages in every language', async () => {
    const account = (await getAccount(t.db, s.current.id)) as Account;
    const statement = await buildStatement(t.app.ctx, account, today, today);
    const document = await statementDocument(t.app.ctx, statement, 'kk');
    expect(document.facts.map(([label]) => label)).toEqual([
      'Шот иесі',
      'ЖСН',
      'IBAN',
      'Шот түрі',
      'Валюта',
      'Кезең',
      'Қалыптастырылған күні',
    ]);
    expect(document.summary.map(([label]) => label)).toEqual([
      'Кезең басындағы қалдық',
      'Түсімдер',
      'Есептен шығарулар',
      'Кезең соңындағы қалдық',
    ]);
    expect(document.rows.map((row) => row.balance.replace(/[\u00a0\u202f]/g, ' '))).toEqual([
      '10 000,00 ₸',
      '9 876,55 ₸',
      '8 376,55 ₸',
      '8 126,55 ₸',
    ]);
    const pdf = await statementPdf(document);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageNumber('ru')(1, 3)).toBe('Страница 1 из 3');
    expect(pageNumber('kk')(2, 3)).toBe('3 беттің 2-беті');
    expect(pageNumber('en')(3, 3)).toBe('Page 3 of 3');
  });

  it('runs a long period over several pages', async () => {
    const opened = await openAccount(t.db, {
      ownerId: s.payer.customerId,
      kind: 'customer_current',
      currency: 'KZT',
      displayName: 'Many',
      assignIban: true,
    });
    for (let index = 0; index < 80; index += 1)
      await t.db.transaction((tx) => depositFromSettlement(tx, opened, 100n + BigInt(index), 'Deposit'));
    const account = (await getAccount(t.db, opened.id)) as Account;
    const statement = await buildStatement(t.app.ctx, account, today, today);
    expect(statement.postings).toHaveLength(80);
    for (const language of ['ru', 'kk', 'en'] as const) {
      const pdf = await statementPdf(await statementDocument(t.app.ctx, statement, language));
      const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? [];
      expect(pages.length).toBeGreaterThanOrEqual(2);
    }
    expect(newId('acc')).toMatch(INTERNAL_ID);
  });
});
