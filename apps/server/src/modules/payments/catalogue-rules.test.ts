import { describe, expect, it } from 'vitest';
import type { ProviderField } from './catalogue.types.js';
import {
  amountRuleFromJson,
  amountRuleToJson,
  canonicalSettlementIban,
  checkProviderDefinition,
  feeRuleFromJson,
  feeRuleToJson,
  fieldsFromJson,
  fieldsToJson,
  hasNestedRepetition,
  isValidBin,
  type ProviderDefinition,
} from './catalogue-rules.js';
import { DEMO_PROVIDERS } from './demo-catalogue.js';

const ENDPOINT = 'http://127.0.0.1:4010/providers/kcell';

function demo(slug: string): ProviderDefinition {
  const provider = DEMO_PROVIDERS.find((candidate) => candidate.slug === slug);
  if (!provider) throw new Error(`no demo provider ${slug}`);
  return provider;
}

const KCELL = demo('kcell');
const ERC = demo('erc');
function firstField(definition: ProviderDefinition): ProviderField {
  const [field] = definition.fields;
  if (!field) throw new Error(`${definition.slug} has a field`);
  return field;
}
const PHONE = firstField(KCELL);
const ACCOUNT = firstField(ERC);

/** The pointers and codes of a definition's problems. */
function refusals(definition: ProviderDefinition, endpointUrl = ENDPOINT) {
  return checkProviderDefinition(definition, endpointUrl).map((problem) => `${problem.pointer} ${problem.code}`);
}

function withField(field: Partial<ProviderField>, base: ProviderField = ACCOUNT): ProviderDefinition {
  return { ...ERC, fields: [{ ...base, ...field }] };
}

describe('a provider definition', () => {
  it('passes when every part is right', () => {
    expect(refusals(KCELL)).toEqual([]);
    expect(refusals(ERC, 'https://erc.example.kz/api')).toEqual([]);
  });

  it('refuses names, slug, category, logo, legal name, keywords and position out of their rules', () => {
    const broken: ProviderDefinition = {
      ...KCELL,
      slug: 'Kcell!',
      categoryId: '',
      name: { ru: '', kk: 'Kcell', en: 'x'.repeat(81) },
      keywords: 'k'.repeat(401),
      logo: { text: 'KCEL', color: '#7B2D8E' },
      legalName: 'А',
      position: 10_001,
    };
    expect(refusals(broken)).toEqual([
      '/slug slug',
      '/categoryId category',
      '/name name-length',
      '/keywords keywords',
      '/logo/text logo-text',
      '/logo/color logo-color',
      '/legalName legal-name',
      '/position position',
    ]);
  });

  it('refuses a name with an invisible character and a name with spaces around it', () => {
    expect(refusals({ ...KCELL, name: { ...KCELL.name, ru: 'Kc\u200bell' } })).toEqual(['/name name-length']);
    expect(refusals({ ...KCELL, name: { ...KCELL.name, en: ' Kcell' } })).toEqual(['/name name-length']);
  });

  it('refuses a BIN with a wrong check digit, a person’s digit 5, or a wrong month', () => {
    expect(isValidBin(KCELL.bin)).toBe(true);
    const wrongCheck = `${KCELL.bin.slice(0, 11)}${(Number(KCELL.bin[11]) + 1) % 10}`;
    expect(refusals({ ...KCELL, bin: wrongCheck })).toEqual(['/bin bin']);
    expect(isValidBin('900517312345')).toBe(false);
    expect(isValidBin('981340001236')).toBe(false);
  });

  it('refuses an IBAN with wrong check digits, another country’s, or one not in its stored form', () => {
    expect(refusals({ ...KCELL, settlementIban: 'KZ24601KZT0000012345' })).toEqual(['/settlementIban settlement-iban']);
    expect(refusals({ ...KCELL, settlementIban: 'DE89370400440532013000' })).toEqual(['/settlementIban settlement-iban']);
    expect(refusals({ ...KCELL, settlementIban: 'kz23 601k zt00 0001 2345' })).toEqual(['/settlementIban settlement-iban']);
    expect(canonicalSettlementIban('kz23 601k zt00 0001 2345')).toBe('KZ23601KZT0000012345');
  });

  it('refuses an endpoint that is not http(s), or carries a login', () => {
    expect(refusals(KCELL, 'ftp://provider.kz/api')).toEqual(['/endpointUrl endpoint-url']);
    expect(refusals(KCELL, 'https://user:secret@provider.kz/api')).toEqual(['/endpointUrl endpoint-url']);
    expect(refusals(KCELL, 'not a url')).toEqual(['/endpointUrl endpoint-url']);
  });
});

describe('the fields of a definition', () => {
  it('refuses none, and more than five', () => {
    expect(refusals({ ...ERC, fields: [] })).toEqual(['/fields fields-count']);
    const six = Array.from({ length: 6 }, (_, index) => ({ ...ACCOUNT, name: `f${index}`, main: index === 0 }));
    expect(refusals({ ...ERC, fields: six })).toEqual(['/fields fields-count']);
  });

  it('refuses a bad name, a repeated name, and no main field or two', () => {
    expect(refusals(withField({ name: 'Account' }))).toEqual(['/fields/0/name field-name']);
    expect(refusals(withField({ name: `a${'b'.repeat(32)}` }))).toEqual(['/fields/0/name field-name']);
    const second = { ...ACCOUNT, main: false };
    expect(refusals({ ...ERC, fields: [ACCOUNT, second] })).toEqual(['/fields/1/name field-name-duplicate']);
    expect(refusals(withField({ main: false }))).toEqual(['/fields field-main']);
    const twoMains = [ACCOUNT, { ...ACCOUNT, name: 'flat' }];
    expect(refusals({ ...ERC, fields: twoMains })).toEqual(['/fields field-main']);
  });

  it('refuses an optional main field (receipts need the account)', () => {
    expect(refusals(withField({ minLength: 0 }))).toEqual(['/fields field-main']);
  });

  it('refuses lengths out of order or past 64, and a phone or IIN of another length', () => {
    expect(refusals(withField({ minLength: 11, maxLength: 10 }))).toEqual(['/fields/0/minLength field-length']);
    expect(refusals(withField({ maxLength: 65 }))).toEqual(['/fields/0/minLength field-length']);
    expect(refusals(withField({ minLength: 9, maxLength: 11 }, PHONE))).toEqual(['/fields/0/minLength field-length']);
    expect(refusals(withField({ kind: 'iin', minLength: 10, maxLength: 10 }))).toEqual(['/fields/0/minLength field-length']);
  });

  it('refuses a label missing a language', () => {
    expect(refusals(withField({ label: { ru: 'Счёт', kk: '', en: 'Account' } }))).toEqual(['/fields/0/label field-label']);
  });

  it('refuses a pattern that does not compile, is too long, unanchors itself, or can hang', () => {
    expect(refusals(withField({ pattern: '(\\d' }))).toEqual(['/fields/0/pattern field-pattern']);
    expect(refusals(withField({ pattern: 'x'.repeat(201) }))).toEqual(['/fields/0/pattern field-pattern']);
    expect(refusals(withField({ pattern: '1)|(2' }))).toEqual(['/fields/0/pattern field-pattern']);
    expect(refusals(withField({ pattern: '(\\d+)+' }))).toEqual(['/fields/0/pattern field-pattern-unsafe']);
    expect(refusals(withField({ pattern: '7\\d{9}' }))).toEqual([]);
  });

  it('tells nested repetition from a plain one', () => {
    expect(hasNestedRepetition('(a+)+')).toBe(true);
    expect(hasNestedRepetition('(?:a|b*)*')).toBe(true);
    expect(hasNestedRepetition('((a*)b)+')).toBe(true);
    expect(hasNestedRepetition('(ab)+c*')).toBe(false);
    expect(hasNestedRepetition('[(+]+\\(a+\\)+')).toBe(false);
    expect(hasNestedRepetition('(a+)?')).toBe(false);
  });

  it('refuses a check digit on a text or phone field, and the IIN’s on another length', () => {
    expect(refusals(withField({ kind: 'text', checkDigit: 'luhn' }))).toEqual(['/fields/0/checkDigit field-check-digit']);
    expect(refusals(withField({ checkDigit: 'luhn' }, PHONE))).toEqual(['/fields/0/checkDigit field-check-digit']);
    expect(refusals(withField({ checkDigit: 'iin' }))).toEqual(['/fields/0/checkDigit field-check-digit']);
    expect(refusals(withField({ checkDigit: 'luhn' }))).toEqual([]);
  });

  it('refuses phone prefixes on another kind, of other than 3 digits, or repeated', () => {
    expect(refusals(withField({ phonePrefixes: ['701'] }))).toEqual(['/fields/0/phonePrefixes field-phone-prefixes']);
    expect(refusals(withField({ phonePrefixes: ['7010'] }, PHONE))).toEqual(['/fields/0/phonePrefixes field-phone-prefixes']);
    expect(refusals(withField({ phonePrefixes: ['701', '701'] }, PHONE))).toEqual(['/fields/0/phonePrefixes field-phone-prefixes']);
    expect(refusals(withField({ phonePrefixes: [] }, PHONE))).toEqual(['/fields/0/phonePrefixes field-phone-prefixes']);
  });
});

describe('the amount and fee rules of a definition', () => {
  it('refuses a minimum of zero, a minimum above the maximum, and a maximum past 10^13', () => {
    expect(refusals({ ...ERC, amountRule: { kind: 'any', minMinor: 0n, maxMinor: 10n } })).toEqual(['/amountRule/minMinor amount-range']);
    expect(refusals({ ...ERC, amountRule: { kind: 'any', minMinor: 11n, maxMinor: 10n } })).toEqual(['/amountRule/minMinor amount-range']);
    expect(refusals({ ...ERC, amountRule: { kind: 'any', minMinor: 1n, maxMinor: 10n ** 13n + 1n } })).toEqual([
      '/amountRule/minMinor amount-range',
    ]);
  });

  it('refuses an exact range outside fetch mode, and takes it in fetch mode', () => {
    const exact = { kind: 'exact', minMinor: 100n, maxMinor: 200n } as const;
    expect(refusals({ ...ERC, mode: 'ad-hoc', amountRule: exact })).toEqual(['/amountRule/maxMinor amount-exact']);
    expect(refusals({ ...ERC, mode: 'validate', amountRule: exact })).toEqual(['/amountRule/maxMinor amount-exact']);
    expect(refusals({ ...ERC, mode: 'fetch', amountRule: exact })).toEqual([]);
    expect(refusals({ ...ERC, mode: 'ad-hoc', amountRule: { ...exact, maxMinor: 100n } })).toEqual([]);
  });

  it('refuses a negative fixed fee, a percent past 1000 bp or fractional, and a cap below the fixed part', () => {
    expect(refusals({ ...ERC, feeRule: { fixedMinor: -1n, percentBasisPoints: 0, capMinor: null } })).toEqual([
      '/feeRule/fixedMinor fee-fixed',
    ]);
    expect(refusals({ ...ERC, feeRule: { fixedMinor: 0n, percentBasisPoints: 1_001, capMinor: null } })).toEqual([
      '/feeRule/percentBasisPoints fee-percent',
    ]);
    expect(refusals({ ...ERC, feeRule: { fixedMinor: 0n, percentBasisPoints: 1.5, capMinor: null } })).toEqual([
      '/feeRule/percentBasisPoints fee-percent',
    ]);
    expect(refusals({ ...ERC, feeRule: { fixedMinor: 500n, percentBasisPoints: 100, capMinor: 499n } })).toEqual([
      '/feeRule/capMinor fee-cap',
    ]);
    expect(refusals({ ...ERC, feeRule: { fixedMinor: 500n, percentBasisPoints: 100, capMinor: 500n } })).toEqual([]);
  });

  it('gives each problem a message in ru, kk and en', () => {
    const [first] = checkProviderDefinition({ ...ERC, slug: '-' }, ENDPOINT);
    expect(first?.message.ru).toMatch(/Код/);
    expect(first?.message.kk.length).toBeGreaterThan(0);
    expect(first?.message.en).toMatch(/Slug/);
  });
});

describe('the jsonb shapes', () => {
  it('carry bigints as strings and read back what was written', () => {
    for (const provider of DEMO_PROVIDERS) {
      const amountJson = JSON.parse(JSON.stringify(amountRuleToJson(provider.amountRule)));
      const feeJson = JSON.parse(JSON.stringify(feeRuleToJson(provider.feeRule)));
      const fieldsJson = JSON.parse(JSON.stringify(fieldsToJson(provider.fields)));
      expect(amountRuleFromJson(amountJson)).toEqual(provider.amountRule);
      expect(feeRuleFromJson(feeJson)).toEqual(provider.feeRule);
      expect(fieldsFromJson(fieldsJson)).toEqual(provider.fields);
    }
    expect(amountRuleToJson({ kind: 'any', minMinor: 1n, maxMinor: 10n ** 13n })).toEqual({
      kind: 'any',
      minMinor: '1',
      maxMinor: '10000000000000',
    });
  });

  it('throw on a row of another shape (a programmer’s error, never a customer’s)', () => {
    expect(() => amountRuleFromJson({ kind: 'any', minMinor: 1, maxMinor: '2' })).toThrow(/minMinor/);
    expect(() => amountRuleFromJson({ kind: 'most', minMinor: '1', maxMinor: '2' })).toThrow(/kind/);
    expect(() => feeRuleFromJson({ fixedMinor: '0', percentBasisPoints: '1', capMinor: null })).toThrow(/percentBasisPoints/);
    expect(() => fieldsFromJson({})).toThrow(/array/);
    expect(() => fieldsFromJson([{ ...fieldsToJson([PHONE])[0], kind: 'email' }])).toThrow(/kind/);
    expect(() => fieldsFromJson([{ ...fieldsToJson([PHONE])[0], label: { ru: 'x' } }])).toThrow(/label/);
  });
});
