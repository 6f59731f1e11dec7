import type { Localized } from '../../shared/i18n.js';

/** The field messages of a refused merchant (AcquiringProblem 'merchant-invalid'), in ru/kk/en. */
export const MERCHANT_FIELD_ERRORS = {
  legalName: {
    ru: 'Название: от 1 до 200 символов, без невидимых и управляющих символов',
    kk: 'Атауы: 1-ден 200 таңбаға дейін, көрінбейтін және басқару таңбаларынсыз',
    en: 'Legal name: 1 to 200 characters, without invisible or control characters',
  },
  bin: {
    ru: 'БИН: 12 цифр юридического лица (5-я цифра 4, 5 или 6) с верной контрольной цифрой',
    kk: 'БСН: заңды тұлғаның 12 цифры (5-цифры 4, 5 немесе 6), бақылау цифры дұрыс болуы керек',
    en: 'BIN: 12 digits of a legal entity (5th digit 4, 5 or 6) with a valid check digit',
  },
  binTaken: {
    ru: 'Мерчант с этим БИН уже заведён',
    kk: 'Осы БСН-мен мерчант бұрыннан тіркелген',
    en: 'A merchant with this BIN is on file already',
  },
  mcc: {
    ru: 'MCC: четыре цифры от 0001 до 9999',
    kk: 'MCC: 0001-ден 9999-ға дейінгі төрт цифр',
    en: 'MCC: four digits from 0001 to 9999',
  },
  settlementIban: {
    ru: 'IBAN: казахстанский счёт KZ из 20 символов с верными контрольными цифрами',
    kk: 'IBAN: бақылау цифрлары дұрыс, 20 таңбалы KZ қазақстандық шоты',
    en: 'IBAN: a Kazakh KZ account of 20 characters with valid check digits',
  },
  returnOrigin: {
    ru: 'Адрес возврата: только источник https://домен[:порт] без пути, параметров и логина',
    kk: 'Қайтару мекенжайы: жолсыз, параметрсіз және логинсіз тек https://домен[:порт] көзі',
    en: 'Return origin: only an https://host[:port] origin, without a path, query or login',
  },
  returnOriginsDuplicate: {
    ru: 'Этот адрес возврата уже указан',
    kk: 'Бұл қайтару мекенжайы бұрыннан көрсетілген',
    en: 'This return origin is listed already',
  },
  displayName: {
    ru: 'Название для выписки (DE43): от 1 до 25 латинских букв, цифр, пробелов и знаков ASCII',
    kk: 'Үзінді көшірмедегі атау (DE43): 1-ден 25-ке дейін латын әрпі, цифр, бос орын және ASCII таңбасы',
    en: 'Statement name (DE43): 1 to 25 printable ASCII characters',
  },
  modes: {
    ru: 'Включите хотя бы один режим: тестовый или боевой',
    kk: 'Кемінде бір режимді қосыңыз: тестілік немесе жұмыс',
    en: 'Turn on at least one mode: test or live',
  },
} as const satisfies Record<string, Localized>;
