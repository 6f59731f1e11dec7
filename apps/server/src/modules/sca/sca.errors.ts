import { defineProblems, ProblemError } from '../../shared/problem.js';
import { CODE_CAP_WINDOW_MS, type IssueResult, type ResendResult, type VerifyResult } from './sca.types.js';

const MS_PER_S = 1000;

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

export type ScaProblemCode = keyof typeof ScaProblem;

type VerifyFailure = Exclude<VerifyResult, { ok: true }>;

/** Every way a code can fail to verify, and what the customer is told (a void code is void, whatever voided it). */
const VERIFY_FAILURE_PROBLEMS: Readonly<Record<VerifyFailure['reason'], ScaProblemCode>> = {
  invalid: 'code-invalid',
  expired: 'code-expired',
  'attempts-exceeded': 'code-attempts-exceeded',
  'not-pending': 'code-not-valid-anymore',
  'details-changed': 'code-not-valid-anymore',
};

/** The problem a failed verification shows the customer. */
export function verifyFailureProblem(result: VerifyFailure): ProblemError {
  if (result.reason === 'invalid') {
    return new ProblemError(ScaProblem['code-invalid'], {
      values: { attemptsLeft: result.attemptsLeft },
      extensions: { attemptsLeft: result.attemptsLeft },
    });
  }
  return new ProblemError(VERIFY_FAILURE_PROBLEMS[result.reason]);
}

// Failures that carry a figure (seconds to wait, the calling codes allowed): an exhaustive switch,
// so a new reason breaks the build here until it says what the customer is told.

export function resendFailureProblem(result: Exclude<ResendResult, { ok: true }>): ProblemError {
  switch (result.reason) {
    case 'cooldown':
      return new ProblemError(ScaProblem['code-resend-cooldown'], {
        values: { seconds: result.seconds },
        headers: { 'retry-after': String(result.seconds) },
        extensions: { retryAfterSeconds: result.seconds },
      });
    case 'rate-limited':
      return rateLimitProblem(result.retryAfterSeconds);
    case 'not-pending':
      return new ProblemError(ScaProblem['code-not-valid-anymore']);
  }
}

export function issueFailureProblem(result: Exclude<IssueResult, { ok: true }>): ProblemError {
  switch (result.reason) {
    case 'rate-limited':
      return rateLimitProblem(result.retryAfterSeconds);
    case 'country-not-allowed':
      return smsCountryProblem(result.allowedCountryCodes);
  }
}

/** RFC 9110 §10.2.3: the 429 says when a code can be had again (when the oldest counted one leaves the hour). */
export function rateLimitProblem(retryAfterSeconds: number = CODE_CAP_WINDOW_MS / MS_PER_S): ProblemError {
  return new ProblemError(ScaProblem['code-limit-reached'], {
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}

/** SECURITY.md 33: this number is outside the calling codes SMS may go to. */
export function smsCountryProblem(allowedCountryCodes: readonly string[]): ProblemError {
  return new ProblemError(ScaProblem['sms-country-not-allowed'], {
    values: { countryCodes: allowedCountryCodes.map((code) => `+${code}`).join(', ') },
  });
}
