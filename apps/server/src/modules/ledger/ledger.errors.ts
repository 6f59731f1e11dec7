import { defineProblems, type ProblemDefinition, ProblemError } from '../../shared/problem.js';

/**
 * The business declines: the reasons a well-formed movement of money may be refused. The ledger
 * returns them as values (PostResult, HoldResult) and writes nothing for a declined call, so the
 * caller decides: record a declined transfer and commit, or turn it into a problem with
 * `ledgerDeclineProblem` and roll back.
 */
export const LEDGER_DECLINES = [
  'insufficient-funds',
  'account-frozen',
  'account-closed',
  'currency-mismatch',
  'balance-cap-exceeded',
] as const;
export type LedgerDecline = (typeof LEDGER_DECLINES)[number];

/**
 * The failures the ledger throws as a LedgerProblemError, before writing anything: an unknown
 * account, operation or hold, a state change the life cycle refuses, an id used twice. A caller
 * that lets one propagate rolls back its use case. Programmer errors (an unbalanced operation, a
 * zero amount) are assertions, not problems.
 */
const LEDGER_FAILURES = [
  'account-not-found',
  'account-not-empty',
  'account-status-change-refused',
  'ledger-operation-exists',
  'ledger-operation-not-found',
  'ledger-operation-already-reversed',
  'ledger-operation-not-reversible',
  'hold-not-found',
  'hold-exists',
  'hold-not-pending',
  'hold-amount-exceeded',
] as const;
export type LedgerFailure = (typeof LEDGER_FAILURES)[number];

/** The ledger's closed set of business failures. */
export type LedgerProblemCode = LedgerDecline | LedgerFailure;

/** Every code with its HTTP status and title: a code added to either list above and not here breaks the build. */
const LEDGER_PROBLEMS: Readonly<Record<LedgerProblemCode, ProblemDefinition>> = {
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
};

export const LedgerProblem = defineProblems(LEDGER_PROBLEMS);

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

/** A failure to throw. Typed to the failures only, so a decline is never thrown by mistake: it is returned. */
export function ledgerProblem(code: LedgerFailure, subjectId: string): LedgerProblemError {
  return new LedgerProblemError(code, subjectId);
}

/** The ledger's problem for a decline, for a caller that answers it with a 422/409 rather than a declined record. */
export function ledgerDeclineProblem(decline: LedgerDecline, accountId = ''): LedgerProblemError {
  return new LedgerProblemError(decline, accountId);
}

export function isLedgerProblem(error: unknown, code?: LedgerProblemCode): error is LedgerProblemError {
  return error instanceof LedgerProblemError && (code === undefined || error.code === code);
}

export function isLedgerDecline(code: unknown): code is LedgerDecline {
  return (LEDGER_DECLINES as readonly unknown[]).includes(code);
}

export function isLedgerFailure(code: unknown): code is LedgerFailure {
  return (LEDGER_FAILURES as readonly unknown[]).includes(code);
}
