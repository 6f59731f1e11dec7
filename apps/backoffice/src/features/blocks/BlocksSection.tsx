import {
  Alert,
  type ApiFailure,
  Button,
  Card,
  callApi,
  DateTime,
  EmptyState,
  ErrorAlert,
  formatDateTime,
  LoadingState,
  LockIcon,
  PageHeader,
  TextField,
  useApiLoad,
} from '@kassa/ui';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, Route, Routes, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { GetResponse } from '../../api/shapes';
import { useLocale, useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';

type Block = GetResponse<'/api/staff/v1/blocks/{blockId}'>;

function StateBadge({ state }: { state: Block['state'] }) {
  const { t } = useTranslation();
  const tone = state === 'active' ? 'badge--error' : state === 'lifted' ? 'badge--success' : 'badge--muted';
  return <span className={`badge ${tone}`}>{t(`blocks.state_${state}`)}</span>;
}

/** The blocks in force, newest first, a page at a time. */
function BlocksList() {
  const { t } = useTranslation();
  usePageTitle(t('blocks.title'));
  const [cursor, setCursor] = useState<string | null>(null);
  const [earlier, setEarlier] = useState<Block[]>([]);
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/blocks', { params: { query: cursor ? { cursor } : {} }, signal })),
    [cursor],
  );
  const items = state.status === 'ready' ? [...earlier, ...state.data.items] : earlier;
  return (
    <div className="page">
      <PageHeader title={t('blocks.title')} lead={t('blocks.lead')} />
      <Card>
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && items.length === 0 ? <EmptyState title={t('blocks.empty')} /> : null}
        {items.length > 0 ? (
          <ul className="list">
            {items.map((block) => (
              <li key={block.id} className="list-row">
                <span className="list-row__icon">
                  <LockIcon />
                </span>
                <div className="list-row__body">
                  <p className="list-row__title">
                    <Link to={`/blocks/${block.id}`}>{block.customer.label}</Link> <StateBadge state={block.state} />
                  </p>
                  <p className="list-row__meta">
                    {t(`blocks.reason_${block.reason}`)} · {t(`blocks.source_${block.source}`)} · <DateTime value={block.createdAt} />
                  </p>
                </div>
              </li>
            ))}
          </ul>
        ) : null}
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'ready' && state.data.nextCursor ? (
          <div className="form-actions">
            <Button
              variant="secondary"
              onClick={() => {
                setEarlier(items);
                setCursor(state.data.nextCursor);
              }}
            >
              {t('blocks.more')}
            </Button>
          </div>
        ) : null}
      </Card>
    </div>
  );
}

/** The maker's step: how the identity was checked, then the request goes to the approvals queue. */
function UnblockRequestForm({ block, onRequested }: { block: Block; onRequested: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/blocks/{blockId}/unblock-request', { params: { path: { blockId: block.id } }, body: { note: note.trim() } }),
    );
    setBusy(false);
    if (result.ok) onRequested();
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card title={t('blocks.requestTitle')}>
      <form className="stack" onSubmit={submit} noValidate>
        <p>{t('blocks.requestLead')}</p>
        <TextField
          label={t('blocks.requestNote')}
          value={note}
          required
          maxLength={500}
          onChange={(event) => setNote(event.target.value)}
        />
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="form-actions">
          <Button type="submit" loading={busy} disabled={note.trim().length === 0}>
            {t('blocks.request')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One block: the customer masked, why, who and when, how it came; and its unblock. */
function BlockPage() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  usePageTitle(t('blocks.detailTitle'));
  const { blockId = '' } = useParams();
  const [requested, setRequested] = useState(false);
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/staff/v1/blocks/{blockId}', { params: { path: { blockId } }, signal })),
    [blockId],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={reload} />;
  const block = state.data;
  return (
    <div className="page">
      <p>
        <Link to="/blocks">{t('blocks.back')}</Link>
      </p>
      <PageHeader title={`${t('blocks.detailTitle')} · ${block.customer.label}`} />
      <div className="grid grid--2">
        <Card>
          <dl className="facts">
            <Row label={t('blocks.state')}>
              <StateBadge state={block.state} />
            </Row>
            <Row label={t('blocks.customer')}>{block.customer.label}</Row>
            <Row label={t('blocks.reason')}>{t(`blocks.reason_${block.reason}`)}</Row>
            <Row label={t('blocks.source')}>{t(`blocks.source_${block.source}`)}</Row>
            <Row label={t('blocks.by')}>{block.createdBy?.displayName ?? t('blocks.noneDash')}</Row>
            <Row label={t('blocks.createdAt')}>
              <DateTime value={block.createdAt} />
            </Row>
            <Row label={t('blocks.note')}>{block.note ?? t('blocks.noneDash')}</Row>
            {block.liftedAt ? (
              <>
                <Row label={t('blocks.liftedAt')}>
                  <DateTime value={block.liftedAt} />
                </Row>
                <Row label={t('blocks.liftedBy')}>{block.liftedBy?.displayName ?? t('blocks.noneDash')}</Row>
              </>
            ) : null}
          </dl>
        </Card>
        <div className="stack">
          {requested ? <Alert tone="success">{t('blocks.requested')}</Alert> : null}
          {block.unblockRequest ? (
            <Alert tone="info">
              {t('blocks.pendingBy', {
                name: block.unblockRequest.maker.displayName,
                time: formatDateTime(block.unblockRequest.expiresAt, locale) ?? block.unblockRequest.expiresAt,
              })}{' '}
              <Link to={`/approvals/${block.unblockRequest.approvalId}`}>{t('blocks.openApproval')}</Link>
            </Alert>
          ) : null}
          {block.state === 'active' ? (
            <UnblockRequestForm
              block={block}
              onRequested={() => {
                setRequested(true);
                reload();
              }}
            />
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** The Blocks section (security officers: blocks.unblock.request): the list and one block. */
export function BlocksSection() {
  return (
    <Routes>
      <Route index element={<BlocksList />} />
      <Route path=":blockId" element={<BlockPage />} />
    </Routes>
  );
}
