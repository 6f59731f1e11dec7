import type { Localized } from '../../../shared/i18n.js';

/** The field messages of a refused payment (PaymentProblem 'payment-invalid'), in ru/kk/en. */
export const PAYMENT_FIELD_ERRORS = {
  returnUrl: {
    ru: 'Адрес возврата: https-адрес на одном из разрешённых для мерчанта источников, без логина',
    kk: 'Қайтару мекенжайы: мерчантқа рұқсат етілген көздердің біріндегі логинсіз https мекенжайы',
    en: 'Return URL: an https URL on one of the merchant’s allowed origins, without a login',
  },
  metadata: {
    ru: 'Метаданные: до 20 ключей до 40 символов, значения до 500 символов, без управляющих символов',
    kk: 'Метадеректер: 40 таңбаға дейінгі 20 кілт, 500 таңбаға дейінгі мәндер, басқару таңбаларынсыз',
    en: 'Metadata: up to 20 keys of up to 40 characters, values up to 500 characters, no control characters',
  },
  text: {
    ru: 'Текст без невидимых и управляющих символов',
    kk: 'Көрінбейтін және басқару таңбаларынсыз мәтін',
    en: 'Text without invisible or control characters',
  },
} as const satisfies Record<string, Localized>;
