import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import type { Operation } from '../../money/model';
import { Button, Card, EmptyState, ErrorAlert, HistoryIcon, LoadingState, PageHeader } from '../../ui';
import './history.css';
import { CardFilterChip } from './CardFilterChip';
import { HistoryFilters } from './HistoryFilters';
import { HistoryList } from './HistoryList';
import { HistorySearch } from './HistorySearch';
import { activeFilterCount, cardFilterOf, type Filters, filtersFrom, paramsOf, queryOf } from './history-query';

type ListState =
  | { status: 'loading' }
  | { status: 'error'; failure: ApiFailure }
  | {
      status: 'ready';
      items: Operation[];
      nextCursor: string | null;
      loadingMore: boolean;
      moreFailure: ApiFailure | null;
      forKey: string;
    };

/**
 * Every operation, accepted and declined, by day with each day's totals (issue 12 item 6): a
 * search by payee, filters folded away on a phone, and the filters in the URL. From a card's page
 * (?cardId=) the purchases of that card only, with a chip that says so and clears it.
 */
export function HistoryPage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  usePageTitle(t('history.title'));
  const [params, setParams] = useSearchParams();
  const applied = filtersFrom(params);
  const [loaded, setList] = useState<ListState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const accounts = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  const key = params.toString();
  // The render between a new URL and its effect still holds the old list: it is not this query's
  // answer, so it shows as loading rather than a moment of wrong results.
  const list: ListState = loaded.status === 'ready' && loaded.forKey !== key ? { status: 'loading' } : loaded;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the URL (`key`) holds the filters; `attempt` retries; the reasons are in `language`
  useEffect(() => {
    const controller = new AbortController();
    setList({ status: 'loading' });
    void callApi(() => api.GET('/api/v1/operations', { params: { query: queryOf(filtersFrom(params)) }, signal: controller.signal })).then(
      (result) => {
        if (result.ok)
          setList({
            status: 'ready',
            items: result.data.items,
            nextCursor: result.data.nextCursor,
            loadingMore: false,
            moreFailure: null,
            forKey: key,
          });
        else if (!result.aborted) setList({ status: 'error', failure: result.failure });
      },
    );
    return () => controller.abort();
  }, [key, attempt, language]);

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

  const apply = (filters: Filters) => setParams(paramsOf(filters));
  const cardId = cardFilterOf(applied);
  const filtered = Boolean(applied.accountId || applied.kind || applied.status || applied.q || cardId || applied.period !== 'all');

  return (
    <div className="page">
      <PageHeader title={t('history.title')} lead={t('history.lead')} />
      <div className="history-tools">
        <HistorySearch value={applied.q} onSearch={(q) => apply({ ...filtersFrom(params), q })} />
        <HistoryFilters
          applied={applied}
          accounts={accounts.state.status === 'ready' ? accounts.state.data.items : null}
          activeCount={activeFilterCount(applied)}
          onApply={(filters) => apply({ ...filters, q: applied.q })}
          onReset={() => setParams(new URLSearchParams())}
        />
      </div>
      <section aria-labelledby="history-list-title" className="stack" aria-busy={list.status === 'loading' || undefined}>
        <h2 id="history-list-title" className="visually-hidden">
          {t('history.title')}
        </h2>
        {cardId ? <CardFilterChip cardId={cardId} onClear={() => apply({ ...applied, cardId: '' })} /> : null}
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
            <HistoryList operations={list.items} />
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
