import { defineProblems, ProblemError } from '../../shared/problem.js';
import { requestFailureProblem } from '../approvals/index.js';
import { overCeilingDetail } from './risk.messages.js';

/** The business failures of a limit raise (limit-raise.ts), mapped to RFC 9457 problems. */
export const RiskProblem = defineProblems({
  'limit-raise-currency': {
    status: 422,
    title: {
      ru: 'Лимиты переводов устанавливаются в тенге',
      kk: 'Аударым лимиттері теңгемен белгіленеді',
      en: 'Transfer limits are set in tenge',
    },
  },
  'limit-raise-not-higher': {
    status: 422,
    title: {
      ru: 'Новый лимит должен быть выше действующего',
      kk: 'Жаңа лимит қазіргі лимиттен жоғары болуы керек',
      en: 'The new limit must be above the one in force',
    },
  },
  // TRANSFER_LIMIT_RAISE_CEILING_*: checked when asked and again when approved.
  'limit-raise-over-ceiling': {
    status: 422,
    title: {
      ru: 'Лимит выше допустимого предела',
      kk: 'Лимит рұқсат етілген шектен жоғары',
      en: 'The limit is above the ceiling allowed',
    },
  },
  // The limit in force is not the one the request was made against: the checker decides on stale facts.
  'limit-raise-stale': {
    status: 409,
    title: {
      ru: 'Лимит клиента изменился после запроса. Отклоните запрос и создайте новый',
      kk: 'Сұраудан кейін клиенттің лимиті өзгерді. Сұрауды қабылдамай, жаңасын жасаңыз',
      en: 'The customer’s limit has changed since the request. Reject it and make a new one',
    },
  },
});

/** Why a raise is not asked: a value, audited (customer.limit_raise_refused) and then thrown as its problem. */
export type LimitRaiseRefusal =
  | { reason: 'currency' }
  | { reason: 'not-higher' }
  | { reason: 'over-ceiling'; ceiling: string; ceilingMinor: bigint }
  | { reason: 'already-pending'; pendingId: string };

/** Every refusal and its problem; exhaustive, so a new refusal does not build until it is mapped. */
export function limitRaiseRefusalProblem(refusal: LimitRaiseRefusal): ProblemError {
  switch (refusal.reason) {
    case 'currency':
      return new ProblemError(RiskProblem['limit-raise-currency']);
    case 'not-higher':
      return new ProblemError(RiskProblem['limit-raise-not-higher']);
    case 'over-ceiling':
      return new ProblemError(RiskProblem['limit-raise-over-ceiling'], {
        detail: overCeilingDetail,
        values: { ceiling: refusal.ceiling },
        extensions: { ceilingMinor: Number(refusal.ceilingMinor) },
      });
    case 'already-pending':
      return requestFailureProblem({ ok: false, reason: 'already-pending', pendingId: refusal.pendingId });
  }
}
