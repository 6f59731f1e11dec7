import type { Localized } from '../../shared/i18n.js';

/** What a screen reader says of the enrolment QR code (shared/qr.ts qrSvg's label). */
export const ENROLMENT_QR_LABEL: Localized = {
  ru: 'QR-код для приложения-аутентификатора',
  kk: 'Аутентификатор қолданбасына арналған QR-код',
  en: 'QR code for your authenticator app',
};
