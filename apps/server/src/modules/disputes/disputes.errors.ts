import { defineProblems } from '../../shared/problem.js';

/** The disputes module's closed set of refusals (problem+json), for customers and staff alike. */
export const DisputeProblem = defineProblems({
  // Another customer's case answers the same as none (and is audited), so ids reveal nothing.
  'dispute-not-found': {
    status: 404,
    title: { ru: 'Обращение не найдено', kk: 'Өтініш табылмады', en: 'Dispute not found' },
  },
  // A step the state machine (disputes.types.ts) does not have from the case's state now.
  'dispute-step-refused': {
    status: 409,
    title: {
      ru: 'Этот шаг по обращению сейчас невозможен: обновите страницу',
      kk: 'Өтініш бойынша бұл қадам қазір мүмкін емес: бетті жаңартыңыз',
      en: 'This step is not possible for the dispute now: reload the page',
    },
  },
  'dispute-refund-too-large': {
    status: 422,
    title: {
      ru: 'Сумма возврата больше суммы операции',
      kk: 'Қайтарым сомасы операция сомасынан көп',
      en: 'The refund is larger than the amount of the operation',
    },
  },
  // The customer's money did not leave with this operation (declined, or it was paid to them).
  'dispute-refund-not-applicable': {
    status: 409,
    title: {
      ru: 'По этой операции деньги клиента не списывались: возвращать нечего',
      kk: 'Бұл операция бойынша клиенттің ақшасы есептен шығарылған жоқ: қайтаратын ештеңе жоқ',
      en: "The customer's money did not leave with this operation: there is nothing to refund",
    },
  },
  'dispute-refund-declined': {
    status: 409,
    title: {
      ru: 'Счёт клиента не может принять возврат (закрыт)',
      kk: 'Клиенттің шоты қайтарымды қабылдай алмайды (жабық)',
      en: "The customer's account cannot take the refund (closed)",
    },
  },
  'dispute-assignee-unknown': {
    status: 422,
    title: {
      ru: 'Такого работающего сотрудника нет',
      kk: 'Мұндай жұмыс істеп жүрген қызметкер жоқ',
      en: 'There is no active staff member with this id',
    },
  },
  'dispute-note-empty': {
    status: 400,
    title: { ru: 'Напишите текст заметки', kk: 'Жазба мәтінін жазыңыз', en: 'Write the text of the note' },
  },
  'dispute-message-required': {
    status: 400,
    title: {
      ru: 'Напишите клиенту, почему обращение отклонено',
      kk: 'Өтініштің неге қабылданбағанын клиентке жазыңыз',
      en: 'Write to the customer why the dispute is refused',
    },
  },
});
