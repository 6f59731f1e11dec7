import type { Config } from '../config.js';
import { format, type Language, type Localized } from './i18n.js';
import type { Letterhead } from './pdf.js';

/**
 * The words every document of the bank shares (statements, receipts, the receipt check page):
 * its details as a Kazakh accountant reads them — БИК/БСК is the bank identification code (the
 * ISO 9362 code), БИН/БСН its business identification number — and the page numbers.
 */
export const BANK_DOCUMENT_LABELS = {
  bic: { ru: 'БИК', kk: 'БСК', en: 'BIC' },
  bin: { ru: 'БИН', kk: 'БСН', en: 'BIN' },
  page: { ru: 'Страница {page} из {pages}', kk: '{pages} беттің {page}-беті', en: 'Page {page} of {pages}' },
} as const satisfies Record<string, Localized>;

/** "БИК KSSAKZKA · БИН 260340001724": the line of codes under the bank's name. */
export function bankCodesLine(config: Pick<Config, 'bank'>, language: Language): string {
  const { bic, bin } = BANK_DOCUMENT_LABELS;
  return `${bic[language]} ${config.bank.bic} · ${bin[language]} ${config.bank.bin}`;
}

export function bankLetterhead(config: Pick<Config, 'bank' | 'officialDomain'>, language: Language): Letterhead {
  return {
    domain: config.officialDomain,
    name: config.bank.name[language],
    details: [bankCodesLine(config, language), config.bank.address[language]],
  };
}

export function pageNumber(language: Language): (page: number, pages: number) => string {
  return (page, pages) => format(BANK_DOCUMENT_LABELS.page[language], { page, pages });
}
