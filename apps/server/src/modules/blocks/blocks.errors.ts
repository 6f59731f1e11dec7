import { defineProblems, ProblemError } from '../../shared/problem.js';
import { blockedDetail, tooManyBlockAttemptsDetail } from './blocks.messages.js';
import type { UnblockRefusal } from './blocks.types.js';

export const BlockProblem = defineProblems({
  // RFC 4918 §11.3 423 Locked: the resource (the customer's access) is locked, and says how to unlock it.
  'customer-blocked': {
    status: 423,
    title: {
      ru: 'Доступ заблокирован: операции не выполняются',
      kk: 'Қолжетімділік бұғатталған: операциялар орындалмайды',
      en: 'Access is blocked: no operations go through',
    },
  },
  // Per login named in the form; counted whether or not the details were right, so it tells nothing.
  'block-attempts-exceeded': {
    status: 429,
    title: {
      ru: 'Слишком много попыток блокировки',
      kk: 'Бұғаттау әрекеттері тым көп',
      en: 'Too many block attempts',
    },
  },
  'block-not-found': {
    status: 404,
    title: { ru: 'Блокировка не найдена', kk: 'Бұғаттау табылмады', en: 'Block not found' },
  },
  'block-lifted': {
    status: 409,
    title: { ru: 'Блокировка уже снята', kk: 'Бұғаттау алынып тасталған', en: 'The block has already been lifted' },
  },
  'unblock-already-requested': {
    status: 409,
    title: {
      ru: 'Запрос на разблокировку уже ждёт решения',
      kk: 'Бұғаттан шығаруға сұрау шешімді күтіп тұр',
      en: 'An unblock request is already waiting for a decision',
    },
  },
});

export type BlockProblemCode = keyof typeof BlockProblem;

/** Every refusal of an unblock request and its problem (the decision's are approvals'); exhaustive, so a new refusal does not build until mapped. */
const UNBLOCK_REFUSAL_PROBLEMS: Readonly<Record<UnblockRefusal, BlockProblemCode>> = {
  'not-found': 'block-not-found',
  lifted: 'block-lifted',
  'already-requested': 'unblock-already-requested',
};

export function unblockRefusalProblem(refusal: UnblockRefusal): ProblemError {
  return new ProblemError(UNBLOCK_REFUSAL_PROBLEMS[refusal]);
}

/** A blocked customer's outgoing operation: refused, with the number to call to unblock. */
export function customerBlockedProblem(contactCenterPhone: string): ProblemError {
  return new ProblemError(BlockProblem['customer-blocked'], { detail: blockedDetail, values: { phone: contactCenterPhone } });
}

/** RFC 9110 §10.2.3: the 429 says when the form may be sent again for this login. */
export function tooManyBlockAttemptsProblem(retryAfterSeconds: number, contactCenterPhone: string): ProblemError {
  return new ProblemError(BlockProblem['block-attempts-exceeded'], {
    detail: tooManyBlockAttemptsDetail,
    values: { phone: contactCenterPhone },
    headers: { 'retry-after': String(retryAfterSeconds) },
    extensions: { retryAfterSeconds },
  });
}
