import { defineProblems } from '../../shared/problem.js';
import type { ChallengeFailure } from './challenge.service.js';

/**
 * The ACS's closed set of refusals on the challenge API (problem+json). A wrong code is no problem:
 * it is an answer (transStatus C with the tries left, or N after the last one).
 */
export const AcsProblem = defineProblems({
  // One answer for an id never issued, a frictionless or rejected authentication (no page) and
  // a CReq whose 3DS Server id is not the challenge's: the caller learns nothing of which.
  'acs-challenge-not-found': {
    status: 404,
    title: { ru: 'Проверка не найдена', kk: 'Тексеру табылмады', en: 'Challenge not found' },
  },
  'acs-challenge-ended': {
    status: 409,
    title: {
      ru: 'Проверка уже завершена: вернитесь в магазин',
      kk: 'Тексеру аяқталды: дүкенге оралыңыз',
      en: 'The challenge has ended: go back to the shop',
    },
  },
  'acs-resend-cooldown': {
    status: 429,
    title: {
      ru: 'Новый код можно запросить через {seconds} с',
      kk: 'Жаңа кодты {seconds} с кейін сұрауға болады',
      en: 'A new code can be requested in {seconds} s',
    },
  },
  'acs-resends-exhausted': {
    status: 409,
    title: {
      ru: 'Новых кодов больше не будет: начните оплату заново',
      kk: 'Жаңа кодтар енді жіберілмейді: төлемді қайта бастаңыз',
      en: 'No more new codes: start the payment again',
    },
  },
});

export const CHALLENGE_FAILURE_PROBLEMS: Readonly<Record<ChallengeFailure, keyof typeof AcsProblem>> = {
  'not-found': 'acs-challenge-not-found',
  ended: 'acs-challenge-ended',
  cooldown: 'acs-resend-cooldown',
  'resends-exhausted': 'acs-resends-exhausted',
};
