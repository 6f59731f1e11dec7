import type { AppContext } from '../../context.js';
import { bankLetterhead } from '../../shared/bank-documents.js';
import { calendarTime, formatDateTime, startOfDay } from '../../shared/datetime.js';
import type { Language } from '../../shared/i18n.js';
import { formatMoney } from '../../shared/money.js';
import type { Letterhead } from '../../shared/pdf.js';
import { documentHolder } from '../identity/index.js';
import { formatIban, isCustomerAccountKind, type PostingView } from '../ledger/index.js';
import { ACCOUNT_KIND_NAMES, type StatementLine, statementLines } from '../operations/index.js';
import { STATEMENT_LABELS as LABELS, LEDGER_KIND_NAMES } from './accounts.messages.js';
import type { Statement } from './statements.js';

/**
 * A statement laid out in one language before it is drawn (issue 12 item 5): every text the PDF
 * and the CSV print, resolved here, so both show the same and tests read the document without
 * parsing a PDF. What a bank's statement carries for an accountant or an embassy: the bank with
 * its BIC, the holder with the IIN masked, the account's IBAN, kind and currency, the period, the
 * opening and closing balances, the totals in and out, and each posting with its date,
 * counterparty, purpose, amount and the balance after it. No id of any kind.
 */
export interface StatementRow {
  at: Date;
  /** The day and the time apart: the PDF prints them on two lines of a narrow column. */
  date: string;
  time: string;
  counterparty: string;
  /** The phone (masked) or IBAN of the counterparty, when there is one: a line of its own in the PDF. */
  reference: string | null;
  purpose: string;
  amountMinor: bigint;
  balanceAfterMinor: bigint;
  amount: string;
  balance: string;
}

export interface StatementDocument {
  language: Language;
  title: string;
  letterhead: Letterhead;
  /** Holder, IIN, IBAN, kind, currency, period, date issued: label and value. */
  facts: Array<[string, string]>;
  /** Opening balance, credits, debits, closing balance. */
  summary: Array<[string, string]>;
  columns: { date: string; counterparty: string; purpose: string; amount: string; balance: string; currency: string };
  rows: StatementRow[];
  /** The line shown instead of the table for a period without postings. */
  none: string | null;
  /** The line atop each further page: what the page continues. */
  continuation: string;
  /** The file name's period, "2026-03-01_2026-03-31". */
  period: { from: string; to: string };
}

/** A posting the bank booked itself (no operation record): named by the ledger's kind, the bank as counterparty. */
function bankLine(ctx: AppContext, posting: PostingView, language: Language): StatementLine {
  const kind = posting.operationKind === 'deposit' || posting.operationKind === 'reversal' ? posting.operationKind : 'other';
  return { counterparty: ctx.config.bank.name[language], reference: null, purpose: LEDGER_KIND_NAMES[kind][language] };
}

export async function statementDocument(ctx: AppContext, statement: Statement, language: Language): Promise<StatementDocument> {
  const { account } = statement;
  const zone = ctx.config.bankTimeZone;
  const money = (minor: bigint) => formatMoney(minor, account.currency, language);
  const day = (calendarDay: string) => formatDateTime(startOfDay(calendarDay, zone), language, zone, 'date');
  const holder = account.ownerId ? await documentHolder(ctx.db, ctx.config.keyring, account.ownerId) : null;
  const lines = await statementLines(
    ctx,
    account,
    statement.postings.map((posting) => posting.operationId),
    language,
  );
  const kindName = isCustomerAccountKind(account.kind) ? ACCOUNT_KIND_NAMES[account.kind][language] : '';
  const period = `${day(statement.from)} — ${day(statement.to)}`;
  const iban = account.iban ? formatIban(account.iban) : null;
  return {
    language,
    title: LABELS.title[language],
    letterhead: bankLetterhead(ctx.config, language),
    facts: [
      [LABELS.holder[language], holder?.fullName ?? ''],
      [LABELS.iin[language], holder?.maskedIin ?? ''],
      [LABELS.iban[language], iban ?? LABELS.noIban[language]],
      [LABELS.account[language], kindName],
      [LABELS.currency[language], account.currency],
      [LABELS.period[language], period],
      [LABELS.issued[language], formatDateTime(ctx.clock.now(), language, zone, 'numeric')],
    ],
    summary: [
      [LABELS.opening[language], money(statement.openingMinor)],
      [LABELS.credits[language], money(statement.creditsMinor)],
      [LABELS.debits[language], money(-statement.debitsMinor)],
      [LABELS.closing[language], money(statement.closingMinor)],
    ],
    columns: {
      date: LABELS.date[language],
      counterparty: LABELS.counterparty[language],
      purpose: LABELS.purpose[language],
      amount: LABELS.amount[language],
      balance: LABELS.balance[language],
      currency: LABELS.currency[language],
    },
    rows: statement.postings.map((posting) => {
      const line = lines.get(posting.operationId) ?? bankLine(ctx, posting, language);
      return {
        at: posting.createdAt,
        date: formatDateTime(posting.createdAt, language, zone, 'date'),
        time: calendarTime(posting.createdAt, zone),
        counterparty: line.counterparty,
        reference: line.reference,
        purpose: line.purpose,
        amountMinor: posting.amountMinor,
        balanceAfterMinor: posting.balanceAfterMinor,
        amount: money(posting.amountMinor),
        balance: money(posting.balanceAfterMinor),
      };
    }),
    none: statement.postings.length === 0 ? LABELS.none[language] : null,
    continuation: [LABELS.title[language], iban ?? kindName, period].join(' · '),
    period: { from: statement.from, to: statement.to },
  };
}
