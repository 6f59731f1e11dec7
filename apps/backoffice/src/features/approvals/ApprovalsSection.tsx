import {
  Alert,
  type ApiFailure,
  Button,
  Card,
  callApi,
  DateTime,
  EmptyState,
  ErrorAlert,
  LoadingState,
  PageHeader,
  SelectField,
  ShieldIcon,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { type ReactNode, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { GetResponse } from '../../api/shapes';
import { useStaffSession } from '../../auth/session';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { ProviderSettlementFacts } from '../providers/ProviderSettlementFacts';
import { LimitRaiseFacts } from './LimitRaiseFacts';

type Approval = GetResponse<'/api/staff/v1/approvals/{approvalId}'>;
const STATUSES = ['pending', 'approved', 'rejected', 'expired'] as const;
type Status = (typeof STATUSES)[number];
const MS_PER_MINUTE = 60_000;

function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

/** "42 min" or "3 h 5 min", from milliseconds counted on the server. */
function useDuration(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const minutes = Math.floor(ms / MS_PER_MINUTE);
    return minutes < 60
      ? t('approvals.minutes', { count: String(minutes) })
      : t('approvals.hours', { count: String(Math.floor(minutes / 60)), minutes: String(minutes % 60) });
  };
}

/** The queue: the kinds the role decides, and the staff member's own requests. */
function ApprovalsQueue() {
  const { t } = useTranslation();
  usePageTitle(t('approvals.title'));
  const duration = useDuration();
  const [status, setStatus] = useState<Status>('pending');
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/approvals', { params: { query: { status } }, signal })),
    [status],
  );
  return (
    <div className="page">
      <PageHeader title={t('approvals.title')} lead={t('approvals.lead')} />
      <Card>
        <SelectField
          label={t('approvals.status')}
          value={status}
          onChange={(event) => isStatus(event.target.value) && setStatus(event.target.value)}
        >
          {STATUSES.map((option) => (
            <option key={option} value={option}>
              {t(`approvals.status_${option}`)}
            </option>
          ))}
        </SelectField>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? <EmptyState title={t('approvals.empty')} /> : null}
        {state.status === 'ready' && state.data.items.length > 0 ? (
          <ul className="list">
            {state.data.items.map((approval) => (
              <li key={approval.id} className="list-row">
                <span className="list-row__icon">
                  <ShieldIcon />
                </span>
                <div className="list-row__body">
                  <p className="list-row__title">
                    <Link to={`/approvals/${approval.id}`}>
                      {t(`approvals.kind_${approval.kind}`)} · {approval.subject.label}
                    </Link>
                  </p>
                  <p className="list-row__meta">
                    {t('approvals.maker')}: {approval.maker.displayName} · {t('approvals.age')}: {duration(approval.ageMs)}
                    {approval.status === 'pending' ? ` · ${t('approvals.expiresIn')}: ${duration(approval.expiresInMs)}` : ''}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Approve or reject, with a note (required to reject); the maker's own request shows why they cannot. */
function Decision({ approval, onDecided }: { approval: Approval; onDecided: (decided: Approval) => void }) {
  const { t } = useTranslation();
  const session = useStaffSession();
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const own = approval.maker.staffId === session.staff.id;
  const disabled = !approval.canDecide;

  async function decide(decision: 'approve' | 'reject') {
    const trimmed = note.trim();
    if (decision === 'reject' && trimmed.length === 0) {
      setNoteError(t('approvals.noteRequired'));
      return;
    }
    setNoteError(null);
    setBusy(decision);
    setFailure(null);
    const path = { approvalId: approval.id };
    const result = await callApi(() =>
      decision === 'approve'
        ? api.POST('/api/staff/v1/approvals/{approvalId}/approve', { params: { path }, body: trimmed ? { note: trimmed } : {} })
        : api.POST('/api/staff/v1/approvals/{approvalId}/reject', { params: { path }, body: { note: trimmed } }),
    );
    setBusy(null);
    if (result.ok) onDecided(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  if (approval.status !== 'pending') return null;
  return (
    <Card title={t('approvals.decisionNote')}>
      <div className="stack">
        {own ? (
          <Alert tone="info">{t('approvals.ownRequest')}</Alert>
        ) : disabled ? (
          <Alert tone="info">{t('approvals.notYours')}</Alert>
        ) : null}
        <TextField
          label={t('approvals.note')}
          value={note}
          maxLength={500}
          disabled={disabled}
          error={noteError ?? undefined}
          onChange={(event) => setNote(event.target.value)}
        />
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="form-actions">
          <Button loading={busy === 'approve'} disabled={disabled} onClick={() => void decide('approve')}>
            {t('approvals.approve')}
          </Button>
          <Button variant="danger" loading={busy === 'reject'} disabled={disabled} onClick={() => void decide('reject')}>
            {t('approvals.reject')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

function ApprovalPage() {
  const { t } = useTranslation();
  usePageTitle(t('approvals.detailTitle'));
  const duration = useDuration();
  const { approvalId = '' } = useParams();
  const [notice, setNotice] = useState<string | null>(null);
  const { state, reload, setState } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/approvals/{approvalId}', { params: { path: { approvalId } }, signal })),
    [approvalId],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const approval = state.data;
  return (
    <div className="page">
      <p>
        <Link to="/approvals">{t('approvals.back')}</Link>
      </p>
      <PageHeader title={`${t(`approvals.kind_${approval.kind}`)} · ${approval.subject.label}`} />
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <div className="grid grid--2">
        <Card>
          <dl className="facts">
            <Fact label={t('approvals.status')}>{t(`approvals.status_${approval.status}`)}</Fact>
            <Fact label={t('approvals.kind')}>{t(`approvals.kind_${approval.kind}`)}</Fact>
            <Fact label={t('approvals.subject')}>{approval.subject.label}</Fact>
            {approval.kind === 'limit_raise' ? <LimitRaiseFacts payload={approval.payload} /> : null}
            {approval.kind === 'provider_settlement' ? <ProviderSettlementFacts payload={approval.payload} /> : null}
            <Fact label={t('approvals.maker')}>{approval.maker.displayName}</Fact>
            <Fact label={t('approvals.reason')}>{approval.reason}</Fact>
            <Fact label={t('approvals.age')}>
              {duration(approval.ageMs)} (<DateTime value={approval.createdAt} />)
            </Fact>
            {approval.status === 'pending' ? <Fact label={t('approvals.expiresIn')}>{duration(approval.expiresInMs)}</Fact> : null}
            {approval.checker ? <Fact label={t('approvals.checker')}>{approval.checker.displayName}</Fact> : null}
            {approval.decisionNote ? <Fact label={t('approvals.decisionNote')}>{approval.decisionNote}</Fact> : null}
          </dl>
        </Card>
        <Decision
          approval={approval}
          onDecided={(decided) => {
            setNotice(decided.status === 'approved' ? t('approvals.approved') : t('approvals.rejected'));
            setState({ status: 'ready', data: decided });
          }}
        />
      </div>
    </div>
  );
}

/** The Approvals section (approvals.decide: security officers, admins): the queue and one request. */
export function ApprovalsSection() {
  return (
    <Routes>
      <Route index element={<ApprovalsQueue />} />
      <Route path=":approvalId" element={<ApprovalPage />} />
    </Routes>
  );
}
