import { defineProblems } from '../../shared/problem.js';

/** The incidents module's closed set of refusals (problem+json). */
export const IncidentProblem = defineProblems({
  'incident-not-found': {
    status: 404,
    title: { ru: 'Обращение не найдено', kk: 'Өтініш табылмады', en: 'Report not found' },
  },
  'incident-step-refused': {
    status: 409,
    title: {
      ru: 'Этот шаг по обращению сейчас невозможен: обновите страницу',
      kk: 'Өтініш бойынша бұл қадам қазір мүмкін емес: бетті жаңартыңыз',
      en: 'This step is not possible for the report now: reload the page',
    },
  },
  // Many reports in a day are a flood, not a security problem: the phone is faster then.
  'incident-too-many': {
    status: 429,
    title: {
      ru: 'Сегодня вы уже отправили много сообщений. Если дело срочное, позвоните {contactPhone}',
      kk: 'Бүгін сіз көп хабарлама жібердіңіз. Іс шұғыл болса, {contactPhone} нөміріне қоңырау шалыңыз',
      en: 'You have sent many reports today. If it is urgent, call {contactPhone}',
    },
  },
  'incident-resolution-required': {
    status: 400,
    title: {
      ru: 'Напишите, чем закончилось обращение',
      kk: 'Өтініш немен аяқталғанын жазыңыз',
      en: 'Write how the report ended',
    },
  },
  'incident-note-empty': {
    status: 400,
    title: { ru: 'Напишите текст заметки', kk: 'Жазба мәтінін жазыңыз', en: 'Write the text of the note' },
  },
  'incident-assignee-unknown': {
    status: 422,
    title: {
      ru: 'Такого работающего сотрудника нет',
      kk: 'Мұндай жұмыс істеп жүрген қызметкер жоқ',
      en: 'There is no active staff member with this id',
    },
  },
  'incident-device-not-found': {
    status: 404,
    title: {
      ru: 'У клиента нет такого привязанного устройства',
      kk: 'Клиентте мұндай байланыстырылған құрылғы жоқ',
      en: 'The customer has no such bound device',
    },
  },
  'incident-operation-not-found': {
    status: 404,
    title: { ru: 'У клиента нет такой операции', kk: 'Клиентте мұндай операция жоқ', en: 'The customer has no such operation' },
  },
  'incident-customer-not-found': {
    status: 404,
    title: { ru: 'Клиент не найден', kk: 'Клиент табылмады', en: 'Customer not found' },
  },
});
