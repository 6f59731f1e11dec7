import { defineProblems } from '../../shared/problem.js';

export const IdentityProblem = defineProblems({
  'phone-invalid': {
    status: 400,
    title: {
      ru: 'Укажите номер мобильного телефона, например +7 701 123 45 67',
      kk: 'Ұялы телефон нөмірін көрсетіңіз, мысалы +7 701 123 45 67',
      en: 'Enter a mobile phone number, for example +7 701 123 45 67',
    },
  },
  'iin-invalid': {
    status: 400,
    title: {
      ru: 'ИИН указан неверно: проверьте 12 цифр',
      kk: 'ЖСН қате: 12 цифрды тексеріңіз',
      en: 'The IIN is not valid: please check the 12 digits',
    },
  },
  'iin-underage': {
    status: 422,
    title: {
      ru: 'Открыть договор онлайн можно с 18 лет',
      kk: 'Шартты онлайн 18 жастан бастап ашуға болады',
      en: 'You must be 18 or older to sign up online',
    },
  },
  'name-invalid': {
    status: 400,
    title: {
      ru: 'Укажите фамилию и имя буквами, как в удостоверении личности',
      kk: 'Тегіңіз бен атыңызды жеке куәліктегідей әріптермен жазыңыз',
      en: 'Enter your surname and given name in letters, as on your ID card',
    },
  },
  'registration-not-found': {
    status: 404,
    title: {
      ru: 'Регистрация не найдена или устарела. Начните заново',
      kk: 'Тіркелу табылмады немесе ескірді. Қайта бастаңыз',
      en: 'The registration was not found or has expired. Please start again',
    },
  },
  // The texts changed while the form was open: the customer accepts the version they read, or none.
  'documents-outdated': {
    status: 409,
    title: {
      ru: 'Условия договора и согласия обновились. Обновите страницу, прочитайте их и примите снова',
      kk: 'Шарт пен келісімнің шарттары жаңартылды. Бетті жаңартып, оларды оқып, қайта қабылдаңыз',
      en: 'The agreement and the consent have been updated. Reload the page, read them and accept them again',
    },
  },
  'registration-phone-not-verified': {
    status: 409,
    title: {
      ru: 'Сначала подтвердите номер телефона кодом из SMS',
      kk: 'Алдымен телефон нөмірін SMS кодымен растаңыз',
      en: 'Please confirm your phone number with the SMS code first',
    },
  },
  // Neutral: it must not tell a stranger that this IIN already belongs to a customer.
  'registration-refused': {
    status: 422,
    title: {
      ru: 'Не удалось открыть договор онлайн с этими данными. Позвоните в контакт-центр {contactPhone}',
      kk: 'Осы деректермен шартты онлайн ашу мүмкін болмады. {contactPhone} байланыс орталығына қоңырау шалыңыз',
      en: 'We could not open an agreement online with these details. Please call the contact center at {contactPhone}',
    },
  },
});
