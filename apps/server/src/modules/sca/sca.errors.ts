import { defineProblems } from '../../shared/problem.js';

export const ScaProblem = defineProblems({
  'code-invalid': {
    status: 422,
    title: {
      ru: 'Неверный код. Осталось попыток: {attemptsLeft}',
      kk: 'Код қате. Қалған әрекет саны: {attemptsLeft}',
      en: 'Wrong code. Attempts left: {attemptsLeft}',
    },
  },
  'code-expired': {
    status: 422,
    title: {
      ru: 'Срок действия кода истёк, запросите новый',
      kk: 'Кодтың мерзімі өтті, жаңасын сұраңыз',
      en: 'The code has expired, please request a new one',
    },
  },
  'code-attempts-exceeded': {
    status: 422,
    title: {
      ru: 'Код введён неверно 3 раза и больше не действует',
      kk: 'Код 3 рет қате енгізілді және енді жарамсыз',
      en: 'The code was entered wrongly 3 times and no longer works',
    },
  },
  'code-not-valid-anymore': {
    status: 422,
    title: {
      ru: 'Этот код больше не действует',
      kk: 'Бұл код енді жарамсыз',
      en: 'This code is no longer valid',
    },
  },
  'code-resend-cooldown': {
    status: 429,
    title: {
      ru: 'Новый код можно запросить через {seconds} с',
      kk: 'Жаңа кодты {seconds} секундтан кейін сұрауға болады',
      en: 'You can request a new code in {seconds} s',
    },
  },
  // SECURITY.md 33: SMS pumping / toll fraud; the codes allowed are config SMS_ALLOWED_COUNTRY_CODES.
  'sms-country-not-allowed': {
    status: 422,
    title: {
      ru: 'SMS с кодами отправляются только на номера с кодом страны {countryCodes}',
      kk: 'Кодтары бар SMS тек {countryCodes} ел коды бар нөмірлерге жіберіледі',
      en: 'Codes are sent by SMS only to numbers with the country code {countryCodes}',
    },
  },
  'code-limit-reached': {
    status: 429,
    title: {
      ru: 'Слишком много кодов за час. Попробуйте позже',
      kk: 'Бір сағатта кодтар тым көп. Кейінірек қайталаңыз',
      en: 'Too many codes in an hour. Please try again later',
    },
  },
});
