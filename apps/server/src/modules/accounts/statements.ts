import type { AppContext } from '../../context.js';
import { formatDateTime, startOfDay } from '../../shared/datetime.js';
import type { Language } from '../../shared/i18n.js';
import { formatMoney, minorToDecimal } from '../../shared/money.js';
import { csvField, pdfLetterhead, renderPdf } from '../../shared/pdf.js';
import { CommonProblem, ProblemError } from '../../shared/problem.js';
import { type Account, listPostings, POSTINGS_PAGE_LIMIT_MAX, type PostingView } from '../ledger/index.js';
import { STATEMENT_LABELS as LABELS, STATEMENT_TOO_MANY_OPERATIONS } from './accounts.messages.js';

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

const DAY_MS = 86_400_000;

/** Milliseconds from 1970-01-01 to a calendar day (YYYY-MM-DD) as a date with no zone; NaN when malformed. */
function dayNumberMs(day: string): number {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
}

/**
 * Postings of [from, to] (calendar days of the bank's time zone, BANK_TIME_ZONE), oldest first,
 * with opening and closing balances.
 */
export async function buildStatement(
  ctx: Pick<AppContext, 'db' | 'config'>,
  account: Account,
  from: string,
  to: string,
): Promise<Statement> {
  // Counted on the calendar, not in hours: a day with a daylight saving change is still one day.
  const days = (dayNumberMs(to) - dayNumberMs(from)) / DAY_MS + 1;
  if (!(days >= 1 && days <= STATEMENT_PERIOD_DAYS_MAX)) {
    throw new ProblemError(CommonProblem['validation-failed'], {
      errors: [
        {
          pointer: '/querystring/to',
          detail: {
            ru: `Период — от 1 до ${STATEMENT_PERIOD_DAYS_MAX} дней`,
            kk: `Кезең 1 күннен ${STATEMENT_PERIOD_DAYS_MAX} күнге дейін`,
            en: `The period is 1 to ${STATEMENT_PERIOD_DAYS_MAX} days`,
          },
        },
      ],
    });
  }
  const { bankTimeZone } = ctx.config;
  const start = startOfDay(from, bankTimeZone);
  const dayAfterTo = new Date(dayNumberMs(to) + DAY_MS).toISOString().slice(0, 10);
  const end = startOfDay(dayAfterTo, bankTimeZone);
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
        throw new ProblemError(CommonProblem['unprocessable-content'], { detail: STATEMENT_TOO_MANY_OPERATIONS });
      }
    }
    cursor = opening === null ? page.nextCursor : null;
  } while (cursor);
  inPeriod.reverse();
  const openingMinor = opening ?? 0n;
  return { account, from, to, openingMinor, closingMinor: closing ?? openingMinor, postings: inPeriod };
}

/** CSV with machine-readable amounts (decimal, dot) for spreadsheets and accounting software. */
export function statementCsv(statement: Statement, language: Language): string {
  const lines = [
    [
      LABELS.date[language],
      LABELS.operation[language],
      LABELS.description[language],
      LABELS.amount[language],
      LABELS.balance[language],
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
  return renderPdf({ title: `${LABELS.title[language]} ${account.iban ?? account.id}` }, (doc) => {
    pdfLetterhead(doc, domain).moveDown(0.5);
    doc.font('bold').fontSize(14).fillColor('#10233f').text(LABELS.title[language]);
    doc
      .font('regular')
      .fontSize(10)
      .fillColor('#10233f')
      .text(`${account.displayName} · ${account.iban ?? account.id} · ${account.currency}`);
    doc.text(`${LABELS.period[language]}: ${statement.from} — ${statement.to}`);
    doc.text(`${LABELS.opening[language]}: ${money(statement.openingMinor)}`).moveDown();
    const columns = [48, 150, 330, 430];
    const header = doc.y;
    doc.font('bold').fontSize(9);
    for (const [index, label] of [LABELS.date, LABELS.description, LABELS.amount, LABELS.balance].entries()) {
      doc.text(label[language], columns[index], header, { width: 110 });
    }
    doc.font('regular').moveDown(0.5);
    if (statement.postings.length === 0) doc.text(LABELS.none[language], 48);
    for (const posting of statement.postings) {
      if (doc.y > 760) doc.addPage();
      const y = doc.y;
      doc.text(formatDateTime(posting.createdAt, language, ctx.config.bankTimeZone, 'numeric'), columns[0], y, { width: 100 });
      doc.text(posting.description ?? posting.operationKind, columns[1], y, { width: 170 });
      doc.text(money(posting.amountMinor), columns[2], y, { width: 95 });
      doc.text(money(posting.balanceAfterMinor), columns[3], y, { width: 110 });
      doc.moveDown(0.4);
    }
    doc
      .moveDown()
      .font('bold')
      .text(`${LABELS.closing[language]}: ${money(statement.closingMinor)}`, 48);
  });
}
