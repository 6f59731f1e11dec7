import type { Localized } from '../../shared/i18n.js';

/**
 * What staff read under a field of the provider's form when the catalogue's own rules
 * (catalogue-rules.ts) are met but the staff's use case still refuses it (catalogue.admin.ts,
 * provider-settlement-approval.ts), in ru/kk/en.
 */
export const CATALOGUE_ADMIN_FIELD_MESSAGES = {
  categoryUnknown: {
    ru: 'Такого раздела каталога нет',
    kk: 'Каталогта мұндай бөлім жоқ',
    en: 'The catalogue has no such section',
  },
  slugTaken: {
    ru: 'Этот код уже у другого поставщика',
    kk: 'Бұл код басқа жеткізушіде',
    en: 'Another provider has this slug',
  },
  endpointSecret: {
    ru: 'Секрет из договора с поставщиком: от 16 до 200 латинских букв, цифр и знаков, без пробелов',
    kk: 'Жеткізушімен шарттағы құпия: бос орынсыз 16-дан 200-ге дейін латын әріптері, цифрлар мен белгілер',
    en: 'The secret from the provider’s contract: 16 to 200 Latin letters, digits and symbols, no spaces',
  },
  settlementUnchanged: {
    ru: 'Реквизиты не изменились',
    kk: 'Деректемелер өзгерген жоқ',
    en: 'The details are unchanged',
  },
} as const satisfies Record<string, Localized>;
