import { ConfigError, type Env, text } from './config-parse.js';
import type { Localized } from './shared/i18n.js';

/**
 * The bank's legal details, printed on every statement and receipt and on the receipt check page
 * (issue 12 item 5): what an accountant or an embassy looks for to accept a document. The name and
 * the address in each language, as the bank is registered (KAZAKHSTAN.md: kept in configuration,
 * so another bank or country is a configuration change). The defaults are the demo bank's.
 */
export interface BankDetails {
  /** BANK_NAME_RU / _KK / _EN: the legal name with its form, "АО «Kassa»", "«Kassa» АҚ", "Kassa JSC". */
  name: Localized;
  /** BANK_ADDRESS_RU / _KK / _EN: the registered office. */
  address: Localized;
  /** BANK_BIC: ISO 9362 (SWIFT) code, 8 or 11 characters: the one Kazakh payment orders carry. */
  bic: string;
  /** BANK_BIN: the bank's business identification number, 12 digits. */
  bin: string;
}

// ISO 9362: institution (4 letters), country (2 letters), location (2), optional branch (3).
const BIC_PATTERN = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const BIN_PATTERN = /^\d{12}$/;
// A name or an address longer than this would not fit the letterhead of a document.
const BANK_TEXT_LENGTH_MAX = 160;

const DEMO_BANK = {
  name: { ru: 'АО «Kassa»', kk: '«Kassa» АҚ', en: 'Kassa JSC' },
  address: {
    ru: '050000, Республика Казахстан, г. Алматы, пр. Абая, 1',
    kk: '050000, Қазақстан Республикасы, Алматы қ., Абай даңғылы, 1',
    en: '1 Abai Avenue, Almaty 050000, Republic of Kazakhstan',
  },
  bic: 'KSSAKZKA',
  // A valid BIN of the demo bank: registered 2026-03, a resident legal entity (4), its head office.
  bin: '260340001724',
} as const satisfies BankDetails;

function localized(env: Env, prefix: string, fallback: Localized): Localized {
  const read = (language: keyof Localized): string => {
    const name = `${prefix}_${language.toUpperCase()}`;
    const value = text(env, name, fallback[language]).trim();
    if (value.length > BANK_TEXT_LENGTH_MAX) throw new ConfigError(name, `must be at most ${BANK_TEXT_LENGTH_MAX} characters`);
    return value;
  };
  return { ru: read('ru'), kk: read('kk'), en: read('en') };
}

export function bankFromEnv(env: Env): BankDetails {
  const bic = text(env, 'BANK_BIC', DEMO_BANK.bic).trim().toUpperCase();
  if (!BIC_PATTERN.test(bic)) throw new ConfigError('BANK_BIC', `expected an ISO 9362 code of 8 or 11 characters (KSSAKZKA), got "${bic}"`);
  const bin = text(env, 'BANK_BIN', DEMO_BANK.bin).trim();
  if (!BIN_PATTERN.test(bin)) throw new ConfigError('BANK_BIN', `expected 12 digits, got "${bin}"`);
  return { name: localized(env, 'BANK_NAME', DEMO_BANK.name), address: localized(env, 'BANK_ADDRESS', DEMO_BANK.address), bic, bin };
}
