import { defineProblems } from '../../shared/problem.js';

/**
 * What the cooling period after a phone number change refuses (phone-cooling.ts). The modules
 * that refuse (auth: a new device; transfers: a new trusted payee) throw these, with a detail that
 * names the end of the period in the customer's language and an extension `coolingUntil`.
 */
export const PhoneCoolingProblem = defineProblems({
  'phone-cooling-no-new-device': {
    status: 409,
    title: {
      ru: 'Номер телефона недавно изменён: новое устройство пока нельзя привязать',
      kk: 'Телефон нөмірі жақында өзгертілді: жаңа құрылғыны әзірге байланыстыруға болмайды',
      en: 'The phone number was changed recently: a new device cannot be bound yet',
    },
  },
  'phone-cooling-no-new-trusted-payee': {
    status: 409,
    title: {
      ru: 'Номер телефона недавно изменён: нового доверенного получателя пока нельзя добавить',
      kk: 'Телефон нөмірі жақында өзгертілді: жаңа сенімді алушыны әзірге қосуға болмайды',
      en: 'The phone number was changed recently: a new trusted payee cannot be added yet',
    },
  },
});
