import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Language } from '../../api/enums';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { ChevronRightIcon, EmptyState, ErrorAlert, LoadingState, type LoadState, PageHeader, Spinner, TextField } from '../../ui';
import { FavouritesStrip } from './FavouritesStrip';
import { CategoryIcon, ProviderLogo } from './ProviderLogo';
import { type Category, localized, type ProviderSummary } from './payment-model';
import '../transfers/transfers.css';
import './payments.css';

/** Typing pauses this long before the search asks the bank: one request per word, not per key. */
const SEARCH_DEBOUNCE_MS = 250;
/** The API's limit on a query (payments.routes.ts). */
const QUERY_LENGTH_MAX = 60;

/** The text after the customer stopped typing for a moment. */
function useDebounced(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

function ProviderRow({ provider, language }: { provider: ProviderSummary; language: Language }) {
  const { t } = useTranslation();
  const mode = { fetch: t('payments.modeFetch'), validate: t('payments.modeValidate'), 'ad-hoc': t('payments.modeAdHoc') }[provider.mode];
  return (
    <li className="provider-row">
      <Link to={`/payments/${provider.id}`} className="provider-row__link">
        <ProviderLogo logo={provider.logo} />
        <span className="provider-row__body">
          <span className="provider-row__name">{localized(provider.name, language)}</span>
          <span className="provider-row__meta">{mode}</span>
        </span>
        <ChevronRightIcon className="provider-row__chevron" />
      </Link>
    </li>
  );
}

function SearchResults({ state, language }: { state: LoadState<{ providers: ProviderSummary[] }>; language: Language }) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} />;
  if (state.data.providers.length === 0)
    return <EmptyState title={t('payments.nothingFound')} description={t('payments.nothingFoundText')} />;
  return (
    <ul className="provider-list">
      {state.data.providers.map((provider) => (
        <ProviderRow key={provider.id} provider={provider} language={language} />
      ))}
    </ul>
  );
}

/** One category: a tile that opens its providers in place (a phone shows one section at a time). */
function CategorySection({
  category,
  providers,
  open,
  onToggle,
  language,
}: {
  category: Category;
  providers: readonly ProviderSummary[];
  open: boolean;
  onToggle: () => void;
  language: Language;
}) {
  const { t } = useTranslation();
  const listId = useId();
  return (
    <li className={open ? 'category category--open' : 'category'}>
      <button type="button" className="category__tile" aria-expanded={open} aria-controls={listId} onClick={onToggle}>
        <span className="category__icon">
          <CategoryIcon name={category.icon} />
        </span>
        <span className="category__name">{localized(category.name, language)}</span>
        <span className="category__count">{t('payments.categoryCount', { count: providers.length })}</span>
      </button>
      <div id={listId} hidden={!open} className="category__providers">
        {providers.length === 0 ? (
          <p className="muted">{t('payments.emptyCategory')}</p>
        ) : (
          <ul className="provider-list">
            {providers.map((provider) => (
              <ProviderRow key={provider.id} provider={provider} language={language} />
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

/**
 * The payments catalogue (issue 16 item 7), Kaspi's "Платежи" as the model: the search first,
 * results as the customer types (in any of the three languages or the wrong keyboard layout,
 * the server is tolerant), then the categories, each opening its providers.
 */
export function CataloguePage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  usePageTitle(t('payments.title'));
  const [query, setQuery] = useState('');
  const [openCategory, setOpenCategory] = useState<string | null>(null);
  const settled = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const typing = query.trim() !== settled;
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/payments/catalogue', { signal })), []);
  const { state: found } = useApiLoad(
    (signal) =>
      settled === ''
        ? Promise.resolve({ ok: true as const, data: { providers: [] } })
        : callApi(() => api.GET('/api/v1/payments/search', { params: { query: { q: settled } }, signal })),
    [settled],
  );
  const searching = query.trim() !== '';
  const { state: favourites, reload: reloadFavourites } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/payments/favourites', { signal })),
    [],
  );
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());

  return (
    <div className="page payments-page">
      <PageHeader title={t('payments.title')} lead={t('payments.lead')} />
      <p className="payments-links">
        <Link to="/payments/schedules">{t('paymentsSaved.schedulesLink')}</Link>
      </p>
      {favourites.status === 'error' ? <ErrorAlert failure={favourites.failure} onRetry={reloadFavourites} /> : null}
      {favourites.status === 'ready' && state.status === 'ready' ? (
        <FavouritesStrip
          favourites={favourites.data.items.filter((item) => !deleted.has(item.id))}
          providers={state.data.providers}
          language={language}
          onDeleted={(id) => setDeleted((current) => new Set([...current, id]))}
        />
      ) : null}
      <search className="payments-search">
        <TextField
          label={t('payments.searchLabel')}
          hint={t('payments.searchHint')}
          type="search"
          name="q"
          autoComplete="off"
          enterKeyHint="search"
          maxLength={QUERY_LENGTH_MAX}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          addon={typing ? <Spinner decorative size="small" /> : undefined}
        />
      </search>
      {searching ? (
        <section aria-labelledby="payments-found" aria-busy={typing || found.status === 'loading'}>
          <h2 id="payments-found" className="section-title">
            {typing ? t('payments.searching') : t('payments.resultsTitle')}
          </h2>
          {typing ? null : <SearchResults state={found} language={language} />}
        </section>
      ) : null}
      <section aria-labelledby="payments-categories">
        <h2 id="payments-categories" className="section-title">
          {t('payments.categoriesTitle')}
        </h2>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.categories.length === 0 ? <EmptyState title={t('payments.emptyCatalogue')} /> : null}
        {state.status === 'ready' && state.data.categories.length > 0 ? (
          <ul className="categories">
            {state.data.categories.map((category) => (
              <CategorySection
                key={category.id}
                category={category}
                providers={state.data.providers.filter((provider) => provider.categoryId === category.id)}
                open={openCategory === category.id}
                onToggle={() => setOpenCategory((current) => (current === category.id ? null : category.id))}
                language={language}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </div>
  );
}
