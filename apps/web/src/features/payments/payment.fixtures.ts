import type { Account } from '../../money/model';
import type { Bill, CheckView, ProviderField, ProviderView } from './payment-model';

/** The demo catalogue's shapes (server payments/demo-catalogue.ts), as the API returns them, for unit tests. */

export function phoneField(overrides: Partial<ProviderField> = {}): ProviderField {
  return {
    name: 'phone',
    label: { ru: 'Номер телефона', kk: 'Телефон нөмірі', en: 'Phone number' },
    hint: null,
    kind: 'phone',
    minLength: 10,
    maxLength: 10,
    pattern: null,
    checkDigit: null,
    phonePrefixes: ['701', '702', '775', '778'],
    main: true,
    ...overrides,
  };
}

export function digitsField(overrides: Partial<ProviderField> = {}): ProviderField {
  return {
    name: 'account',
    label: { ru: 'Лицевой счёт', kk: 'Дербес шот', en: 'Account number' },
    hint: { ru: '10 цифр в верхней части квитанции', kk: 'Түбіртектің жоғарғы жағындағы 10 цифр', en: '10 digits at the top of the bill' },
    kind: 'digits',
    minLength: 10,
    maxLength: 10,
    pattern: null,
    checkDigit: null,
    phonePrefixes: null,
    main: true,
    ...overrides,
  };
}

export function providerFixture(overrides: Partial<ProviderView> = {}): ProviderView {
  return {
    id: `prv_${'ab'.repeat(16)}`,
    slug: 'kcell',
    categoryId: 'mobile',
    name: { ru: 'Kcell', kk: 'Kcell', en: 'Kcell' },
    logo: { text: 'K', color: '#7b2d8e' },
    mode: 'validate',
    legalName: 'АО «Кселл»',
    bin: '980540001236',
    currency: 'KZT',
    fields: [phoneField()],
    amountRule: { kind: 'any', minMinor: 10_000, maxMinor: 10_000_000 },
    feeRule: { fixedMinor: 0, percentBasisPoints: 0, capMinor: null },
    ...overrides,
  };
}

/** The utility centre: a fetched bill, at least its total. */
export function ercFixture(overrides: Partial<ProviderView> = {}): ProviderView {
  return providerFixture({
    id: `prv_${'cd'.repeat(16)}`,
    slug: 'erc',
    categoryId: 'utilities',
    name: { ru: 'ЕРЦ — Единый расчётный центр', kk: 'БЕО — Бірыңғай есеп айырысу орталығы', en: 'ERC — Unified Settlement Centre' },
    logo: { text: 'ЕРЦ', color: '#0b6e4f' },
    mode: 'fetch',
    fields: [digitsField()],
    amountRule: { kind: 'minimum', minMinor: 100, maxMinor: 100_000_000 },
    ...overrides,
  });
}

export function billFixture(): Bill {
  return {
    period: '2026-11',
    dueDate: '2026-12-25',
    lines: [
      { id: 'electricity', name: { ru: 'Электроэнергия', kk: 'Электр энергиясы', en: 'Electricity' }, amountMinor: 512_000 },
      { id: 'water', name: { ru: 'Холодная вода', kk: 'Суық су', en: 'Cold water' }, amountMinor: 184_050 },
      { id: 'heating', name: { ru: 'Отопление', kk: 'Жылыту', en: 'Heating' }, amountMinor: 1_020_000 },
      { id: 'waste', name: { ru: 'Вывоз мусора', kk: 'Қоқыс шығару', en: 'Waste collection' }, amountMinor: 60_000 },
    ],
    totalMinor: 1_776_050,
  };
}

export function checkFixture(overrides: Partial<CheckView> = {}): CheckView {
  return {
    checkId: `chk_${'ef'.repeat(16)}`,
    holderName: null,
    bill: null,
    warnings: [],
    expiresAt: '2026-12-01T10:15:00Z',
    ...overrides,
  };
}

export function accountFixture(overrides: Partial<Account> = {}): Account {
  return {
    id: 'acc_1',
    kind: 'ewallet',
    currency: 'KZT',
    status: 'active',
    iban: null,
    displayName: 'E-wallet',
    balanceMinor: 5_000_000,
    availableMinor: 5_000_000,
    heldMinor: 0,
    ...overrides,
  };
}
