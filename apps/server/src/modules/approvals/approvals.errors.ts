import { defineProblems, ProblemError } from '../../shared/problem.js';
import type { DecideFailure, RequestResult } from './approvals.types.js';

/** The closed set of maker-checker failures; the back office branches on the type. */
export const ApprovalProblem = defineProblems({
  'approval-not-found': {
    status: 404,
    title: { ru: 'Запрос на подтверждение не найден', kk: 'Растау сұрауы табылмады', en: 'Approval request not found' },
  },
  // Four eyes (issue 13 item 10): whoever asked never decides, approving or rejecting.
  'approval-own-request': {
    status: 403,
    title: {
      ru: 'Свой запрос нельзя подтвердить или отклонить: это делает другой сотрудник',
      kk: 'Өз сұрауыңызды растауға немесе қабылдамауға болмайды: мұны басқа қызметкер жасайды',
      en: 'You cannot approve or reject your own request: another staff member does',
    },
  },
  'approval-own-subject': {
    status: 403,
    title: {
      ru: 'Запрос о вас самих решает другой сотрудник',
      kk: 'Сіздің өзіңіз туралы сұрауды басқа қызметкер шешеді',
      en: 'A request about yourself is decided by another staff member',
    },
  },
  'approval-role-not-allowed': {
    status: 403,
    title: {
      ru: 'Ваша роль не решает запросы этого вида',
      kk: 'Сіздің рөліңіз мұндай сұрауларды шешпейді',
      en: 'Your role does not decide requests of this kind',
    },
  },
  'approval-already-decided': {
    status: 409,
    title: {
      ru: 'Запрос уже решён другим сотрудником',
      kk: 'Сұрау басқа қызметкермен шешіліп қойған',
      en: 'The request has already been decided',
    },
  },
  'approval-expired': {
    status: 409,
    title: {
      ru: 'Срок запроса истёк. Если действие ещё нужно, создайте новый запрос',
      kk: 'Сұраудың мерзімі өтті. Әрекет әлі қажет болса, жаңа сұрау жасаңыз',
      en: 'The request has expired. If the action is still needed, make a new request',
    },
  },
  'approval-already-pending': {
    status: 409,
    title: {
      ru: 'Такой запрос уже ждёт подтверждения',
      kk: 'Мұндай сұрау растауды күтіп тұр',
      en: 'A request like this is already waiting for approval',
    },
  },
  // The owning module has not registered how to carry this kind out (a deployment without it).
  'approval-not-executable': {
    status: 409,
    title: {
      ru: 'Запросы этого вида пока нельзя выполнить',
      kk: 'Мұндай сұрауларды әзірге орындау мүмкін емес',
      en: 'Requests of this kind cannot be carried out yet',
    },
  },
  'approval-role-unchanged': {
    status: 409,
    title: {
      ru: 'У сотрудника уже эта роль',
      kk: 'Қызметкерде бұл рөл бұрыннан бар',
      en: 'The staff member already has this role',
    },
  },
  // role_change: the staff member's role is not the one the request was made against.
  'approval-stale': {
    status: 409,
    title: {
      ru: 'С момента запроса данные изменились. Отклоните запрос и создайте новый',
      kk: 'Сұраудан бері деректер өзгерді. Сұрауды қабылдамай, жаңасын жасаңыз',
      en: 'Things have changed since the request was made. Reject it and make a new one',
    },
  },
});

export type ApprovalProblemCode = keyof typeof ApprovalProblem;

/** Every way a decision is refused, and what the checker is told. */
const DECIDE_FAILURE_PROBLEMS: Readonly<Record<DecideFailure, ApprovalProblemCode>> = {
  'not-found': 'approval-not-found',
  'role-not-allowed': 'approval-role-not-allowed',
  'own-request': 'approval-own-request',
  'own-subject': 'approval-own-subject',
  'already-decided': 'approval-already-decided',
  expired: 'approval-expired',
  'no-executor': 'approval-not-executable',
};

export function decideFailureProblem(reason: DecideFailure): ProblemError {
  return new ProblemError(DECIDE_FAILURE_PROBLEMS[reason]);
}

/** The problem of a request refused because one like it is open; the open one's id goes with it. */
export function requestFailureProblem(result: Extract<RequestResult, { ok: false }>): ProblemError {
  return new ProblemError(ApprovalProblem['approval-already-pending'], { extensions: { pendingApprovalId: result.pendingId } });
}
