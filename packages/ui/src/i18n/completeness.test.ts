import { describe, expect, test } from 'vitest';
import { checkCatalogs, flattenCatalog, keysMissingFromSource } from './completeness';

const ru = { nav: { home: 'Главная', history: 'История' }, app: { name: 'Kassa' }, greet: 'Здравствуйте, {{name}}' };
const kk = { nav: { home: 'Басты бет', history: 'Тарих' }, app: { name: 'Kassa' }, greet: 'Сәлеметсіз бе, {{name}}' };
const en = { nav: { home: 'Home', history: 'History' }, app: { name: 'Kassa' }, greet: 'Hello, {{name}}' };

describe('the catalogues check', () => {
  test('flattens nested keys into the dotted paths t() takes', () => {
    expect([...flattenCatalog(ru)]).toEqual([
      ['nav.home', 'Главная'],
      ['nav.history', 'История'],
      ['app.name', 'Kassa'],
      ['greet', 'Здравствуйте, {{name}}'],
    ]);
  });

  test('passes complete catalogues and takes a brand name the same in every language', () => {
    expect(checkCatalogs({ ru, kk, en })).toEqual({ errors: [], warnings: [] });
  });

  test('fails on a key missing in one language, naming the language and the key', () => {
    const { errors } = checkCatalogs({ ru, kk: { ...kk, nav: { home: 'Басты бет' } }, en });
    expect(errors).toEqual(['kk: key nav.history is missing']);
  });

  test('fails on an empty or blank text', () => {
    const { errors } = checkCatalogs({ ru, kk, en: { ...en, nav: { home: ' ', history: '' } } });
    expect(errors).toEqual(['en: key nav.home is empty', 'en: key nav.history is empty']);
  });

  test('fails on a key the source does not have and on a lost placeholder', () => {
    const { errors } = checkCatalogs({ ru, kk: { ...kk, greet: 'Сәлеметсіз бе', extra: 'артық' }, en });
    expect(errors).toEqual(['kk: key greet has placeholders {}, ru has {name}', 'kk: key extra is not in ru']);
  });

  test('warns, without failing, on a Kazakh text still equal to the English one', () => {
    const report = checkCatalogs({ ru, kk: { ...kk, nav: { home: 'Home', history: 'Тарих' } }, en });
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual(['kk: key nav.home is the English text "Home"']);
  });

  test('does not warn on short texts or texts made only of names and codes', () => {
    const short = { ...ru, code: 'OK', bank: 'Kassa IBAN' };
    const report = checkCatalogs({
      ru: short,
      kk: { ...kk, code: 'OK', bank: 'Kassa IBAN' },
      en: { ...en, code: 'OK', bank: 'Kassa IBAN' },
    });
    expect(report).toEqual({ errors: [], warnings: [] });
    const report2 = checkCatalogs({ ru: { ...ru, pin: 'ПИН' }, kk: { ...kk, pin: 'PIN' }, en: { ...en, pin: 'PIN' } });
    expect(report2.warnings).toEqual([]);
  });

  test("takes an app's own neutral words, and only for that app", () => {
    const catalogs = { ru: { ...ru, code: 'Код TOTP' }, kk: { ...kk, code: 'TOTP code' }, en: { ...en, code: 'TOTP code' } };
    expect(checkCatalogs(catalogs).warnings).toEqual(['kk: key code is the English text "TOTP code"']);
    expect(checkCatalogs(catalogs, { neutralWords: ['totp', 'code'] }).warnings).toEqual([]);
  });

  test('fails on a key the code asks for by a literal that the source catalogue lacks, not on one built at run time', () => {
    // A key built at run time, as the code writes it: t(`status.${status}`).
    const runtimeKey = ['t(`status.', '$', '{status}`)'].join('');
    const sources = {
      '../layout/Nav.tsx': `t('nav.home'); t("nav.settings"); t(\`nav.history\`); ${runtimeKey}; format('nav.other')`,
      '../features/Greet.tsx': "t('greet', { name }); t( 'app.name' ); t('nav.settings')",
    };
    expect(keysMissingFromSource(sources, ru)).toEqual([
      "src/layout/Nav.tsx: t('nav.settings') is in no catalogue",
      "src/features/Greet.tsx: t('nav.settings') is in no catalogue",
    ]);
  });
});
