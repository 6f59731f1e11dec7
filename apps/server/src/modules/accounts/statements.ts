import type { AppContext } from '../../context.js';
import type { Language } from '../../shared/i18n.js';
import { formatMoney, minorToDecimal } from '../../shared/money.js';
import { csvField, renderPdf } from '../../shared/pdf.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { type Account, listPostings, POSTINGS_PAGE_LIMIT_MAX, type PostingView } from '../ledger/index.js';

// A statement longer than this is a data export, not a statement: ask for a shorter period.
export const STATEMENT_POSTINGS_MAX = 5000;
export const STATEMENT_PERIOD_DAYS_MAX = 366;

export interface Statement {
  account: Account;
  from: string;
  to: string;
  openingMinor: bigint;
  closingMinor: bigint;
  postings: PostingView[];
}

const ALMATY_OFFSET = '+05:00';

/** Postings of [from, to] (Almaty calendar days), oldest first, with opening and closing balances. */
export async function buildStatement(ctx: AppContext, account: Account, from: string, to: string): Promise<Statement> {
  const start = new Date(`${from}T00:00:00${ALMATY_OFFSET}`);
  const end = new Date(new Date(`${to}T00:00:00${ALMATY_OFFSET}`).getTime() + 86_400_000);
  const days = (end.getTime() - start.getTime()) / 86_400_000;
  if (!(days >= 1 && days <= STATEMENT_PERIOD_DAYS_MAX)) {
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [{ pointer: '/querystring/to', detail: `the period must be 1-${STATEMENT_PERIOD_DAYS_MAX} days` }],
    });
  }
  const inPeriod: PostingView[] = [];
  let opening: bigint | null = null;
  let closing: bigint | null = null;
  let cursor: string | null = null;
  // Newest first: skip what is after the period, collect the period, stop at the first posting before it.
  do {
    const page = await listPostings(ctx.db, account.id, { limit: POSTINGS_PAGE_LIMIT_MAX, cursor });
    for (const posting of page.items) {
      if (posting.createdAt >= end) continue;
      if (posting.createdAt < start) {
        opening = posting.balanceAfterMinor;
        break;
      }
      closing ??= posting.balanceAfterMinor;
      inPeriod.push(posting);
      if (inPeriod.length > STATEMENT_POSTINGS_MAX) {
        throw new ProblemError(CommonProblem['unprocessable-content'], {
          detail: {
            ru: 'Слишком много операций: выберите период короче',
            kk: 'Операциялар тым көп: қысқарақ кезеңді таңдаңыз',
            en: 'Too many operations: choose a shorter period',
          },
        });
      }
    }
    cursor = opening === null ? page.nextCursor : null;
  } while (cursor);
  inPeriod.reverse();
  const openingMinor = opening ?? 0n;
  return { account, from, to, openingMinor, closingMinor: closing ?? openingMinor, postings: inPeriod };
}

const HEADERS = {
  date: { ru: 'Дата', kk: 'Күні', en: 'Date' },
  operation: { ru: 'Операция', kk: 'Операция', en: 'Operation' },
  description: { ru: 'Описание', kk: 'Сипаттама', en: 'Description' },
  amount: { ru: 'Сумма', kk: 'Сома', en: 'Amount' },
  balance: { ru: 'Остаток', kk: 'Қалдық', en: 'Balance' },
  title: { ru: 'Выписка по счёту', kk: 'Шот бойынша үзінді', en: 'Account statement' },
  period: { ru: 'Период', kk: 'Кезең', en: 'Period' },
  opening: { ru: 'Входящий остаток', kk: 'Кіріс қалдығы', en: 'Opening balance' },
  closing: { ru: 'Исходящий остаток', kk: 'Шығыс қалдығы', en: 'Closing balance' },
  none: { ru: 'За период операций нет', kk: 'Кезеңде операциялар жоқ', en: 'No operations in this period' },
} as const;

function almaty(date: Date, language: Language): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : `${language}-KZ`, {
    timeZone: 'Asia/Almaty',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(date);
}

/** CSV with machine-readable amounts (decimal, dot) for spreadsheets and accounting software. */
export function statementCsv(statement: Statement, language: Language): string {
  const lines = [
    [
      HEADERS.date[language],
      HEADERS.operation[language],
      HEADERS.description[language],
      HEADERS.amount[language],
      HEADERS.balance[language],
      'currency',
    ]
      .map(csvField)
      .join(','),
  ];
  for (const posting of statement.postings) {
    lines.push(
      [
        posting.createdAt.toISOString(),
        posting.operationId,
        posting.description ?? posting.operationKind,
        minorToDecimal(posting.amountMinor, posting.currency),
        minorToDecimal(posting.balanceAfterMinor, posting.currency),
        posting.currency,
      ]
        .map(csvField)
        .join(','),
    );
  }
  // A byte order mark makes Excel read the Cyrillic as UTF-8.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export function statementPdf(ctx: AppContext, statement: Statement, language: Language): Promise<Buffer> {
  const { account } = statement;
  const domain = ctx.config.officialDomain;
  const money = (minor: bigint) => formatMoney(minor, account.currency, language);
  return renderPdf({ title: `${HEADERS.title[language]} ${account.iban ?? account.id}` }, (doc) => {
    doc
      .font('bold')
      .fontSize(18)
      .fillColor('#0b4f6c')
      .text('Kassa', { continued: true })
      .font('regular')
      .fontSize(10)
      .fillColor('#506176')
      .text(`   ${domain}`)
      .moveDown(0.5);
    doc.font('bold').fontSize(14).fillColor('#10233f').text(HEADERS.title[language]);
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('#10233f')
      .text(`${account.displayName} · ${account.iban ?? account.id} · ${account.currency}`);
    doc.text(`${HEADERS.period[language]}: ${statement.from} — ${statement.to}`);
    doc.text(`${HEADERS.opening[language]}: ${money(statement.openingMinor)}`).moveDown();
    const columns = [48, 150, 330, 430];
    const header = doc.y;
    doc.font('bold').fontSize(9);
    for (const [index, label] of [HEADERS.date, HEADERS.description, HEADERS.amount, HEADERS.balance].entries()) {
      doc.text(label[language], columns[index], header, { width: 110 });
    }
    doc.font('regular').moveDown(0.5);
    if (statement.postings.length === 0) doc.text(HEADERS.none[language], 48);
    for (const posting of statement.postings) {
      if (doc.y > 760) doc.addPage();
      const y = doc.y;
      doc.text(almaty(posting.createdAt, language), columns[0], y, { width: 100 });
      doc.text(posting.description ?? posting.operationKind, columns[1], y, { width: 170 });
      doc.text(money(posting.amountMinor), columns[2], y, { width: 95 });
      doc.text(money(posting.balanceAfterMinor), columns[3], y, { width: 110 });
      doc.moveDown(0.4);
    }
    doc
      .moveDown()
      .font('bold')
      .text(`${HEADERS.closing[language]}: ${money(statement.closingMinor)}`, 48);
  });
}
