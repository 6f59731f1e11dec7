import { defineProblems, ProblemError } from '../../shared/problem.js';
import { LOOKUPS_PER_CALL_MAX, OPEN_CALLS_PER_STAFF_MAX } from './calls.types.js';

/** What the contact center's staff are told when a call step fails (in the staff member's language). */
export const CallProblem = defineProblems({
  // Also for another staff member's call: whose calls exist is nobody else's business.
  'call-not-found': {
    status: 404,
    title: { ru: 'Звонок не найден', kk: 'Қоңырау табылмады', en: 'Call not found' },
  },
  'call-closed': {
    status: 409,
    title: {
      ru: 'Звонок завершён. Откройте новый, если клиент ещё на линии',
      kk: 'Қоңырау аяқталды. Клиент әлі желіде болса, жаңасын ашыңыз',
      en: 'The call has ended. Open a new one if the customer is still on the line',
    },
  },
  'call-already-identified': {
    status: 409,
    title: {
      ru: 'Клиент на этом звонке уже подтверждён',
      kk: 'Бұл қоңыраудағы клиент расталып қойған',
      en: 'The customer on this call is already identified',
    },
  },
  'call-outbound-no-code': {
    status: 409,
    title: {
      ru: 'На исходящем звонке код не отправляется: банк никогда не просит код, когда звонит сам',
      kk: 'Шығыс қоңырауда код жіберілмейді: банк өзі қоңырау шалғанда ешқашан код сұрамайды',
      en: 'No code is sent on an outbound call: the bank never asks for a code when it calls',
    },
  },
  'call-limit-reached': {
    status: 409,
    title: {
      ru: `У вас уже ${OPEN_CALLS_PER_STAFF_MAX} открытых звонков. Завершите один из них`,
      kk: `Сізде ${OPEN_CALLS_PER_STAFF_MAX} ашық қоңырау бар. Олардың бірін аяқтаңыз`,
      en: `You already have ${OPEN_CALLS_PER_STAFF_MAX} open calls. Close one of them first`,
    },
  },
  'call-phone-invalid': {
    status: 400,
    title: {
      ru: 'Укажите мобильный номер, например +7 701 123 45 67',
      kk: 'Ұялы нөмірді көрсетіңіз, мысалы +7 701 123 45 67',
      en: 'Enter a mobile number, for example +7 701 123 45 67',
    },
  },
  'call-iin-invalid': {
    status: 400,
    title: {
      ru: 'ИИН указан неверно: проверьте 12 цифр',
      kk: 'ЖСН қате: 12 цифрды тексеріңіз',
      en: 'The IIN is not valid: check the 12 digits',
    },
  },
  'call-name-invalid': {
    status: 400,
    title: {
      ru: 'Укажите фамилию и имя буквами',
      kk: 'Тегі мен атын әріптермен жазыңыз',
      en: 'Enter the surname and given name in letters',
    },
  },
  'call-lookups-exhausted': {
    status: 429,
    title: {
      ru: `На одном звонке можно искать клиента не больше ${LOOKUPS_PER_CALL_MAX} раз`,
      kk: `Бір қоңырауда клиентті ${LOOKUPS_PER_CALL_MAX} реттен артық іздеуге болмайды`,
      en: `A customer can be looked up at most ${LOOKUPS_PER_CALL_MAX} times on one call`,
    },
  },
  'call-lookup-rate-limited': {
    status: 429,
    title: {
      ru: 'Слишком много поисков клиентов за час. Попробуйте позже',
      kk: 'Бір сағатта клиенттерді іздеу тым көп. Кейінірек қайталаңыз',
      en: 'Too many customer look-ups in an hour. Please try again later',
    },
  },
  'call-customer-not-found': {
    status: 404,
    title: { ru: 'Клиент не найден', kk: 'Клиент табылмады', en: 'Customer not found' },
  },
  // The same answer whether the customer does not exist or the staff member may not see them
  // (SECURITY.md 23: failures are 404, not 403, and audited).
  'customer-file-not-found': {
    status: 404,
    title: {
      ru: 'Карточка клиента недоступна: сначала подтвердите клиента кодом на звонке',
      kk: 'Клиент картасы қолжетімсіз: алдымен клиентті қоңыраудағы кодпен растаңыз',
      en: 'The customer file is not available: identify the customer with the code on the call first',
    },
  },
  'customer-file-reason-required': {
    status: 400,
    title: {
      ru: 'Укажите причину, по которой открываете карточку без звонка',
      kk: 'Картаны қоңыраусыз ашу себебін көрсетіңіз',
      en: 'Give the reason for opening the file without a call',
    },
  },
});

export type CallProblemCode = keyof typeof CallProblem;

/** The closed set of call failures the services return as values; each maps to one problem. */
export type CallFailure =
  | 'call-not-found'
  | 'call-closed'
  | 'call-already-identified'
  | 'call-outbound-no-code'
  | 'call-limit-reached'
  | 'call-lookups-exhausted'
  | 'call-customer-not-found';

const FAILURE_PROBLEMS: Readonly<Record<CallFailure, CallProblemCode>> = {
  'call-not-found': 'call-not-found',
  'call-closed': 'call-closed',
  'call-already-identified': 'call-already-identified',
  'call-outbound-no-code': 'call-outbound-no-code',
  'call-limit-reached': 'call-limit-reached',
  'call-lookups-exhausted': 'call-lookups-exhausted',
  'call-customer-not-found': 'call-customer-not-found',
};

export function callFailureProblem(failure: CallFailure): ProblemError {
  return new ProblemError(FAILURE_PROBLEMS[failure]);
}

/** RFC 9110 §10.2.3: the 429 of the hourly look-up cap says when the next look-up is allowed. */
export function lookupRateLimitProblem(retryAfterSeconds: number): ProblemError {
  return new ProblemError(CallProblem['call-lookup-rate-limited'], {
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}
