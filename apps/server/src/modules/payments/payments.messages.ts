import type { Localized } from '../../shared/i18n.js';

/**
 * The payments module's customer- and staff-facing texts in ru/kk/en. `{name}` placeholders are
 * filled by shared/i18n.ts format() (fields.ts and catalogue-rules.ts fill them per field).
 */

/** Why a value typed into a provider's field is refused (fields.ts); `{label}` is the field's label. */
export const FIELD_ERROR_CODES = [
  'required',
  'too-short',
  'too-long',
  'pattern',
  'check-digit',
  'not-a-mobile-number',
  'unknown-field',
] as const;
export type FieldErrorCode = (typeof FIELD_ERROR_CODES)[number];

export const FIELD_ERROR_MESSAGES = {
  required: {
    ru: '{label}: заполните поле',
    kk: '{label}: өрісті толтырыңыз',
    en: '{label}: please fill this in',
  },
  'too-short': {
    ru: '{label}: не меньше {min} символов',
    kk: '{label}: кемінде {min} таңба',
    en: '{label}: at least {min} characters',
  },
  'too-long': {
    ru: '{label}: не больше {max} символов',
    kk: '{label}: {max} таңбадан аспауы керек',
    en: '{label}: at most {max} characters',
  },
  pattern: {
    ru: '{label}: проверьте формат — {expected}',
    kk: '{label}: пішімін тексеріңіз — {expected}',
    en: '{label}: check the format — {expected}',
  },
  'check-digit': {
    ru: '{label}: номер с ошибкой — проверьте каждую цифру',
    kk: '{label}: нөмір қате — әр цифрды тексеріңіз',
    en: '{label}: this number has a typo — check every digit',
  },
  'not-a-mobile-number': {
    ru: '{label}: введите мобильный номер Казахстана, +7 7XX XXX XX XX',
    kk: '{label}: Қазақстанның ұялы нөмірін енгізіңіз, +7 7XX XXX XX XX',
    en: '{label}: enter a Kazakh mobile number, +7 7XX XXX XX XX',
  },
  'unknown-field': {
    ru: 'Этому получателю такое поле не нужно',
    kk: 'Бұл алушыға мұндай өріс қажет емес',
    en: 'This provider does not take this field',
  },
} as const satisfies Record<FieldErrorCode, Localized>;

/** What a field's kind accepts, shown in the `pattern` message as `{expected}`. */
export const FIELD_KIND_EXPECTED = {
  text: { ru: 'буквы, цифры и знаки - / .', kk: 'әріптер, цифрлар және - / . таңбалары', en: 'letters, digits and - / .' },
  digits: { ru: 'только цифры', kk: 'тек цифрлар', en: 'digits only' },
  phone: { ru: '+7 7XX XXX XX XX', kk: '+7 7XX XXX XX XX', en: '+7 7XX XXX XX XX' },
  iin: { ru: '12 цифр ИИН', kk: 'ЖСН-нің 12 цифры', en: 'the 12 digits of an IIN' },
  custom: { ru: 'как на квитанции', kk: 'түбіртектегідей', en: 'as printed on the bill' },
} as const satisfies Record<string, Localized>;

/** Hints that never block a payment (fields.ts). */
export const FIELD_WARNING_CODES = ['other-operator'] as const;
export type FieldWarningCode = (typeof FIELD_WARNING_CODES)[number];

export const FIELD_WARNING_MESSAGES = {
  // Numbers move between operators (MNP), so a prefix is a hint and never a refusal.
  'other-operator': {
    ru: 'Этот номер похож на номер другого оператора — номера переносят, проверьте',
    kk: 'Бұл нөмір басқа оператордың нөміріне ұқсайды — нөмірлер көшіріледі, тексеріңіз',
    en: 'This number looks like another operator’s — numbers can be ported, please check',
  },
} as const satisfies Record<FieldWarningCode, Localized>;

/** Why an amount is refused (fees.ts checkAmount); `{limit}` is the amount formatted for the locale by the caller. */
export const AMOUNT_ERROR_MESSAGES = {
  'below-minimum': { ru: 'Сумма не меньше {limit}', kk: 'Сома {limit} кем болмауы керек', en: 'The amount must be at least {limit}' },
  'above-maximum': { ru: 'Сумма не больше {limit}', kk: 'Сома {limit} аспауы керек', en: 'The amount must be at most {limit}' },
  'not-exact': { ru: 'Оплатите ровно {limit}', kk: 'Дәл {limit} төлеңіз', en: 'Pay exactly {limit}' },
} as const satisfies Record<string, Localized>;

/** Why staff's definition of a provider is refused (catalogue-rules.ts), one per JSON pointer. */
export const CATALOGUE_RULE_MESSAGES = {
  'name-length': {
    ru: 'Название: от 1 до 80 символов на каждом языке, без невидимых символов',
    kk: 'Атауы: әр тілде 1-ден 80 таңбаға дейін, көрінбейтін таңбаларсыз',
    en: 'Name: 1 to 80 characters in each language, without invisible characters',
  },
  slug: {
    ru: 'Код: латинские строчные буквы, цифры и дефис, от 2 до 40 символов, с буквы',
    kk: 'Код: кіші латын әріптері, цифрлар және дефис, 2-ден 40 таңбаға дейін, әріптен басталады',
    en: 'Slug: 2 to 40 lower-case Latin letters, digits and hyphens, starting with a letter',
  },
  category: {
    ru: 'Категория: выберите раздел каталога',
    kk: 'Санат: каталог бөлімін таңдаңыз',
    en: 'Category: choose a section of the catalogue',
  },
  icon: {
    ru: 'Значок: латинские строчные буквы, цифры и дефис',
    kk: 'Белгіше: кіші латын әріптері, цифрлар және дефис',
    en: 'Icon: lower-case Latin letters, digits and hyphens',
  },
  keywords: {
    ru: 'Ключевые слова: не больше 400 символов',
    kk: 'Кілт сөздер: 400 таңбадан аспауы керек',
    en: 'Keywords: at most 400 characters',
  },
  'logo-text': {
    ru: 'Логотип: от 1 до 3 символов',
    kk: 'Логотип: 1-ден 3 таңбаға дейін',
    en: 'Logo: 1 to 3 characters',
  },
  'logo-color': {
    ru: 'Цвет логотипа: #rrggbb строчными',
    kk: 'Логотип түсі: кіші әріптермен #rrggbb',
    en: 'Logo colour: #rrggbb in lower case',
  },
  'legal-name': {
    ru: 'Юридическое название: от 2 до 160 символов',
    kk: 'Заңды атауы: 2-ден 160 таңбаға дейін',
    en: 'Legal name: 2 to 160 characters',
  },
  bin: {
    ru: 'БИН: 12 цифр юридического лица (5-я цифра 4, 5 или 6) с верной контрольной цифрой',
    kk: 'БСН: заңды тұлғаның 12 цифры (5-цифры 4, 5 немесе 6), бақылау цифры дұрыс болуы керек',
    en: 'BIN: 12 digits of a legal entity (5th digit 4, 5 or 6) with a valid check digit',
  },
  'settlement-iban': {
    ru: 'Счёт для расчётов: IBAN KZ из 20 символов с верными контрольными цифрами',
    kk: 'Есеп айырысу шоты: бақылау цифрлары дұрыс, 20 таңбалы KZ IBAN',
    en: 'Settlement account: a KZ IBAN of 20 characters with valid check digits',
  },
  mode: {
    ru: 'Режим: fetch, validate или ad-hoc',
    kk: 'Режим: fetch, validate немесе ad-hoc',
    en: 'Mode: fetch, validate or ad-hoc',
  },
  currency: {
    ru: 'Валюта: одна из валют банка',
    kk: 'Валюта: банк валюталарының бірі',
    en: 'Currency: one of the bank’s currencies',
  },
  position: {
    ru: 'Порядок: целое число от 0 до 10 000',
    kk: 'Реті: 0-ден 10 000-ға дейінгі бүтін сан',
    en: 'Position: a whole number from 0 to 10,000',
  },
  'fields-count': {
    ru: 'Поля: от 1 до 5',
    kk: 'Өрістер: 1-ден 5-ке дейін',
    en: 'Fields: 1 to 5',
  },
  'field-name': {
    ru: 'Имя поля: латинская буква, затем до 31 латинской буквы или цифры',
    kk: 'Өріс аты: латын әрпі, содан кейін 31-ге дейін латын әрпі немесе цифр',
    en: 'Field name: a Latin letter, then up to 31 Latin letters or digits',
  },
  'field-name-duplicate': {
    ru: 'Поле с таким именем уже есть',
    kk: 'Мұндай атаулы өріс бар',
    en: 'Another field has this name',
  },
  'field-main': {
    ru: 'Ровно одно поле должно быть основным (номер счёта в чеке), и оно обязательное',
    kk: 'Тек бір өріс негізгі болуы керек (түбіртектегі шот нөмірі), және ол міндетті',
    en: 'Exactly one field must be the main one (the account on receipts), and it is required',
  },
  'field-kind': {
    ru: 'Тип поля: text, digits, phone или iin',
    kk: 'Өріс түрі: text, digits, phone немесе iin',
    en: 'Field kind: text, digits, phone or iin',
  },
  'field-label': {
    ru: 'Подпись и подсказка поля: от 1 до 80 и до 160 символов на каждом языке',
    kk: 'Өріс белгісі мен кеңесі: әр тілде 1-ден 80-ге дейін және 160-қа дейін таңба',
    en: 'Field label and hint: 1 to 80 and up to 160 characters in each language',
  },
  'field-length': {
    ru: 'Длина поля: 0 ≤ минимум ≤ максимум ≤ 64 (телефон — 10 цифр, ИИН — 12)',
    kk: 'Өріс ұзындығы: 0 ≤ ең аз ≤ ең көп ≤ 64 (телефон — 10 цифр, ЖСН — 12)',
    en: 'Field length: 0 ≤ minimum ≤ maximum ≤ 64 (a phone 10 digits, an IIN 12)',
  },
  'field-pattern': {
    ru: 'Шаблон: регулярное выражение JavaScript до 200 символов',
    kk: 'Үлгі: 200 таңбаға дейінгі JavaScript тұрақты өрнегі',
    en: 'Pattern: a JavaScript regular expression of up to 200 characters',
  },
  'field-pattern-unsafe': {
    ru: 'Шаблон: повторение внутри повторения может зависать — упростите выражение',
    kk: 'Үлгі: қайталау ішіндегі қайталау қатып қалуы мүмкін — өрнекті жеңілдетіңіз',
    en: 'Pattern: a repetition inside a repetition can hang — simplify the expression',
  },
  'field-check-digit': {
    ru: 'Контрольная цифра: iin (12 цифр) или luhn — только для цифровых полей',
    kk: 'Бақылау цифры: iin (12 цифр) немесе luhn — тек цифрлық өрістерге',
    en: 'Check digit: iin (12 digits) or luhn — on digit fields only',
  },
  'field-phone-prefixes': {
    ru: 'Префиксы оператора: только у телефона, по 3 цифры, без повторов',
    kk: 'Оператор префикстері: тек телефонда, әрқайсысы 3 цифр, қайталаусыз',
    en: 'Operator prefixes: on phone fields only, 3 digits each, no repeats',
  },
  'amount-kind': {
    ru: 'Правило суммы: any, minimum или exact',
    kk: 'Сома ережесі: any, minimum немесе exact',
    en: 'Amount rule: any, minimum or exact',
  },
  'amount-range': {
    ru: 'Сумма: 0 < минимум ≤ максимум ≤ 10¹³ тиын',
    kk: 'Сома: 0 < ең аз ≤ ең көп ≤ 10¹³ тиын',
    en: 'Amount: 0 < minimum ≤ maximum ≤ 10¹³ tiyn',
  },
  'amount-exact': {
    ru: 'Точная сумма без счёта поставщика: минимум должен равняться максимуму',
    kk: 'Жеткізушінің шотынсыз нақты сома: ең аз ең көпке тең болуы керек',
    en: 'An exact amount without the provider’s bill: the minimum must equal the maximum',
  },
  'fee-fixed': {
    ru: 'Фиксированная комиссия: от 0 тиын',
    kk: 'Тіркелген комиссия: 0 тиыннан бастап',
    en: 'Fixed fee: 0 tiyn or more',
  },
  'fee-percent': {
    ru: 'Процент комиссии: от 0 до 1000 базисных пунктов (10 %)',
    kk: 'Комиссия пайызы: 0-ден 1000 базистік тармаққа дейін (10 %)',
    en: 'Fee percent: 0 to 1000 basis points (10 %)',
  },
  'fee-cap': {
    ru: 'Потолок комиссии: не меньше фиксированной части',
    kk: 'Комиссия шегі: тіркелген бөліктен кем емес',
    en: 'Fee cap: at least the fixed part',
  },
  'endpoint-url': {
    ru: 'Адрес API поставщика: http(s)://…, до 500 символов, без логина',
    kk: 'Жеткізуші API мекенжайы: http(s)://…, 500 таңбаға дейін, логинсіз',
    en: 'Provider API address: http(s)://…, up to 500 characters, without a login',
  },
} as const satisfies Record<string, Localized>;

export type CatalogueRuleCode = keyof typeof CATALOGUE_RULE_MESSAGES;
