import type { Config } from '../../config.js';
import { bankCodesLine } from '../../shared/bank-documents.js';
import { calendarDay, calendarTime } from '../../shared/datetime.js';
import { minorToDecimal } from '../../shared/money.js';
import { csvField } from '../../shared/pdf.js';
import type { StatementDocument } from './statement-document.js';
import type { Statement } from './statements.js';

/**
 * The statement as CSV, the same columns as the PDF under a header block of the same facts: for a
 * spreadsheet or accounting software, so amounts are plain decimals with a dot ("-1500.00") and
 * times are the bank's wall clock as "YYYY-MM-DD HH:MM". A blank line ends the header block.
 */
export function statementCsv(config: Pick<Config, 'bank' | 'bankTimeZone'>, statement: Statement, document: StatementDocument): string {
  const { language, columns } = document;
  const { currency } = statement.account;
  const decimal = (minor: bigint) => minorToDecimal(minor, currency);
  const line = (fields: readonly string[]) => fields.map(csvField).join(',');
  const totals = [statement.openingMinor, statement.creditsMinor, -statement.debitsMinor, statement.closingMinor];
  const lines = [
    line([document.title]),
    line([document.letterhead.name, bankCodesLine(config, language)]),
    line([config.bank.address[language]]),
    ...document.facts.map(([label, value]) => line([label, value])),
    ...document.summary.map(([label], index) => line([label, decimal(totals[index] ?? 0n)])),
    '',
    line([columns.date, columns.counterparty, columns.purpose, columns.amount, columns.balance, columns.currency]),
  ];
  for (const row of document.rows) {
    const at = `${calendarDay(row.at, config.bankTimeZone)} ${calendarTime(row.at, config.bankTimeZone)}`;
    const counterparty = row.reference ? `${row.counterparty}, ${row.reference}` : row.counterparty;
    lines.push(line([at, counterparty, row.purpose, decimal(row.amountMinor), decimal(row.balanceAfterMinor), currency]));
  }
  // A byte order mark makes Excel read the Cyrillic as UTF-8.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
