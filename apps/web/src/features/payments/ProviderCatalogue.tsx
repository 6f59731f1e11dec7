import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Language } from '../../api/enums';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { ChevronRightIcon, EmptyState, ErrorAlert, LoadingState, type LoadState, Spinner, TextField } from '../../ui';
import { CategoryIcon, ProviderLogo } from './ProviderLogo';
import { type Catalogue, type Category, localized, type ProviderSummary } from './payment-model';
import '../transfers/transfers.css';
import './payments.css';

/** Where a provider's row leads: its form for a customer (/payments/…), or a guest's (/pay/…). */
export type ProviderHref = (provider: ProviderSummary) => string;

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

function ProviderRow({ provider, language, href }: { provider: ProviderSummary; language: Language; href: string }) {
  const { t } = useTranslation();
  const mode = { fetch: t('payments.modeFetch'), validate: t('payments.modeValidate'), 'ad-hoc': t('payments.modeAdHoc') }[provider.mode];
  return (
    <li className="provider-row">
      <Link to={href} className="provider-row__link">
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

function SearchResults({
  state,
  language,
  hrefOf,
}: {
  state: LoadState<{ providers: ProviderSummary[] }>;
  language: Language;
  hrefOf: ProviderHref;
}) {
  const { t } = useTranslation();
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} />;
  if (state.data.providers.length === 0)
    return <EmptyState title={t('payments.nothingFound')} description={t('payments.nothingFoundText')} />;
  return (
    <ul className="provider-list">
      {state.data.providers.map((provider) => (
        <ProviderRow key={provider.id} provider={provider} language={language} href={hrefOf(provider)} />
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
  hrefOf,
}: {
  category: Category;
  providers: readonly ProviderSummary[];
  open: boolean;
  onToggle: () => void;
  language: Language;
  hrefOf: ProviderHref;
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
              <ProviderRow key={provider.id} provider={provider} language={language} href={hrefOf(provider)} />
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

/** The catalogue (categories and providers) from the public API: the customer's and the guest's page load it alike. */
export function useCatalogue() {
  return useApiLoad((signal) => callApi(() => api.GET('/api/v1/payments/catalogue', { signal })), []);
}

/**
 * The search and the categories (issue 16 item 7), Kaspi's "Платежи" as the model: results as the
 * visitor types (in any of the three languages or the wrong keyboard layout, the server is
 * tolerant), then the categories, each opening its providers. Public: no session is needed.
 */
export function ProviderCatalogue({ state, reload, hrefOf }: { state: LoadState<Catalogue>; reload: () => void; hrefOf: ProviderHref }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const [query, setQuery] = useState('');
  const [openCategory, setOpenCategory] = useState<string | null>(null);
  const settled = useDebounced(query.trim(), SEARCH_DEBOUNCE_MS);
  const typing = query.trim() !== settled;
  const { state: found } = useApiLoad(
    (signal) =>
      settled === ''
        ? Promise.resolve({ ok: true as const, data: { providers: [] } })
        : callApi(() => api.GET('/api/v1/payments/search', { params: { query: { q: settled } }, signal })),
    [settled],
  );
  const searching = query.trim() !== '';
  return (
    <>
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
          {typing ? null : <SearchResults state={found} language={language} hrefOf={hrefOf} />}
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
                hrefOf={hrefOf}
              />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
