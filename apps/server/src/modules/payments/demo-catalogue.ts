import type { Localized } from '../../shared/i18n.js';
import type { AmountRule, FeeRule, ProviderField, ServiceCategory } from './catalogue.types.js';
import type { ProviderDefinition } from './catalogue-rules.js';

/**
 * The demo catalogue for Kazakhstan (issue 16 item 1), as data: the sections and the providers
 * the demo seeder writes (with the simulator's URL as their endpoint; payments/simulator answers
 * for each slug but the kindergarten's, which is ad hoc). The legal details are made up but well
 * formed: every BIN carries a legal entity's digit 5 and the IIN's check digit, every settlement
 * IBAN is another Kazakh bank's (Halyk 601, BCC 856, Forte 996, Jusan 998, Eurasian 948, Bereke
 * 914, Freedom 551) with mod-97 check digits computed for it. demo-catalogue.test.ts runs all of
 * it through catalogue-rules.ts.
 */

/** 1 ₸ = 100 tiyn. */
const TENGE = 100n;

export const DEMO_CATEGORIES: readonly ServiceCategory[] = [
  { id: 'mobile', name: { ru: 'Мобильная связь', kk: 'Ұялы байланыс', en: 'Mobile' }, icon: 'smartphone', position: 10 },
  { id: 'utilities', name: { ru: 'Коммунальные услуги', kk: 'Коммуналдық қызметтер', en: 'Utilities' }, icon: 'home', position: 20 },
  { id: 'internet-tv', name: { ru: 'Интернет и ТВ', kk: 'Интернет және теледидар', en: 'Internet and TV' }, icon: 'wifi', position: 30 },
  { id: 'transport', name: { ru: 'Транспорт', kk: 'Көлік', en: 'Transport' }, icon: 'bus', position: 40 },
  {
    id: 'fines-taxes',
    name: { ru: 'Штрафы и налоги', kk: 'Айыппұлдар мен салықтар', en: 'Fines and taxes' },
    icon: 'receipt',
    position: 50,
  },
  { id: 'education', name: { ru: 'Образование', kk: 'Білім беру', en: 'Education' }, icon: 'school', position: 60 },
];

const NO_FEE: FeeRule = { fixedMinor: 0n, percentBasisPoints: 0, capMinor: null };
// Top-ups: any amount from 100 ₸ to 100 000 ₸.
const TOP_UP: AmountRule = { kind: 'any', minMinor: 100n * TENGE, maxMinor: 100_000n * TENGE };

function phoneField(prefixes: string[]): ProviderField {
  return {
    name: 'phone',
    label: { ru: 'Номер телефона', kk: 'Телефон нөмірі', en: 'Phone number' },
    hint: null,
    kind: 'phone',
    minLength: 10,
    maxLength: 10,
    pattern: null,
    checkDigit: null,
    phonePrefixes: prefixes,
    main: true,
  };
}

function digitsField(name: string, label: Localized, hint: Localized | null, length: { min: number; max: number }): ProviderField {
  return {
    name,
    label,
    hint,
    kind: 'digits',
    minLength: length.min,
    maxLength: length.max,
    pattern: null,
    checkDigit: null,
    phonePrefixes: null,
    main: true,
  };
}

const ACCOUNT_LABEL: Localized = { ru: 'Лицевой счёт', kk: 'Дербес шот', en: 'Account number' };

function mobileOperator(
  slug: string,
  names: { name: Localized; legalName: string; keywords: string },
  details: { prefixes: string[]; bin: string; settlementIban: string; logo: { text: string; color: string }; position: number },
): ProviderDefinition {
  return {
    slug,
    categoryId: 'mobile',
    ...names,
    logo: details.logo,
    bin: details.bin,
    settlementIban: details.settlementIban,
    mode: 'validate',
    fields: [phoneField(details.prefixes)],
    amountRule: TOP_UP,
    feeRule: NO_FEE,
    currency: 'KZT',
    position: details.position,
  };
}

export const DEMO_PROVIDERS: readonly ProviderDefinition[] = [
  mobileOperator(
    'kcell',
    { name: { ru: 'Kcell', kk: 'Kcell', en: 'Kcell' }, legalName: 'АО «Кселл»', keywords: 'кселл, кцелл, activ, актив' },
    {
      prefixes: ['701', '702', '775', '778'],
      bin: '980540001236',
      settlementIban: 'KZ23601KZT0000012345',
      logo: { text: 'K', color: '#7b2d8e' },
      position: 10,
    },
  ),
  mobileOperator(
    'beeline',
    { name: { ru: 'Beeline', kk: 'Beeline', en: 'Beeline' }, legalName: 'ТОО «КаР-Тел»', keywords: 'билайн, билайн казахстан, кар-тел' },
    {
      prefixes: ['705', '771', '776', '777'],
      bin: '020940004563',
      settlementIban: 'KZ98856KZT1000054321',
      logo: { text: 'B', color: '#f5c400' },
      position: 20,
    },
  ),
  mobileOperator(
    'tele2',
    {
      name: { ru: 'Tele2 / Altel', kk: 'Tele2 / Altel', en: 'Tele2 / Altel' },
      legalName: 'ТОО «Мобайл Телеком-Сервис»',
      keywords: 'теле2, теле 2, tele 2, алтел, altel 4g',
    },
    {
      prefixes: ['707', '747', '700', '708'],
      bin: '041040007899',
      settlementIban: 'KZ51996KZT2000067890',
      logo: { text: 'T2', color: '#1f2229' },
      position: 30,
    },
  ),
  {
    slug: 'erc',
    categoryId: 'utilities',
    name: {
      ru: 'ЕРЦ — Единый расчётный центр',
      kk: 'БЕО — Бірыңғай есеп айырысу орталығы',
      en: 'ERC — Unified Settlement Centre',
    },
    legalName: 'ТОО «Единый расчётный центр»',
    keywords: 'ерц, erc, erts, коммуналка, квартплата, свет, вода, отопление, электричество',
    logo: { text: 'ЕРЦ', color: '#0b6e4f' },
    bin: '990740003211',
    settlementIban: 'KZ81998KZT3000011223',
    mode: 'fetch',
    fields: [
      digitsField(
        'account',
        ACCOUNT_LABEL,
        { ru: '10 цифр в верхней части квитанции', kk: 'Түбіртектің жоғарғы жағындағы 10 цифр', en: '10 digits at the top of the bill' },
        { min: 10, max: 10 },
      ),
    ],
    // At least the bill (an advance is welcome), from 1 ₸ when nothing is due, up to 1 000 000 ₸.
    amountRule: { kind: 'minimum', minMinor: TENGE, maxMinor: 1_000_000n * TENGE },
    feeRule: NO_FEE,
    currency: 'KZT',
    position: 10,
  },
  {
    slug: 'idnet',
    categoryId: 'internet-tv',
    name: { ru: 'ID Net — домашний интернет', kk: 'ID Net — үй интернеті', en: 'ID Net — home internet' },
    legalName: 'ТОО «АйДи Нет»',
    keywords: 'айди нет, айдинет, idnet, интернет, тв, телевидение',
    logo: { text: 'ID', color: '#e4572e' },
    bin: '101140006540',
    settlementIban: 'KZ97948KZT4000044556',
    mode: 'validate',
    fields: [
      digitsField(
        'contract',
        { ru: 'Номер договора', kk: 'Шарт нөмірі', en: 'Contract number' },
        {
          ru: '9 цифр на первой странице договора',
          kk: 'Шарттың бірінші бетіндегі 9 цифр',
          en: '9 digits on the first page of the contract',
        },
        { min: 9, max: 9 },
      ),
    ],
    amountRule: { kind: 'any', minMinor: 100n * TENGE, maxMinor: 500_000n * TENGE },
    feeRule: { fixedMinor: 50n * TENGE, percentBasisPoints: 0, capMinor: null },
    currency: 'KZT',
    position: 10,
  },
  {
    slug: 'onay',
    categoryId: 'transport',
    name: { ru: 'Onay — транспортная карта', kk: 'Onay — көлік картасы', en: 'Onay transport card' },
    legalName: 'ТОО «Онай»',
    keywords: 'онай, onai, проезд, автобус, метро, транспортная карта',
    logo: { text: 'O', color: '#00a3e0' },
    bin: '070340001110',
    settlementIban: 'KZ04914KZT5000077889',
    mode: 'validate',
    fields: [
      {
        ...digitsField(
          'card',
          { ru: 'Номер карты Onay', kk: 'Onay картасының нөмірі', en: 'Onay card number' },
          { ru: '19 цифр на обороте карты', kk: 'Картаның артқы жағындағы 19 цифр', en: '19 digits on the back of the card' },
          { min: 19, max: 19 },
        ),
        checkDigit: 'luhn',
      },
    ],
    amountRule: { kind: 'any', minMinor: 100n * TENGE, maxMinor: 20_000n * TENGE },
    // 1 %, at most 100 ₸.
    feeRule: { fixedMinor: 0n, percentBasisPoints: 100, capMinor: 100n * TENGE },
    currency: 'KZT',
    position: 10,
  },
  {
    slug: 'fines',
    categoryId: 'fines-taxes',
    name: { ru: 'Штрафы ПДД', kk: 'ЖҚЕ айыппұлдары', en: 'Traffic fines' },
    legalName: 'РГУ «Комитет административной полиции МВД РК»',
    keywords: 'штраф, штрафы, пдд, гаи, полиция, камера, сергек, sergek, айыппұл',
    logo: { text: 'ПДД', color: '#1d3557' },
    bin: '150840002222',
    settlementIban: 'KZ58551KZT6000099001',
    mode: 'fetch',
    fields: [
      {
        name: 'iin',
        label: { ru: 'ИИН', kk: 'ЖСН', en: 'IIN' },
        hint: { ru: '12 цифр, как в удостоверении', kk: 'Куәліктегідей 12 цифр', en: '12 digits, as on the ID card' },
        kind: 'iin',
        minLength: 12,
        maxLength: 12,
        pattern: null,
        checkDigit: 'iin',
        phonePrefixes: null,
        main: true,
      },
    ],
    // Exactly the fines the customer chose; the range only bounds what a bill may ask.
    amountRule: { kind: 'exact', minMinor: TENGE, maxMinor: 10_000_000n * TENGE },
    feeRule: NO_FEE,
    currency: 'KZT',
    position: 10,
  },
  {
    slug: 'kindergarten',
    categoryId: 'education',
    name: { ru: 'Детский сад «Балапан»', kk: '«Балапан» балабақшасы', en: 'Balapan kindergarten' },
    legalName: 'ГККП «Ясли-сад № 12 «Балапан»',
    keywords: 'балапан, balapan, детсад, садик, ясли, балабақша',
    logo: { text: 'Б', color: '#f4a261' },
    bin: '190140003331',
    settlementIban: 'KZ54826KZT7000022334',
    mode: 'ad-hoc',
    fields: [
      digitsField(
        'account',
        { ru: 'Лицевой счёт ребёнка', kk: 'Баланың дербес шоты', en: 'Child’s account number' },
        {
          ru: 'От 6 до 12 цифр, выдаёт бухгалтерия сада',
          kk: '6-дан 12 цифрға дейін, бақша бухгалтериясы береді',
          en: '6 to 12 digits, from the kindergarten’s office',
        },
        { min: 6, max: 12 },
      ),
    ],
    amountRule: { kind: 'any', minMinor: 100n * TENGE, maxMinor: 500_000n * TENGE },
    // 0.5 %, at most 500 ₸.
    feeRule: { fixedMinor: 0n, percentBasisPoints: 50, capMinor: 500n * TENGE },
    currency: 'KZT',
    position: 10,
  },
];
