import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { isOperationStatus, isTransferKind, OPERATION_STATUSES, TRANSFER_KINDS } from '../../api/enums';
import { type ApiFailure, callApi } from '../../api/problem';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { OperationRow, useAccountName } from '../../money/components';
import { addDays, isIsoDay, type Operation, startOfBankDay, todayInBankZone } from '../../money/model';
import { Button, Card, EmptyState, ErrorAlert, HistoryIcon, LoadingState, PageHeader, SelectField, TextField } from '../../ui';

const PAGE_SIZE = 20;
const PERIODS = ['7', '30', '90', 'all', 'custom'] as const;
type Period = (typeof PERIODS)[number];

interface Filters {
  period: Period;
  from: string;
  to: string;
  accountId: string;
  kind: string;
  status: string;
  q: string;
}

function filtersFrom(params: URLSearchParams): Filters {
  const period = params.get('period');
  return {
    period: PERIODS.includes(period as Period) ? (period as Period) : '30',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    accountId: params.get('accountId') ?? '',
    kind: params.get('kind') ?? '',
    status: params.get('status') ?? '',
    q: params.get('q') ?? '',
  };
}

/** The API query for the filters: days are whole days in Asia/Almaty. */
function queryOf(filters: Filters) {
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
    q: filters.q.trim().slice(0, 60) || undefined,
    limit: PAGE_SIZE,
  };
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; failure: ApiFailure }
  | { status: 'ready'; items: Operation[]; nextCursor: string | null; loadingMore: boolean; moreFailure: ApiFailure | null };

export function HistoryPage() {
  const { t } = useTranslation();
  usePageTitle(t('history.title'));
  const accountName = useAccountName();
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const [draft, setDraft] = useState<Filters>(applied);
  const [dateError, setDateError] = useState<string | null>(null);
  const [list, setList] = useState<ListState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const accounts = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  const key = params.toString();

  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL (`key`) holds the filters; `attempt` retries
  useEffect(() => {
    setDraft(filtersFrom(params));
    const controller = new AbortController();
    setList({ status: 'loading' });
    void callApi(() => api.GET('/api/v1/operations', { params: { query: queryOf(filtersFrom(params)) }, signal: controller.signal })).then(
      (result) => {
        if (result.ok)
          setList({ status: 'ready', items: result.data.items, nextCursor: result.data.nextCursor, loadingMore: false, moreFailure: null });
        else if (!result.aborted) setList({ status: 'error', failure: result.failure });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  async function loadMore() {
    if (list.status !== 'ready' || list.nextCursor === null) return;
    const cursor = list.nextCursor;
    setList({ ...list, loadingMore: true, moreFailure: null });
    const result = await callApi(() => api.GET('/api/v1/operations', { params: { query: { ...queryOf(applied), cursor } } }));
    setList((current) => {
      if (current.status !== 'ready') return current;
      if (result.ok)
        return { ...current, items: [...current.items, ...result.data.items], nextCursor: result.data.nextCursor, loadingMore: false };
      return { ...current, loadingMore: false, moreFailure: result.aborted ? null : result.failure };
    });
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.period === 'custom') {
      if ((draft.from && !isIsoDay(draft.from)) || (draft.to && !isIsoDay(draft.to))) {
        setDateError(t('history.dateInvalid'));
        return;
      }
      if (draft.from && draft.to && draft.from > draft.to) {
        setDateError(t('history.rangeInvalid'));
        return;
      }
    }
    setDateError(null);
    const next = new URLSearchParams();
    for (const [name, value] of Object.entries(draft)) {
      if (value && !(name === 'period' && value === '30') && !((name === 'from' || name === 'to') && draft.period !== 'custom'))
        next.set(name, value);
    }
    setParams(next);
  }

  const filtered = Boolean(applied.accountId || applied.kind || applied.status || applied.q || applied.period !== 'all');

  return (
    <div className="page">
      <PageHeader title={t('history.title')} lead={t('history.lead')} />
      <Card title={t('history.filters')} titleLevel={2}>
        <form className="filters" onSubmit={apply} aria-label={t('history.filters')}>
          <SelectField
            label={t('history.period')}
            value={draft.period}
            onChange={(event) => setDraft({ ...draft, period: event.target.value as Period })}
          >
            {PERIODS.map((period) => (
              <option key={period} value={period}>
                {t(`history.period_${period}`)}
              </option>
            ))}
          </SelectField>
          {draft.period === 'custom' ? (
            <>
              <TextField
                label={t('history.from')}
                type="date"
                value={draft.from}
                error={dateError}
                onChange={(event) => setDraft({ ...draft, from: event.target.value })}
              />
              <TextField
                label={t('history.to')}
                type="date"
                value={draft.to}
                max={todayInBankZone()}
                onChange={(event) => setDraft({ ...draft, to: event.target.value })}
              />
            </>
          ) : null}
          <SelectField
            label={t('history.account')}
            value={draft.accountId}
            onChange={(event) => setDraft({ ...draft, accountId: event.target.value })}
          >
            <option value="">{t('history.allAccounts')}</option>
            {accounts.state.status === 'ready'
              ? accounts.state.data.items.map((account) => (
                  <option key={account.id} value={account.id}>
                    {accountName(account)}
                  </option>
                ))
              : null}
          </SelectField>
          <SelectField label={t('history.kind')} value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value })}>
            <option value="">{t('history.allKinds')}</option>
            {TRANSFER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('history.status')}
            value={draft.status}
            onChange={(event) => setDraft({ ...draft, status: event.target.value })}
          >
            <option value="">{t('history.allStatuses')}</option>
            {OPERATION_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </SelectField>
          <TextField
            label={t('history.search')}
            hint={t('history.searchHint')}
            type="search"
            maxLength={60}
            value={draft.q}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
          <div className="form-actions filters__actions">
            <Button type="submit" variant="primary">
              {t('history.apply')}
            </Button>
            <Button variant="secondary" onClick={() => setParams(new URLSearchParams())}>
              {t('history.reset')}
            </Button>
          </div>
        </form>
      </Card>

      <section aria-labelledby="history-list-title" className="stack" aria-busy={list.status === 'loading' || undefined}>
        <h2 id="history-list-title" className="visually-hidden">
          {t('history.title')}
        </h2>
        {list.status === 'loading' ? <LoadingState /> : null}
        {list.status === 'error' ? <ErrorAlert failure={list.failure} onRetry={() => setAttempt((n) => n + 1)} /> : null}
        {list.status === 'ready' && list.items.length === 0 ? (
          <Card>
            <EmptyState
              icon={<HistoryIcon />}
              title={filtered ? t('history.empty') : t('history.emptyAll')}
              description={filtered ? t('history.emptyText') : t('history.emptyAllText')}
            />
          </Card>
        ) : null}
        {list.status === 'ready' && list.items.length > 0 ? (
          <>
            <p className="muted small" aria-live="polite">
              {t('history.shown', { count: list.items.length })}
            </p>
            <ul className="operations operations--card">
              {list.items.map((operation) => (
                <OperationRow key={operation.id} operation={operation} />
              ))}
            </ul>
            {list.moreFailure ? <ErrorAlert failure={list.moreFailure} /> : null}
            {list.nextCursor !== null ? (
              <div className="center">
                <Button variant="secondary" loading={list.loadingMore} onClick={() => void loadMore()}>
                  {t('history.loadMore')}
                </Button>
              </div>
            ) : (
              <p className="muted small center">{t('history.end')}</p>
            )}
          </>
        ) : null}
      </section>
    </div>
  );
}
