import { defineProblems, ProblemError } from '../../shared/problem.js';

/** What a staff member is told when a customer search fails (in the staff member's language). */
export const CustomerProblem = defineProblems({
  // Operators find a caller only on a call, as "exists or not" (calls' lookup.ts); the search
  // that lists customers is the security officers'.
  'customer-search-officers-only': {
    status: 403,
    title: {
      ru: 'Поиск клиентов доступен только сотрудникам безопасности. Операторы ищут клиента на звонке',
      kk: 'Клиенттерді іздеу тек қауіпсіздік қызметкерлеріне қолжетімді. Операторлар клиентті қоңырауда іздейді',
      en: 'Only security officers search customers. Operators look a caller up on the call',
    },
  },
  'customer-search-query-invalid': {
    status: 400,
    title: {
      ru: 'Укажите что-то одно: телефон, ИИН или фамилию и имя',
      kk: 'Біреуін ғана көрсетіңіз: телефон, ЖСН немесе тегі мен аты',
      en: 'Give one of: the phone, the IIN, or the full name',
    },
  },
  'customer-search-phone-invalid': {
    status: 400,
    title: {
      ru: 'Укажите мобильный номер, например +7 701 123 45 67',
      kk: 'Ұялы нөмірді көрсетіңіз, мысалы +7 701 123 45 67',
      en: 'Enter a mobile number, for example +7 701 123 45 67',
    },
  },
  'customer-search-iin-invalid': {
    status: 400,
    title: {
      ru: 'ИИН указан неверно: проверьте 12 цифр',
      kk: 'ЖСН қате: 12 цифрды тексеріңіз',
      en: 'The IIN is not valid: check the 12 digits',
    },
  },
  'customer-search-name-invalid': {
    status: 400,
    title: {
      ru: 'Укажите фамилию и имя буквами',
      kk: 'Тегі мен атын әріптермен жазыңыз',
      en: 'Enter the surname and given name in letters',
    },
  },
  'customer-search-rate-limited': {
    status: 429,
    title: {
      ru: 'Слишком много поисков клиентов за час. Попробуйте позже',
      kk: 'Бір сағатта клиенттерді іздеу тым көп. Кейінірек қайталаңыз',
      en: 'Too many customer searches in an hour. Please try again later',
    },
  },
});

/** RFC 9110 §10.2.3: the 429 of the hourly cap says when the next search is allowed. */
export function searchRateLimitProblem(retryAfterSeconds: number): ProblemError {
  return new ProblemError(CustomerProblem['customer-search-rate-limited'], {
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}
