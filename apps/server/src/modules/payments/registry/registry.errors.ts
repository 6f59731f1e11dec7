import { defineProblems } from '../../../shared/problem.js';

/** The closed set of refusals of the provider's side (registries, reconciliations), in ru/kk/en, for staff. */
export const RegistryProblem = defineProblems({
  // No registry of that day for this provider: the day has not ended, it is still being made, or it is another provider's.
  'registry-not-found': {
    status: 404,
    title: {
      ru: 'Реестра за этот день у поставщика нет',
      kk: 'Жеткізушіде бұл күнгі тізілім жоқ',
      en: 'This provider has no registry for that day',
    },
  },
  // A day is reconciled once it is over in the bank's time zone: before that its payments still come in.
  'reconciliation-day-open': {
    status: 422,
    title: {
      ru: 'Этот день ещё не закончился: сверка возможна со следующего дня',
      kk: 'Бұл күн әлі аяқталған жоқ: салыстыру келесі күннен бастап мүмкін',
      en: 'That day is not over yet: it can be reconciled from the next day',
    },
  },
  'reconciliation-provider-unavailable': {
    status: 503,
    title: {
      ru: 'Поставщик не передал свои подтверждения. Попробуйте позже',
      kk: 'Жеткізуші өз растауларын бермеді. Кейінірек қайталаңыз',
      en: 'The provider did not give its confirmations. Try again later',
    },
  },
});
