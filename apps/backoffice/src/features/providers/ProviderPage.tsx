import {
  Alert,
  type ApiFailure,
  type ApiResult,
  Button,
  Card,
  callApi,
  ErrorAlert,
  LoadingState,
  PageHeader,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useStaffSession } from '../../auth/session';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { ProviderForm } from './ProviderForm';
import { ProviderMonogram, ProviderStatusBadge } from './ProviderMonogram';
import { type Category, draftOf, editBody, errorsByPointer, type ProviderDraft, type StaffProvider } from './provider-draft';
import { SettlementBlock } from './SettlementBlock';

const REASON_LENGTH_MIN = 5;

/** The admin's edit of everything but the settlement details, on the version read (a 409 says someone was first). */
function ProviderEditor({
  provider,
  categories,
  onSaved,
}: {
  provider: StaffProvider;
  categories: readonly Category[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const isAdmin = useStaffSession().staff.role === 'admin';
  const [draft, setDraft] = useState<ProviderDraft>(() => draftOf(provider));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    setSaved(false);
    const result = await callApi(() =>
      api.PATCH('/api/staff/v1/payment-providers/{providerId}', {
        params: { path: { providerId: provider.id } },
        body: editBody(draft, provider.version),
      }),
    );
    setBusy(false);
    if (result.ok) {
      setSaved(true);
      onSaved();
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
      {isAdmin ? null : <Alert tone="info">{t('providers.readOnly')}</Alert>}
      <ProviderForm
        draft={draft}
        onChange={setDraft}
        categories={categories}
        errors={errorsByPointer(failure)}
        readOnly={!isAdmin}
        creating={false}
        showEndpoint={isAdmin}
      />
      {failure ? <ErrorAlert failure={failure} onRetry={failure.status === 409 ? onSaved : undefined} /> : null}
      {saved ? <Alert tone="success">{t('providers.saved')}</Alert> : null}
      {isAdmin ? (
        <div className="form-actions">
          <Button type="submit" loading={busy}>
            {t('providers.save')}
          </Button>
        </div>
      ) : null}
    </form>
  );
}

/** Suspend (it leaves the customers' catalogue and takes no new payment at once) or reactivate, with a reason. */
function StatusChange({ provider, onChanged }: { provider: StaffProvider; onChanged: () => void }) {
  const { t } = useTranslation();
  const suspending = provider.status === 'active';
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const params = { path: { providerId: provider.id } };
    const body = { reason: reason.trim() };
    const result = await callApi(() =>
      suspending
        ? api.POST('/api/staff/v1/payment-providers/{providerId}/suspend', { params, body })
        : api.POST('/api/staff/v1/payment-providers/{providerId}/reactivate', { params, body }),
    );
    setBusy(false);
    if (result.ok) {
      setReason('');
      onChanged();
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t(suspending ? 'providers.suspendTitle' : 'providers.reactivateTitle')}>
      <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
        <p className="muted">{t(suspending ? 'providers.suspendLead' : 'providers.reactivateLead')}</p>
        <TextField
          label={t('providers.reason')}
          value={reason}
          maxLength={500}
          required
          onChange={(event) => setReason(event.target.value)}
        />
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="form-actions">
          <Button
            type="submit"
            variant={suspending ? 'danger' : 'primary'}
            loading={busy}
            disabled={reason.trim().length < REASON_LENGTH_MIN}
          >
            {t(suspending ? 'providers.suspend' : 'providers.reactivate')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** One provider: its definition in sections, its settlement details (maker-checker), its status. */
export function ProviderPage() {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { providerId = '' } = useParams();
  const role = useStaffSession().staff.role;
  const { state, reload } = useApiLoad(
    async (signal): Promise<ApiResult<{ provider: StaffProvider; categories: Category[] }>> => {
      // The sections come from the customers' catalogue: the same list, and no staff listing to audit for it.
      const [provider, catalogue] = await Promise.all([
        callApi(() => api.GET('/api/staff/v1/payment-providers/{providerId}', { params: { path: { providerId } }, signal })),
        callApi(() => api.GET('/api/v1/payments/catalogue', { signal })),
      ]);
      if (!provider.ok) return provider;
      if (!catalogue.ok) return catalogue;
      return { ok: true, data: { provider: provider.data, categories: catalogue.data.categories } };
    },
    [providerId],
  );
  usePageTitle(state.status === 'ready' ? state.data.provider.name[language] : t('providers.title'));
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const { provider, categories } = state.data;
  return (
    <div className="page">
      <p>
        <Link to="/providers">{t('providers.back')}</Link>
      </p>
      <PageHeader
        title={
          <>
            <ProviderMonogram logo={provider.logo} /> {provider.name[language]}{' '}
            <ProviderStatusBadge status={provider.status} label={t(`providers.status_${provider.status}`)} />
          </>
        }
        lead={t('providers.pageLead', { slug: provider.slug, version: String(provider.version) })}
      />
      <div className="provider-layout">
        {/* Keyed by version: a reload after a save or a settlement change starts the form from the provider as it is. */}
        <ProviderEditor key={provider.version} provider={provider} categories={categories} onSaved={reload} />
        <div className="stack">
          <SettlementBlock provider={provider} canRequest={role === 'admin' || role === 'security_officer'} onRequested={reload} />
          {role === 'admin' ? <StatusChange provider={provider} onChanged={reload} /> : null}
        </div>
      </div>
    </div>
  );
}
