import { defineProblems, ProblemError } from '../../shared/problem.js';

/**
 * The closed set of business failures of the ledger. Each one is thrown as a ProblemError
 * before the ledger writes anything, so a caller that lets it propagate rolls back the whole
 * use case, and one that catches it finds nothing half-done by the failed call.
 * Programmer errors (an unbalanced operation, a zero amount) are assertions, not problems.
 */
export const LedgerProblem = defineProblems({
  'account-not-found': {
    status: 404,
    title: { ru: 'Счёт не найден', kk: 'Шот табылмады', en: 'Account not found' },
  },
  'insufficient-funds': {
    status: 422,
    title: { ru: 'Недостаточно средств на счёте', kk: 'Шотта қаражат жеткіліксіз', en: 'Insufficient funds in the account' },
  },
  'balance-cap-exceeded': {
    status: 422,
    title: {
      ru: 'Остаток на счёте превысил бы допустимый предел',
      kk: 'Шоттағы қалдық рұқсат етілген шектен асып кетер еді',
      en: 'The account balance would go above its allowed maximum',
    },
  },
  'currency-mismatch': {
    status: 422,
    title: {
      ru: 'Валюта операции не совпадает с валютой счёта',
      kk: 'Операция валютасы шот валютасына сәйкес келмейді',
      en: 'The operation currency does not match the account currency',
    },
  },
  'account-frozen': {
    status: 409,
    title: { ru: 'Счёт заблокирован', kk: 'Шот бұғатталған', en: 'The account is frozen' },
  },
  'account-closed': {
    status: 409,
    title: { ru: 'Счёт закрыт', kk: 'Шот жабылған', en: 'The account is closed' },
  },
  'account-not-empty': {
    status: 409,
    title: {
      ru: 'Счёт нельзя закрыть: на нём есть остаток или заблокированные суммы',
      kk: 'Шотты жабу мүмкін емес: онда қалдық немесе бұғатталған сомалар бар',
      en: 'The account cannot be closed: it has a balance or reserved amounts',
    },
  },
  'account-status-change-refused': {
    status: 409,
    title: {
      ru: 'Такое изменение статуса счёта невозможно',
      kk: 'Шот мәртебесін бұлай өзгерту мүмкін емес',
      en: 'This account status change is not possible',
    },
  },
  'ledger-operation-exists': {
    status: 409,
    title: {
      ru: 'Операция с таким идентификатором уже проведена',
      kk: 'Мұндай идентификаторы бар операция бұрыннан жүргізілген',
      en: 'An operation with this identifier has already been posted',
    },
  },
  'ledger-operation-not-found': {
    status: 404,
    title: { ru: 'Операция не найдена', kk: 'Операция табылмады', en: 'Operation not found' },
  },
  'ledger-operation-already-reversed': {
    status: 409,
    title: {
      ru: 'Операция уже отменена',
      kk: 'Операцияның күші бұрыннан жойылған',
      en: 'The operation has already been reversed',
    },
  },
  'ledger-operation-not-reversible': {
    status: 422,
    title: {
      ru: 'Эту операцию нельзя отменить',
      kk: 'Бұл операцияның күшін жою мүмкін емес',
      en: 'This operation cannot be reversed',
    },
  },
  'hold-not-found': {
    status: 404,
    title: { ru: 'Блокировка суммы не найдена', kk: 'Соманы бұғаттау табылмады', en: 'Hold not found' },
  },
  'hold-exists': {
    status: 409,
    title: {
      ru: 'Блокировка с таким идентификатором уже существует',
      kk: 'Мұндай идентификаторы бар бұғаттау бұрыннан бар',
      en: 'A hold with this identifier already exists',
    },
  },
  'hold-not-pending': {
    status: 409,
    title: {
      ru: 'Блокировка уже списана или снята',
      kk: 'Бұғаттау бұрыннан есептен шығарылған немесе алынған',
      en: 'The hold has already been posted or voided',
    },
  },
  'hold-amount-exceeded': {
    status: 422,
    title: {
      ru: 'Сумма списания больше заблокированной',
      kk: 'Есептен шығару сомасы бұғатталған сомадан көп',
      en: 'The amount exceeds the held amount',
    },
  },
});

export type LedgerProblemCode = keyof typeof LedgerProblem;

/**
 * A ledger failure. `subjectId` names the account, operation or hold it concerns, so a caller
 * can tell the payer's frozen account from the payee's; it is kept off the HTTP body on purpose,
 * since it may name someone else's account.
 */
export class LedgerProblemError extends ProblemError {
  constructor(
    override readonly code: LedgerProblemCode,
    readonly subjectId: string,
  ) {
    super(code);
    this.name = 'LedgerProblemError';
  }
}

export function ledgerProblem(code: LedgerProblemCode, subjectId: string): LedgerProblemError {
  return new LedgerProblemError(code, subjectId);
}

export function isLedgerProblem(error: unknown, code?: LedgerProblemCode): error is LedgerProblemError {
  return error instanceof LedgerProblemError && (code === undefined || error.code === code);
}
