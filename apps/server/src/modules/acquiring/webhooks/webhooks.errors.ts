import { defineProblems } from '../../../shared/problem.js';

/** The closed set of refusals of acquiring/webhooks (problem+json), in ru/kk/en. */
export const WebhooksProblem = defineProblems({
  // The URL or the event types of a new endpoint: each failing field is named in `errors`.
  'webhook-endpoint-invalid': {
    status: 422,
    title: {
      ru: 'Проверьте адрес и события вебхука',
      kk: 'Вебхук мекенжайы мен оқиғаларын тексеріңіз',
      en: 'Check the webhook’s URL and events',
    },
  },
  'webhook-endpoints-too-many': {
    status: 409,
    title: {
      ru: 'В этом режиме уже {max} адресов вебхуков: сначала удалите ненужный',
      kk: 'Бұл режимде {max} вебхук мекенжайы бар: алдымен қажетсізін жойыңыз',
      en: 'This mode has {max} webhook endpoints already: delete one first',
    },
  },
  // Unknown, another merchant's or another mode's: one answer for all (SECURITY.md 23).
  'webhook-endpoint-not-found': {
    status: 404,
    title: { ru: 'Адрес вебхука не найден', kk: 'Вебхук мекенжайы табылмады', en: 'Webhook endpoint not found' },
  },
  'merchant-event-not-found': {
    status: 404,
    title: { ru: 'Событие не найдено', kk: 'Оқиға табылмады', en: 'Event not found' },
  },
  'webhook-redelivery-no-endpoint': {
    status: 409,
    title: {
      ru: 'Нет включённого адреса вебхука, принимающего это событие',
      kk: 'Бұл оқиғаны қабылдайтын қосулы вебхук мекенжайы жоқ',
      en: 'No enabled webhook endpoint takes this event',
    },
  },
});
