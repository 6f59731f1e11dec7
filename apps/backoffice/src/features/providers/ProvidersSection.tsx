import {
  type ApiFailure,
  Button,
  ButtonLink,
  Card,
  callApi,
  EmptyState,
  ErrorAlert,
  LoadingState,
  PageHeader,
  SelectField,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useStaffSession } from '../../auth/session';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { ProviderForm } from './ProviderForm';
import { ProviderMonogram, ProviderStatusBadge } from './ProviderMonogram';
import { ProviderPage } from './ProviderPage';
import { type Category, createBody, emptyDraft, errorsByPointer, MODES, type ProviderDraft } from './provider-draft';
import './providers.css';

const STATUSES = ['active', 'suspended'] as const;

interface Filter {
  status: '' | (typeof STATUSES)[number];
  category: string;
  mode: '' | (typeof MODES)[number];
  q: string;
}

function queryOf(filter: Filter) {
  return {
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.mode ? { mode: filter.mode } : {}),
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
  };
}

/** "Поставщики услуг": every provider, active and suspended, filtered; admins add one. */
function ProvidersList() {
  const { t } = useTranslation();
  const { language } = useLocale();
  usePageTitle(t('providers.title'));
  const canManage = useStaffSession().staff.role === 'admin';
  const [filter, setFilter] = useState<Filter>({ status: '', category: '', mode: '', q: '' });
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/payment-providers', { params: { query: queryOf(filter) }, signal })),
    [filter.status, filter.category, filter.mode, filter.q],
  );
  const categories = state.status === 'ready' ? state.data.categories : [];
  const categoryName = (id: string) => categories.find((category) => category.id === id)?.name[language] ?? id;
  return (
    <div className="page">
      <PageHeader
        title={t('providers.title')}
        lead={t('providers.lead')}
        actions={canManage ? <ButtonLink to="/providers/new">{t('providers.createTitle')}</ButtonLink> : null}
      />
      <Card>
        <search className="provider-filter" aria-label={t('providers.search')}>
          <TextField
            label={t('providers.search')}
            value={filter.q}
            maxLength={60}
            onChange={(event) => setFilter({ ...filter, q: event.target.value })}
          />
          <SelectField
            label={t('providers.category')}
            value={filter.category}
            onChange={(event) => setFilter({ ...filter, category: event.target.value })}
          >
            <option value="">{t('providers.all')}</option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name[language]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('providers.mode')}
            value={filter.mode}
            onChange={(event) => setFilter({ ...filter, mode: MODES.find((mode) => mode === event.target.value) ?? '' })}
          >
            <option value="">{t('providers.all')}</option>
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`providers.mode_${mode}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('providers.status')}
            value={filter.status}
            onChange={(event) => setFilter({ ...filter, status: STATUSES.find((status) => status === event.target.value) ?? '' })}
          >
            <option value="">{t('providers.all')}</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`providers.status_${status}`)}
              </option>
            ))}
          </SelectField>
        </search>
      </Card>
      <Card>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? <EmptyState title={t('providers.empty')} /> : null}
        {state.status === 'ready' && state.data.items.length > 0 ? (
          <ul className="list" aria-label={t('providers.title')}>
            {state.data.items.map((provider) => (
              <li key={provider.id} className="list-row">
                <ProviderMonogram logo={provider.logo} />
                <div className="list-row__body">
                  <p className="list-row__title">
                    <Link to={`/providers/${provider.id}`}>{provider.name[language]}</Link>{' '}
                    <ProviderStatusBadge status={provider.status} label={t(`providers.status_${provider.status}`)} />
                  </p>
                  <p className="list-row__meta">
                    {categoryName(provider.categoryId)} · {t(`providers.mode_${provider.mode}`)} · {provider.slug}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        {state.status === 'ready' && state.data.truncated ? <p className="muted">{t('providers.truncated')}</p> : null}
      </Card>
    </div>
  );
}

/** A new provider (admins): the whole definition, its endpoint and secret, and its settlement details. */
function CreateProvider({ categories }: { categories: readonly Category[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ProviderDraft>(() => emptyDraft(categories[0]?.id ?? ''));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/staff/v1/payment-providers', { body: createBody(draft) }));
    setBusy(false);
    if (result.ok) navigate(`/providers/${result.data.id}`);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      <ProviderForm
        draft={draft}
        onChange={setDraft}
        categories={categories}
        errors={errorsByPointer(failure)}
        readOnly={false}
        creating
        showEndpoint
      />
      {failure ? <ErrorAlert failure={failure} /> : null}
      <div className="form-actions">
        <Button type="submit" loading={busy}>
          {t('providers.create')}
        </Button>
      </div>
    </form>
  );
}

function CreateProviderPage() {
  const { t } = useTranslation();
  usePageTitle(t('providers.createTitle'));
  const { state, reload } = useApiLoad(
    // The sections, as the customers' catalogue lists them.
    (signal) => callApi(() => api.GET('/api/v1/payments/catalogue', { signal })),
    [],
  );
  return (
    <div className="page">
      <p>
        <Link to="/providers">{t('providers.back')}</Link>
      </p>
      <PageHeader title={t('providers.createTitle')} lead={t('providers.createLead')} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' ? <CreateProvider categories={state.data.categories} /> : null}
    </div>
  );
}

/** The service providers (payments.providers.view: every role reads; admins manage). */
export function ProvidersSection() {
  const isAdmin = useStaffSession().staff.role === 'admin';
  return (
    <Routes>
      <Route index element={<ProvidersList />} />
      {isAdmin ? <Route path="new" element={<CreateProviderPage />} /> : null}
      <Route path=":providerId" element={<ProviderPage />} />
    </Routes>
  );
}
