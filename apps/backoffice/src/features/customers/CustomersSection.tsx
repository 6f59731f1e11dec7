import {
  type ApiFailure,
  Button,
  Card,
  callApi,
  EmptyState,
  ErrorAlert,
  LoadingState,
  PageHeader,
  SelectField,
  TextField,
  UserIcon,
} from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { GetResponse } from '../../api/shapes';
import { CustomerFileView } from '../../customer-file/CustomerFile';
import type { CustomerFileData } from '../../customer-file/types';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import '../../customer-file/cases.css';

type Match = GetResponse<'/api/staff/v1/customers'>['items'][number];

const SEARCH_KINDS = ['phone', 'iin', 'name'] as const;
type SearchKind = (typeof SEARCH_KINDS)[number];

function isSearchKind(value: string): value is SearchKind {
  return (SEARCH_KINDS as readonly string[]).includes(value);
}

/** The security officer's search (GET /api/staff/v1/customers): masked matches, each opening the file. */
function CustomerSearch() {
  const { t } = useTranslation();
  usePageTitle(t('customers.title'));
  const [kind, setKind] = useState<SearchKind>('phone');
  const [value, setValue] = useState('');
  const [matches, setMatches] = useState<Match[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const query = { [kind]: value.trim() };
    const result = await callApi(() => api.GET('/api/staff/v1/customers', { params: { query } }));
    setBusy(false);
    if (result.ok) setMatches(result.data.items);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <div className="page">
      <PageHeader title={t('customers.title')} lead={t('customers.lead')} />
      <div className="grid grid--2">
        <Card title={t('customers.search')} icon={<UserIcon />}>
          <form className="stack" onSubmit={submit} noValidate>
            <SelectField
              label={t('customers.searchBy')}
              value={kind}
              onChange={(event) => isSearchKind(event.target.value) && setKind(event.target.value)}
            >
              {SEARCH_KINDS.map((option) => (
                <option key={option} value={option}>
                  {t(`customers.by_${option}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t(`customers.value_${kind}`)}
              autoComplete="off"
              inputMode={kind === 'name' ? 'text' : kind === 'iin' ? 'numeric' : 'tel'}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
            {failure ? <ErrorAlert failure={failure} /> : null}
            <div className="form-actions">
              <Button type="submit" loading={busy}>
                {t('customers.search')}
              </Button>
            </div>
          </form>
        </Card>
        <Card title={t('customers.results')}>
          {matches === null ? null : matches.length === 0 ? (
            <EmptyState title={t('customers.noResults')} />
          ) : (
            <ul className="list">
              {matches.map((match) => (
                <li key={match.id} className="list-row">
                  <div className="list-row__body">
                    <p className="list-row__title">
                      <Link to={`/customers/${match.id}`}>{match.maskedName}</Link>
                      <span className={match.status === 'active' ? 'badge badge--muted' : 'badge badge--danger'}>
                        {t(`customers.status_${match.status}`)}
                      </span>
                    </p>
                    <p className="list-row__meta">
                      <span className="mono">{match.maskedPhone}</span> · <span className="mono">{match.id}</span>
                    </p>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}

/**
 * A customer's file for a security officer: the reason first (it goes into the audit log with the
 * view), then GET /api/staff/v1/customers/{id}?reason=…. The reason stays in memory, not in the
 * address, so a reload asks again.
 */
function CustomerFilePage() {
  const { t } = useTranslation();
  usePageTitle(t('customers.fileTitle'));
  const { customerId = '' } = useParams();
  const [reason, setReason] = useState('');
  const [file, setFile] = useState<CustomerFileData | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function open(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.GET('/api/staff/v1/customers/{customerId}', { params: { path: { customerId }, query: { reason: reason.trim() } } }),
    );
    setBusy(false);
    if (result.ok) setFile(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <div className="page">
      <p>
        <Link to="/customers">{t('customers.back')}</Link>
      </p>
      <PageHeader
        title={t('customers.fileTitle')}
        lead={file ? t('customers.reasonShown', { reason: file.access.reason ?? '' }) : undefined}
      />
      {file ? (
        <CustomerFileView file={file} />
      ) : (
        <Card title={t('customers.reasonTitle')}>
          <form className="stack form-narrow" onSubmit={open} noValidate>
            <p className="muted">{t('customers.reasonLead')}</p>
            <TextField
              label={t('customers.reason')}
              autoComplete="off"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
            {failure ? <ErrorAlert failure={failure} /> : null}
            <div className="form-actions">
              <Button type="submit" loading={busy}>
                {t('customers.open')}
              </Button>
            </div>
          </form>
          {busy ? <LoadingState /> : null}
        </Card>
      )}
    </div>
  );
}

/** The Customers section (security officers: customers.file): the search and one customer's file. */
export function CustomersSection() {
  return (
    <Routes>
      <Route index element={<CustomerSearch />} />
      <Route path=":customerId" element={<CustomerFilePage />} />
    </Routes>
  );
}
