import {
  Alert,
  type ApiFailure,
  Button,
  Card,
  callApi,
  DateTime,
  DownloadIcon,
  EmptyState,
  ErrorAlert,
  LoadingState,
  PageHeader,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import './audit.css';
import type { PostResponse } from '../../api/shapes';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';

type Verification = PostResponse<'/api/staff/v1/audit/verify'>;

/** The filters as the API takes them: only the ones filled in, times as ISO instants. */
interface Filters {
  customerId?: string;
  staffId?: string;
  event?: string;
  from?: string;
  to?: string;
}

interface FilterForm {
  customerId: string;
  staffId: string;
  event: string;
  from: string;
  to: string;
}

const EMPTY_FORM: FilterForm = { customerId: '', staffId: '', event: '', from: '', to: '' };

/** A datetime-local value (the browser's time) as an instant; empty stays out. */
function instant(local: string): string | undefined {
  if (!local) return undefined;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

function filtersOf(form: FilterForm): Filters {
  const filters: Filters = {};
  if (form.customerId.trim()) filters.customerId = form.customerId.trim();
  if (form.staffId.trim()) filters.staffId = form.staffId.trim();
  if (form.event.trim()) filters.event = form.event.trim();
  const from = instant(form.from);
  const to = instant(form.to);
  if (from) filters.from = from;
  if (to) filters.to = to;
  return filters;
}

/** The CSV export of the same search: a plain link, so the browser downloads it with the staff cookie. */
function csvHref(filters: Filters): string {
  const query = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const text = query.toString();
  return `/api/staff/v1/audit.csv${text ? `?${text}` : ''}`;
}

function VerifyChain() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Verification | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function verify() {
    setBusy(true);
    setFailure(null);
    const answer = await callApi(() => api.POST('/api/staff/v1/audit/verify'));
    setBusy(false);
    if (answer.ok) setResult(answer.data);
    else if (!answer.aborted) setFailure(answer.failure);
  }

  const broken = result?.firstBroken ?? null;
  return (
    <div className="stack">
      <Button variant="secondary" loading={busy} onClick={() => void verify()}>
        {t('audit.verify')}
      </Button>
      {failure ? <ErrorAlert failure={failure} /> : null}
      {result?.ok ? <Alert tone="success">{t('audit.verifyOk', { count: String(result.count) })}</Alert> : null}
      {result && !result.ok && broken ? (
        <Alert tone="error">
          {t('audit.verifyBroken', {
            seq: broken.seq,
            event: broken.event ?? '—',
            link: t(`audit.link_${broken.link}`),
            count: String(result.count),
          })}
        </Alert>
      ) : null}
    </div>
  );
}

function AuditRows({ filters }: { filters: Filters }) {
  const { t } = useTranslation();
  const [cursor, setCursor] = useState<string | null>(null);
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/audit', { params: { query: { ...filters, ...(cursor ? { cursor } : {}) } }, signal })),
    [JSON.stringify(filters), cursor],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  if (state.data.items.length === 0) return <EmptyState title={t('audit.empty')} />;
  return (
    <div className="stack">
      <div className="audit-table-scroll">
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.seq')}</th>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.event')}</th>
              <th scope="col">{t('audit.customer')}</th>
              <th scope="col">{t('audit.staff')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {state.data.items.map((row) => (
              <tr key={row.seq}>
                <td className="mono">{row.seq}</td>
                <td>
                  <DateTime value={row.occurredAt} />
                </td>
                <td className="mono">{row.event}</td>
                <td className="mono">{row.customerId ?? '—'}</td>
                <td className="mono">{row.staffId ?? '—'}</td>
                <td className="mono audit-table__details">{JSON.stringify(row.details)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {state.data.nextCursor ? (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setCursor(state.data.nextCursor)}>
            {t('audit.more')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}

/** The audit viewer (audit.view: security officers, admins): search, CSV of the same search, chain check. */
export function AuditSection() {
  const { t } = useTranslation();
  usePageTitle(t('audit.title'));
  const [form, setForm] = useState<FilterForm>(EMPTY_FORM);
  const [filters, setFilters] = useState<Filters>({});
  const [searchId, setSearchId] = useState(0);
  const field = (name: keyof FilterForm) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters(filtersOf(form));
    setSearchId(searchId + 1);
  }

  return (
    <div className="page">
      <PageHeader title={t('audit.title')} lead={t('audit.lead')} />
      <div className="grid grid--2">
        <Card>
          <form className="stack" onSubmit={search} noValidate>
            <TextField label={t('audit.customerId')} autoComplete="off" {...field('customerId')} />
            <TextField label={t('audit.staffId')} autoComplete="off" {...field('staffId')} />
            <TextField label={t('audit.event')} hint={t('audit.eventHint')} autoComplete="off" {...field('event')} />
            <TextField label={t('audit.from')} type="datetime-local" {...field('from')} />
            <TextField label={t('audit.to')} type="datetime-local" {...field('to')} />
            <div className="form-actions">
              <Button type="submit">{t('audit.search')}</Button>
              <a className="button button--secondary" href={csvHref(filters)} download>
                <DownloadIcon /> {t('audit.csv')}
              </a>
            </div>
          </form>
        </Card>
        <Card>
          <VerifyChain />
        </Card>
      </div>
      <Card>
        <AuditRows key={searchId} filters={filters} />
      </Card>
    </div>
  );
}
