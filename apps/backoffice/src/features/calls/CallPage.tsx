import {
  Alert,
  type ApiFailure,
  Button,
  Card,
  callApi,
  DateTime,
  ErrorAlert,
  formatDateTime,
  LoadingState,
  PageHeader,
  SelectField,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { GetResponse, PostResponse } from '../../api/shapes';
import { CustomerFile } from '../../customer-file/CustomerFile';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { RecordIncident } from '../incidents/RecordIncident';
import { PhoneChangeOnCall } from '../staff-admin/PhoneChangeOnCall';
import { LostPhoneBlock } from './LostPhoneBlock';

type Call = GetResponse<'/api/staff/v1/calls/{callId}'>;
type LookupAnswer = PostResponse<'/api/staff/v1/calls/{callId}/lookup'>;

const LOOKUP_KINDS = ['phone', 'iin', 'name'] as const;
type LookupKind = (typeof LOOKUP_KINDS)[number];

function isLookupKind(value: string): value is LookupKind {
  return (LOOKUP_KINDS as readonly string[]).includes(value);
}

/** Step 1: "exists or not", and nothing else, until the code is read back. */
function LookupStep({ call, onDone }: { call: Call; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<LookupKind>('phone');
  const [value, setValue] = useState(call.callerPhone ?? '');
  const [answer, setAnswer] = useState<LookupAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const text = value.trim();
    const body = kind === 'phone' ? { phone: text } : kind === 'iin' ? { iin: text } : { name: text };
    const result = await callApi(() => api.POST('/api/staff/v1/calls/{callId}/lookup', { params: { path: { callId: call.id } }, body }));
    setBusy(false);
    if (result.ok) {
      setAnswer(result.data);
      onDone();
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('calls.lookupTitle')}>
      <p className="muted">{t('calls.lookupLead')}</p>
      <form className="stack" onSubmit={submit} noValidate>
        <SelectField
          label={t('calls.lookupBy')}
          value={kind}
          onChange={(event) => isLookupKind(event.target.value) && setKind(event.target.value)}
        >
          {LOOKUP_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`calls.by_${option}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t(`calls.lookupValue_${kind}`)}
          autoComplete="off"
          inputMode={kind === 'name' ? 'text' : kind === 'iin' ? 'numeric' : 'tel'}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        {failure ? <ErrorAlert failure={failure} /> : null}
        {answer ? (
          <Alert tone={answer.exists && !answer.ambiguous ? 'success' : 'warning'}>
            {answer.ambiguous ? t('calls.ambiguous') : answer.exists ? t('calls.exists') : t('calls.notExists')}
          </Alert>
        ) : null}
        <p className="muted">{t('calls.lookupsLeft', { count: String(call.lookupsLeft) })}</p>
        <div className="form-actions">
          <Button type="submit" variant="secondary" loading={busy}>
            {t('calls.lookup')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

/** Steps 2 and 3: the code to the phone on file, then the code the caller reads back. */
function CodeSteps({ call, onIdentified }: { call: Call; onIdentified: (call: Call) => void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [sentUntil, setSentUntil] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState<'send' | 'confirm' | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const path = { params: { path: { callId: call.id } } };

  async function send() {
    setBusy('send');
    setFailure(null);
    const result = await callApi(() => api.POST('/api/staff/v1/calls/{callId}/verification', path));
    setBusy(null);
    if (result.ok) setSentUntil(result.data.expiresAt);
    else if (!result.aborted) setFailure(result.failure);
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy('confirm');
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/calls/{callId}/verification/confirm', { ...path, body: { code: code.replace(/\s+/g, '') } }),
    );
    setBusy(null);
    if (result.ok) onIdentified(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <>
      <Card title={t('calls.codeTitle')}>
        <p className="muted">{t('calls.codeLead')}</p>
        {sentUntil ? (
          <Alert tone="info">{t('calls.sent', { time: formatDateTime(sentUntil, locale, 'hoursMinutes') ?? sentUntil })}</Alert>
        ) : null}
        <div className="form-actions">
          <Button variant="secondary" loading={busy === 'send'} onClick={() => void send()}>
            {sentUntil ? t('calls.resend') : t('calls.send')}
          </Button>
        </div>
      </Card>
      <Card title={t('calls.confirmTitle')}>
        <form className="stack" onSubmit={confirm} noValidate>
          <TextField
            label={t('calls.code')}
            autoComplete="off"
            inputMode="numeric"
            maxLength={8}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="form-actions">
            <Button type="submit" loading={busy === 'confirm'}>
              {t('calls.confirm')}
            </Button>
          </div>
        </form>
      </Card>
    </>
  );
}

/** One call, worked through its steps: look-up, code, code read back, the file; and its end. */
export function CallPage() {
  const { t } = useTranslation();
  usePageTitle(t('calls.callTitle'));
  const { callId = '' } = useParams();
  const [closing, setClosing] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const { state, reload, setState } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/calls/{callId}', { params: { path: { callId } }, signal })),
    [callId],
  );

  async function close() {
    setClosing(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/staff/v1/calls/{callId}/close', { params: { path: { callId } } }));
    setClosing(false);
    if (result.ok) setState({ status: 'ready', data: result.data });
    else if (!result.aborted) setFailure(result.failure);
  }

  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const call = state.data;
  return (
    <div className="page">
      <p>
        <Link to="/calls">{t('calls.back')}</Link>
      </p>
      <PageHeader
        title={`${t('calls.callTitle')} · ${t(`calls.direction_${call.direction}`)} · ${t(`calls.channel_${call.channel}`)}`}
        lead={call.callerPhone ?? undefined}
      />
      <p>
        <span className={call.status === 'identified' ? 'badge badge--success' : 'badge badge--muted'}>
          {t(`calls.status_${call.status}`)}
        </span>{' '}
        {t('calls.started')} <DateTime value={call.startedAt} format="hoursMinutes" />
      </p>
      {call.status === 'open' ? (
        <div className="grid grid--2">
          <LookupStep call={call} onDone={reload} />
          <div className="stack">
            <CodeSteps call={call} onIdentified={(identified) => setState({ status: 'ready', data: identified })} />
          </div>
        </div>
      ) : null}
      {call.status === 'identified' && call.direction === 'outbound' ? <Alert tone="info">{t('calls.outbound')}</Alert> : null}
      {call.status === 'identified' && call.customerFileAvailable ? (
        <>
          <Alert tone="success">{t('calls.identified')}</Alert>
          <CustomerFile callId={call.id} />
          <RecordIncident callId={call.id} customerId={call.customerId} />
          {call.direction === 'inbound' ? <PhoneChangeOnCall callId={call.id} /> : null}
        </>
      ) : null}
      {call.status !== 'closed' && call.direction === 'inbound' ? <LostPhoneBlock callId={call.id} /> : null}
      {call.status === 'closed' ? (
        <Alert tone="info">{call.closeReason === 'timed-out' ? t('calls.closedTimedOut') : t('calls.closed')}</Alert>
      ) : (
        <div className="form-actions">
          {failure ? <ErrorAlert failure={failure} /> : null}
          <Button variant="danger" loading={closing} onClick={() => void close()}>
            {t('calls.close')}
          </Button>
        </div>
      )}
    </div>
  );
}
