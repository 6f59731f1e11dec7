import {
  type ApiFailure,
  Button,
  Card,
  callApi,
  DateTime,
  EmptyState,
  ErrorAlert,
  LoadingState,
  PageHeader,
  PhoneIcon,
  SelectField,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link, Route, Routes, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { CallPage } from './CallPage';

const CHANNELS = ['phone', 'chat', 'branch'] as const;
type Channel = (typeof CHANNELS)[number];

function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/** A new inbound call: the channel and the number the caller gives (if any). */
function OpenCallForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [channel, setChannel] = useState<Channel>('phone');
  const [callerPhone, setCallerPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const phone = callerPhone.trim();
    const result = await callApi(() => api.POST('/api/staff/v1/calls', { body: { channel, ...(phone ? { callerPhone: phone } : {}) } }));
    setBusy(false);
    if (result.ok) navigate(`/calls/${result.data.id}`);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('calls.openTitle')} icon={<PhoneIcon />}>
      <form className="stack" onSubmit={submit} noValidate>
        <SelectField
          label={t('calls.channel')}
          value={channel}
          onChange={(event) => isChannel(event.target.value) && setChannel(event.target.value)}
        >
          {CHANNELS.map((option) => (
            <option key={option} value={option}>
              {t(`calls.channel_${option}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('calls.callerPhone')}
          hint={t('calls.callerPhoneHint')}
          type="tel"
          autoComplete="off"
          inputMode="tel"
          value={callerPhone}
          onChange={(event) => setCallerPhone(event.target.value)}
        />
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="form-actions">
          <Button type="submit" loading={busy}>
            {t('calls.open')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** The staff member's calls not closed, newest first. */
function OpenCalls() {
  const { t } = useTranslation();
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/staff/v1/calls', { signal })), []);
  return (
    <Card title={t('calls.listTitle')}>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' && state.data.items.length === 0 ? <EmptyState title={t('calls.empty')} /> : null}
      {state.status === 'ready' && state.data.items.length > 0 ? (
        <ul className="list">
          {state.data.items.map((call) => (
            <li key={call.id} className="list-row">
              <span className="list-row__icon">
                <PhoneIcon />
              </span>
              <div className="list-row__body">
                <p className="list-row__title">
                  <Link to={`/calls/${call.id}`}>
                    {t(`calls.direction_${call.direction}`)} · {t(`calls.channel_${call.channel}`)}
                    {call.callerPhone ? ` · ${call.callerPhone}` : ''}
                  </Link>
                  <span className={call.status === 'identified' ? 'badge badge--success' : 'badge badge--muted'}>
                    {t(`calls.status_${call.status}`)}
                  </span>
                </p>
                <p className="list-row__meta">
                  {t('calls.started')} <DateTime value={call.startedAt} format="hoursMinutes" />
                </p>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function CallsHome() {
  const { t } = useTranslation();
  usePageTitle(t('calls.title'));
  return (
    <div className="page">
      <PageHeader title={t('calls.title')} lead={t('calls.lead')} />
      <div className="grid grid--2">
        <OpenCallForm />
        <OpenCalls />
      </div>
    </div>
  );
}

/** The Calls section (operators: calls.handle): the calls list and one call's steps. */
export function CallsSection() {
  return (
    <Routes>
      <Route index element={<CallsHome />} />
      <Route path=":callId" element={<CallPage />} />
    </Routes>
  );
}
