import { defineProblems } from '../../shared/problem.js';

/** The acquiring module's closed set of refusals (problem+json). */
export const AcquiringProblem = defineProblems({
  // A merchant's fields that a schema cannot judge (BIN check digit, IBAN, origins, MCC): each
  // failing field is named in `errors` with its pointer.
  'merchant-invalid': {
    status: 422,
    title: {
      ru: 'Проверьте данные мерчанта',
      kk: 'Мерчант деректерін тексеріңіз',
      en: 'Check the merchant’s details',
    },
  },
  'merchant-bin-taken': {
    status: 409,
    title: {
      ru: 'Мерчант с таким БИН уже есть',
      kk: 'Мұндай БСН-мен мерчант бар',
      en: 'A merchant with this BIN already exists',
    },
  },
  'merchant-not-found': {
    status: 404,
    title: { ru: 'Мерчант не найден', kk: 'Мерчант табылмады', en: 'Merchant not found' },
  },
  'merchant-status-refused': {
    status: 409,
    title: {
      ru: 'Мерчант уже в этом состоянии: обновите страницу',
      kk: 'Мерчант осы күйде тұр: бетті жаңартыңыз',
      en: 'The merchant is already in this state: reload the page',
    },
  },
  'merchant-suspended': {
    status: 409,
    title: {
      ru: 'Работа мерчанта приостановлена: новые ключи не выдаются',
      kk: 'Мерчанттың жұмысы тоқтатылған: жаңа кілттер берілмейді',
      en: 'The merchant is suspended: no new keys are issued',
    },
  },
  'merchant-mode-disabled': {
    status: 409,
    title: {
      ru: 'Этот режим у мерчанта выключен',
      kk: 'Бұл режим мерчантта өшірілген',
      en: 'This mode is off for the merchant',
    },
  },
  'merchant-api-keys-too-many': {
    status: 409,
    title: {
      ru: 'У мерчанта уже {max} действующих ключей в этом режиме: сначала отзовите старый',
      kk: 'Мерчантта осы режимде {max} жарамды кілт бар: алдымен ескісін кері қайтарып алыңыз',
      en: 'The merchant already has {max} active keys in this mode: revoke an old one first',
    },
  },
  'merchant-api-key-not-found': {
    status: 404,
    title: { ru: 'Ключ не найден', kk: 'Кілт табылмады', en: 'Key not found' },
  },
  // One answer for every failure of a bearer key (none, malformed, unknown, revoked, suspended
  // merchant, another mode): the caller learns nothing about which; the audit log says.
  'merchant-unauthenticated': {
    status: 401,
    title: {
      ru: 'Нужен действующий секретный ключ API: Authorization: Bearer sk_…',
      kk: 'Жарамды құпия API кілті қажет: Authorization: Bearer sk_…',
      en: 'A valid secret API key is required: Authorization: Bearer sk_…',
    },
  },
});
