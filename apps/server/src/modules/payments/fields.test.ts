import { describe, expect, it } from 'vitest';
import { makeIin } from '../identity/index.js';
import type { ProviderField } from './catalogue.types.js';
import { DEMO_PROVIDERS } from './demo-catalogue.js';
import { formatKazakhMobile, normalizeKazakhMobile, readFields } from './fields.js';

function demoFields(slug: string): ProviderField[] {
  const provider = DEMO_PROVIDERS.find((candidate) => candidate.slug === slug);
  if (!provider) throw new Error(`no demo provider ${slug}`);
  return provider.fields;
}

const KCELL = demoFields('kcell');
const ONAY = demoFields('onay');
const FINES = demoFields('fines');
const ERC = demoFields('erc');
const KINDERGARTEN = demoFields('kindergarten');
const ERC_ACCOUNT = ERC.find((field) => field.name === 'account') ?? KINDERGARTEN[0];
if (!ERC_ACCOUNT) throw new Error('the ERC has an account field');

// A valid Onay number: 18 digits and their Luhn check digit (4).
const ONAY_CARD = '9643108503123456784';

function validIin(): string {
  const iin = makeIin('1990-05-17', 'male', 1234);
  if (iin === null) throw new Error('the test IIN is one never issued: pick another serial');
  return iin;
}

function errorsOf(result: ReturnType<typeof readFields>) {
  if (result.ok) throw new Error('expected the fields to be refused');
  return result.errors.map((error) => ({ pointer: error.pointer, code: error.code }));
}

describe('a phone field', () => {
  it.each([
    ['+7 701 123 45 67'],
    ['8 701 123 45 67'],
    ['8 (701) 123-45-67'],
    ['+7(701)1234567'],
    ['77011234567'],
    ['7011234567'],
    [' +7-701-123-45-67 '],
  ])('reads %j as +77011234567', (typed) => {
    const result = readFields(KCELL, { phone: typed });
    expect(result.ok && result.values.phone).toBe('+77011234567');
    expect(result.ok && result.accountLabel).toBe('+7 701 123 45 67');
    expect(result.ok && result.mainValue).toBe('+77011234567');
    expect(result.ok && result.mainField).toBe('phone');
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('warns, and does not refuse, a Beeline number in the Kcell field (numbers are ported)', () => {
    const result = readFields(KCELL, { phone: '+7 777 123 45 67' });
    if (!result.ok) throw new Error('a number of another operator must not be refused');
    expect(result.values.phone).toBe('+77771234567');
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.code).toBe('other-operator');
    expect(result.warnings[0]?.pointer).toBe('/fields/phone');
    expect(result.warnings[0]?.detail.ru).toContain('другого оператора');
  });

  it.each([
    ['a Russian mobile', '+7 916 123 45 67'],
    ['a landline of Almaty', '+7 727 250 00 00'],
    ['a British mobile', '+44 7700 900123'],
    ['too few digits', '+7 701 123 45'],
    ['too many digits', '+7 701 123 45 678'],
    ['letters', '+7 701 abc 45 67'],
  ])('refuses %s as not a mobile number', (_, typed) => {
    expect(errorsOf(readFields(KCELL, { phone: typed }))).toEqual([{ pointer: '/fields/phone', code: 'not-a-mobile-number' }]);
  });

  it('says the field is required when it is missing, empty or blank', () => {
    for (const input of [{}, { phone: '' }, { phone: '   ' }, { phone: null }]) {
      expect(errorsOf(readFields(KCELL, input))).toEqual([{ pointer: '/fields/phone', code: 'required' }]);
    }
  });

  it('formats receipts as +7 701 123 45 67 and normalises only Kazakh mobiles', () => {
    expect(formatKazakhMobile('+77011234567')).toBe('+7 701 123 45 67');
    expect(normalizeKazakhMobile('8 747 000 11 22')).toBe('+77470001122');
    expect(normalizeKazakhMobile('+8 701 123 45 67')).toBeNull();
  });
});

describe('an Onay card field', () => {
  it('accepts the 19 digits with the Luhn check digit, typed in groups', () => {
    const result = readFields(ONAY, { card: '9643 1085 0312 3456 784' });
    expect(result.ok && result.values.card).toBe(ONAY_CARD);
    expect(result.ok && result.accountLabel).toBe(ONAY_CARD);
  });

  it('refuses 18 digits as too short and 20 as too long', () => {
    expect(errorsOf(readFields(ONAY, { card: ONAY_CARD.slice(0, 18) }))).toEqual([{ pointer: '/fields/card', code: 'too-short' }]);
    expect(errorsOf(readFields(ONAY, { card: `${ONAY_CARD}0` }))).toEqual([{ pointer: '/fields/card', code: 'too-long' }]);
  });

  it('refuses a number whose Luhn check digit is wrong', () => {
    expect(errorsOf(readFields(ONAY, { card: '9643108503123456785' }))).toEqual([{ pointer: '/fields/card', code: 'check-digit' }]);
  });

  it('refuses letters in a digits field, and a value that is not a string', () => {
    expect(errorsOf(readFields(ONAY, { card: '9643108503123456T84' }))).toEqual([{ pointer: '/fields/card', code: 'pattern' }]);
    expect(errorsOf(readFields(ONAY, { card: 9643108503123456 }))).toEqual([{ pointer: '/fields/card', code: 'pattern' }]);
  });

  it('gives the message with the field’s label and its length, in each language', () => {
    const result = readFields(ONAY, { card: '12345' });
    if (result.ok) throw new Error('expected a refusal');
    expect(result.errors[0]?.detail).toEqual({
      ru: 'Номер карты Onay: не меньше 19 символов',
      kk: 'Onay картасының нөмірі: кемінде 19 таңба',
      en: 'Onay card number: at least 19 characters',
    });
  });
});

describe('an IIN field', () => {
  it('accepts an IIN with its check digit, typed with spaces', () => {
    const iin = validIin();
    const result = readFields(FINES, { iin: `${iin.slice(0, 6)} ${iin.slice(6)}` });
    expect(result.ok && result.values.iin).toBe(iin);
  });

  it('refuses an IIN whose check digit is wrong', () => {
    const iin = validIin();
    const wrong = `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
    expect(errorsOf(readFields(FINES, { iin: wrong }))).toEqual([{ pointer: '/fields/iin', code: 'check-digit' }]);
  });

  it('refuses 11 digits as too short', () => {
    expect(errorsOf(readFields(FINES, { iin: validIin().slice(0, 11) }))).toEqual([{ pointer: '/fields/iin', code: 'too-short' }]);
  });
});

describe('the fields of a request', () => {
  it('names an unknown field, escaped in its pointer, next to the wrong known ones', () => {
    const errors = errorsOf(readFields(ERC, { account: '12', 'a/b~c': 'x' }));
    expect(errors).toEqual([
      { pointer: '/fields/a~1b~0c', code: 'unknown-field' },
      { pointer: '/fields/account', code: 'too-short' },
    ]);
  });

  it('does not read a field named like an Object.prototype property from the prototype', () => {
    const constructorField: ProviderField = { ...ERC_ACCOUNT, name: 'constructor' };
    expect(errorsOf(readFields([constructorField], {}))).toEqual([{ pointer: '/fields/constructor', code: 'required' }]);
  });

  it('checks a field’s extra pattern after its length', () => {
    const field: ProviderField = { ...ERC_ACCOUNT, pattern: '7\\d{9}' };
    expect(readFields([field], { account: '7000000001' }).ok).toBe(true);
    expect(errorsOf(readFields([field], { account: '1000000001' }))).toEqual([{ pointer: '/fields/account', code: 'pattern' }]);
  });

  it('leaves an optional field out of the values when it is empty', () => {
    const optional: ProviderField = { ...ERC_ACCOUNT, name: 'flat', main: false, minLength: 0, maxLength: 5 };
    const result = readFields([ERC_ACCOUNT, optional], { account: '1234567890', flat: '' });
    expect(result.ok && result.values).toEqual({ account: '1234567890' });
  });

  it('accepts 6 to 12 digits for the kindergarten’s account, and refuses a raw value too long to read', () => {
    expect(readFields(KINDERGARTEN, { account: '123456' }).ok).toBe(true);
    expect(readFields(KINDERGARTEN, { account: '123456789012' }).ok).toBe(true);
    expect(errorsOf(readFields(KINDERGARTEN, { account: '12345' }))).toEqual([{ pointer: '/fields/account', code: 'too-short' }]);
    expect(errorsOf(readFields(KINDERGARTEN, { account: ' '.repeat(201) }))).toEqual([{ pointer: '/fields/account', code: 'too-long' }]);
  });

  it('keeps a text field’s letters, digits and - / . with single spaces, and refuses other signs', () => {
    const text: ProviderField = { ...ERC_ACCOUNT, kind: 'text', minLength: 1, maxLength: 64 };
    const result = readFields([text], { account: '  Дом  12/3-А.  ' });
    expect(result.ok && result.values.account).toBe('Дом 12/3-А.');
    expect(errorsOf(readFields([text], { account: 'a<script>' }))).toEqual([{ pointer: '/fields/account', code: 'pattern' }]);
  });
});
