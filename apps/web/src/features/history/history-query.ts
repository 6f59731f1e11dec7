import { isOperationStatus, isTransferKind } from '../../api/enums';
import { addDays, isIsoDay, startOfBankDay, todayInBankZone } from '../../money/model';

export const PAGE_SIZE = 20;
export const PERIODS = ['7', '30', '90', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];
const DEFAULT_PERIOD: Period = '30';
/** The API's limit on the search text (GET /api/v1/operations q). */
export const SEARCH_LENGTH_MAX = 60;
const CARD_ID = /^crd_[0-9a-f]{32}$/;

/** The history's filters as the URL keeps them, so a filtered history can be bookmarked and shared. */
export interface Filters {
  period: Period;
  from: string;
  to: string;
  accountId: string;
  kind: string;
  status: string;
  q: string;
  /** The purchases of one card (its page links here); shown as a chip that clears it. */
  cardId: string;
}

export function isPeriod(value: string | null): value is Period {
  return value !== null && (PERIODS as readonly string[]).includes(value);
}

export function filtersFrom(params: URLSearchParams): Filters {
  const period = params.get('period');
  return {
    period: isPeriod(period) ? period : DEFAULT_PERIOD,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    accountId: params.get('accountId') ?? '',
    kind: params.get('kind') ?? '',
    status: params.get('status') ?? '',
    q: params.get('q') ?? '',
    cardId: params.get('cardId') ?? '',
  };
}

/** The card the history is narrowed to, when the URL names one well-formed; else null. */
export function cardFilterOf(filters: Pick<Filters, 'cardId'>): string | null {
  return CARD_ID.test(filters.cardId) ? filters.cardId : null;
}

/** The history of one card, from its page: all its purchases, whatever their date. */
export function cardHistoryPath(cardId: string): string {
  return `/history?${paramsOf({ period: 'all', from: '', to: '', accountId: '', kind: '', status: '', q: '', cardId }).toString()}`;
}

/** The URL of the filters: only what differs from the defaults. */
export function paramsOf(filters: Filters): URLSearchParams {
  const next = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (!value || (name === 'period' && value === DEFAULT_PERIOD)) continue;
    if ((name === 'from' || name === 'to') && filters.period !== 'custom') continue;
    next.set(name, value);
  }
  return next;
}

/** How many filters narrow the list beyond the defaults (the folded filters' button says so). */
export function activeFilterCount(filters: Filters): number {
  return [filters.period !== DEFAULT_PERIOD, filters.accountId, filters.kind, filters.status].filter(Boolean).length;
}

/** The API query for the filters: days are whole days in Asia/Almaty. */
export function queryOf(filters: Filters) {
  const today = todayInBankZone();
  let from: string | undefined;
  let to: string | undefined;
  if (filters.period === 'custom') {
    if (isIsoDay(filters.from)) from = startOfBankDay(filters.from);
    if (isIsoDay(filters.to)) to = startOfBankDay(addDays(filters.to, 1));
  } else if (filters.period !== 'all') {
    from = startOfBankDay(addDays(today, -Number(filters.period) + 1));
  }
  return {
    from,
    to,
    accountId: /^acc_[0-9a-f]{32}$/.test(filters.accountId) ? filters.accountId : undefined,
    kind: isTransferKind(filters.kind) ? filters.kind : undefined,
    status: isOperationStatus(filters.status) ? filters.status : undefined,
    q: filters.q.trim().slice(0, SEARCH_LENGTH_MAX) || undefined,
    cardId: cardFilterOf(filters) ?? undefined,
    limit: PAGE_SIZE,
  };
}
