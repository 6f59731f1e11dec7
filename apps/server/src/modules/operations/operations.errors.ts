import { defineProblems } from '../../shared/problem.js';
import type { LedgerDecline } from '../ledger/index.js';
import type { DeclineReason } from './operations.types.js';

/**
 * The operations module's closed set of refusals (problem+json). The type names keep the words
 * the API has always used for them ("transfer-not-found"), so clients need no change.
 */
export const OperationProblem = defineProblems({
  'transfer-not-found': {
    status: 404,
    title: { ru: 'Операция не найдена', kk: 'Операция табылмады', en: 'Operation not found' },
  },
  'transfer-not-awaiting-confirmation': {
    status: 409,
    title: {
      ru: 'Операция уже не ждёт подтверждения',
      kk: 'Операция енді растауды күтпейді',
      en: 'The operation is no longer awaiting confirmation',
    },
  },
  // Cancelling is for an operation still waiting for its code (cancel.ts).
  'operation-not-cancellable': {
    status: 409,
    title: {
      ru: 'Операция уже завершена, отменить её нельзя',
      kk: 'Операция аяқталған, оны болдырмау мүмкін емес',
      en: 'The operation has already ended and cannot be cancelled',
    },
  },
  'idempotency-key-required': {
    status: 400,
    title: {
      ru: 'Нужен заголовок Idempotency-Key (до 255 символов)',
      kk: 'Idempotency-Key тақырыбы қажет (255 таңбаға дейін)',
      en: 'The Idempotency-Key header is required (up to 255 characters)',
    },
  },
  'idempotency-key-reused': {
    status: 422,
    title: {
      ru: 'Этот Idempotency-Key уже использован для другого запроса',
      kk: 'Бұл Idempotency-Key басқа сұрау үшін қолданылған',
      en: 'This Idempotency-Key was already used for a different request',
    },
  },
});

/**
 * The ledger's business declines in the customer's words. A full payee wallet depends on whose
 * wallet it is, so risk names it (ceilingDecline); every other decline is the same for all kinds.
 * Exhaustive: a new ledger decline does not build until it is mapped here.
 */
export const LEDGER_DECLINE_REASONS: Readonly<Record<LedgerDecline, DeclineReason | 'payee-ceiling'>> = {
  'insufficient-funds': 'insufficient-funds',
  'account-frozen': 'account-frozen',
  'account-closed': 'account-closed',
  'currency-mismatch': 'currency-mismatch',
  'balance-cap-exceeded': 'payee-ceiling',
};
