import type { Localized } from '../../../shared/i18n.js';

/** The field messages of a refused endpoint (WebhooksProblem 'webhook-endpoint-invalid'), in ru/kk/en. */
export const ENDPOINT_FIELD_ERRORS = {
  url: {
    ru: 'Адрес: https://… публичного сервера, без логина и фрагмента (http://localhost только вне боевой среды)',
    kk: 'Мекенжай: жария сервердің https://… мекенжайы, логинсіз және фрагментсіз (http://localhost тек жұмыс ортасынан тыс)',
    en: 'URL: https://… of a public server, without a login or fragment (http://localhost outside production only)',
  },
  enabledEvents: {
    ru: 'События: известные типы событий без повторов, или "*" для всех',
    kk: 'Оқиғалар: қайталанбайтын белгілі оқиға түрлері немесе барлығы үшін "*"',
    en: 'Events: known event types without repeats, or "*" for all',
  },
} as const satisfies Record<string, Localized>;
