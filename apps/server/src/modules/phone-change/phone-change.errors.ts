import { defineProblems } from '../../shared/problem.js';

/** The refusals of a phone number change; the codes' own failures are sca's (verifyFailureProblem). */
export const PhoneChangeProblem = defineProblems({
  'phone-change-number-invalid': {
    status: 400,
    title: {
      ru: 'Укажите номер мобильного телефона с кодом +7, например +7 701 123 45 67',
      kk: '+7 кодымен ұялы телефон нөмірін көрсетіңіз, мысалы +7 701 123 45 67',
      en: 'Enter a mobile number with the code +7, for example +7 701 123 45 67',
    },
  },
  'phone-change-same-number': {
    status: 422,
    title: {
      ru: 'Это и есть ваш номер для входа. Укажите новый номер',
      kk: 'Бұл — кіруге арналған қазіргі нөміріңіз. Жаңа нөмірді көрсетіңіз',
      en: 'This already is the phone number of your access. Enter the new number',
    },
  },
  'phone-change-not-found': {
    status: 404,
    title: {
      ru: 'Смена номера не найдена или устарела. Начните заново',
      kk: 'Нөмірді ауыстыру табылмады немесе ескірді. Қайта бастаңыз',
      en: 'The phone number change was not found or has expired. Please start again',
    },
  },
  // The new number's code is asked only once the old number's code was confirmed.
  'phone-change-old-code-first': {
    status: 409,
    title: {
      ru: 'Сначала введите код, который пришёл на ваш текущий номер',
      kk: 'Алдымен қазіргі нөміріңізге келген кодты енгізіңіз',
      en: 'First enter the code sent to your current number',
    },
  },
  // SECURITY.md 36, as registration-refused: it must not tell that the number is a customer's.
  'phone-change-refused': {
    status: 422,
    title: {
      ru: 'Не удалось сменить номер онлайн на этот. Позвоните в контакт-центр {contactPhone}',
      kk: 'Нөмірді онлайн осы нөмірге ауыстыру мүмкін болмады. {contactPhone} байланыс орталығына қоңырау шалыңыз',
      en: 'We could not change the number to this one online. Please call the contact center at {contactPhone}',
    },
  },
  // Staff on a call: a blocked customer's number is not changed (binding a new authenticator is
  // what the unblock procedure does, after two security officers), so no code goes out either.
  'phone-change-customer-blocked': {
    status: 409,
    title: {
      ru: 'Доступ клиента заблокирован. Номер меняют только после разблокировки',
      kk: 'Клиенттің қолжетімділігі бұғатталған. Нөмір тек бұғаттан шығарылғаннан кейін ауыстырылады',
      en: 'The customer’s access is blocked. The number is changed only after the unblock',
    },
  },
});
