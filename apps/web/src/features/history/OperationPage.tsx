import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { LANGUAGES, type Language } from '../../api/enums';
import { useMeta } from '../../api/meta';
import { type ApiFailure, callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatOperationReference } from '../../lib/format';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { Facts, ScaExemptionNote, StatusBadge, useOperationTitle } from '../../money/components';
import { isAccepted, isHeld, type Operation, type OperationDetails, signedAmountMinor } from '../../money/model';
import {
  Alert,
  Button,
  ButtonLink,
  Card,
  DateTime,
  DownloadIcon,
  ErrorAlert,
  FlagIcon,
  LoadingState,
  Money,
  PageHeader,
  PhoneIcon,
  ReceiptIcon,
  RefreshIcon,
  SelectField,
} from '../../ui';
import { PaymentDetails } from '../payments/PaymentDetails';

const DISPUTE_COMMENT_LENGTH_MAX = 1000;

function Receipt({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const [receiptLanguage, setReceiptLanguage] = useState<Language>(language);
  const base = `/api/v1/operations/${encodeURIComponent(operation.id)}/receipt`;
  if (!isAccepted(operation.status)) {
    return (
      <Card title={t('operation.receiptTitle')} icon={<ReceiptIcon />}>
        <p className="muted">{t('operation.receiptOnlyAccepted')}</p>
      </Card>
    );
  }
  return (
    <Card title={t('operation.receiptTitle')} icon={<ReceiptIcon />}>
      <SelectField
        label={t('operation.receiptLanguage')}
        value={receiptLanguage}
        onChange={(event) => setReceiptLanguage(event.target.value as Language)}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code}>
            {t(`languages.${code}`)}
          </option>
        ))}
      </SelectField>
      <div className="form-actions">
        <a className="button button--primary" href={`${base}?format=pdf&lang=${receiptLanguage}`} download>
          <DownloadIcon />
          <span>{t('operation.receiptPdf')}</span>
        </a>
        <a className="button button--secondary" href={`${base}?format=html&lang=${receiptLanguage}`} target="_blank" rel="noopener">
          <ReceiptIcon />
          <span>
            {t('operation.receiptHtml')} <span className="visually-hidden">{t('a11y.newWindow')}</span>
          </span>
        </a>
      </div>
    </Card>
  );
}

function Dispute({ operation }: { operation: Operation }) {
  const { t } = useTranslation();
  const { state: meta } = useMeta();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useState<{ disputeId: string; createdAt: string } | null>(null);
  const commentRef = useRef<HTMLTextAreaElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (open) commentRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const trimmed = comment.trim();
    const result = await callApi(() =>
      api.POST('/api/v1/operations/{transferId}/dispute', {
        params: { path: { transferId: operation.id } },
        body: trimmed ? { comment: trimmed } : {},
      }),
    );
    setBusy(false);
    if (result.ok) setDone(result.data);
    else if (!result.aborted) setFailure(result.failure);
  }

  const phone = meta.status === 'ready' ? meta.meta.contactCenterPhone : null;
  if (done) {
    return (
      <div ref={doneRef} tabIndex={-1} className="focus-target">
        <Alert tone="success" title={t('operation.disputeDone', { id: done.disputeId })}>
          <p>
            {t('operation.disputeDoneAt')} <DateTime value={done.createdAt} />
          </p>
          <p>{t('operation.disputeDoneText')}</p>
          {phone ? (
            <p>
              <a className="contact-list__value" href={`tel:${phone}`}>
                <PhoneIcon />
                {phone}
              </a>
            </p>
          ) : null}
          <p>{t('operation.disputeNeverCode')}</p>
          <p>
            <Link to={`/support/disputes/${done.disputeId}`}>{t('support.openCase')}</Link>
          </p>
        </Alert>
      </div>
    );
  }
  return (
    <Card title={t('operation.disputeTitle')} icon={<FlagIcon />} className="card--urgent">
      <p>{t('operation.disputeText')}</p>
      {failure ? <ErrorAlert failure={failure} /> : null}
      {open ? (
        <form className="stack" onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label className="field__label" htmlFor="dispute-comment">
              {t('operation.disputeComment')}
            </label>
            <div className="field__hint" id="dispute-comment-hint">
              {t('operation.disputeCommentHint')}
            </div>
            <textarea
              ref={commentRef}
              id="dispute-comment"
              className="field__input field__textarea"
              aria-describedby="dispute-comment-hint"
              maxLength={DISPUTE_COMMENT_LENGTH_MAX}
              rows={4}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" variant="danger" loading={busy}>
              {t('operation.disputeSubmit')}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div>
          <Button variant="danger" icon={<FlagIcon />} onClick={() => setOpen(true)}>
            {t('operation.disputeButton')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/**
 * What can be done with the operation: repeat a transfer of one's own whose money moved (the
 * wizard opens filled in), or cancel one still waiting for its code.
 */
function OperationActions({ operation, onChanged }: { operation: OperationDetails; onChanged: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const waiting = operation.status === 'awaiting_confirmation' && operation.direction === 'outgoing';
  if (!operation.repeat && !waiting) return null;
  async function cancel() {
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/v1/transfers/{transferId}/cancel', { params: { path: { transferId: operation.id } } }),
    );
    setBusy(false);
    if (result.ok) onChanged();
    else if (!result.aborted) setFailure(result.failure);
  }
  return (
    <>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <div className="form-actions">
        {operation.repeat ? (
          <ButtonLink to={`/transfers/${operation.repeat.kind}?repeat=${encodeURIComponent(operation.id)}`} variant="primary">
            <RefreshIcon />
            <span>{t('operation.repeat')}</span>
          </ButtonLink>
        ) : null}
        {waiting ? (
          <Button variant="secondary" loading={busy} onClick={() => void cancel()}>
            {t('transfer.cancel')}
          </Button>
        ) : null}
      </div>
    </>
  );
}

export function OperationPage() {
  const { t } = useTranslation();
  usePageTitle(t('operation.title'));
  const { id = '' } = useParams();
  const title = useOperationTitle();
  const { state, reload } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/operations/{transferId}', { params: { path: { transferId: id } }, signal })),
    [id],
  );
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') {
    return (
      <div className="page">
        <PageHeader title={t('operation.title')} />
        <ErrorAlert failure={state.failure} onRetry={state.failure.status === 404 ? undefined : reload} />
        <p>
          <Link to="/history">{t('operation.back')}</Link>
        </p>
      </div>
    );
  }
  const operation = state.data;
  const accepted = isAccepted(operation.status);
  const signed = signedAmountMinor(operation);
  const outgoing = operation.direction === 'outgoing';
  return (
    <div className="page">
      <p>
        <Link to="/history">← {t('operation.back')}</Link>
      </p>
      <PageHeader title={title(operation)} />
      <Card>
        {/* A card purchase on hold looks like money spent: it is not available, though not yet debited. */}
        <div className={`operation-hero operation-hero--${accepted || isHeld(operation.status) ? (outgoing ? 'out' : 'in') : 'failed'}`}>
          <p className="operation-hero__amount">
            {signed > 0 && operation.kind !== 'own' ? '+' : ''}
            <Money amountMinor={signed} currency={operation.currency} />
          </p>
          <StatusBadge status={operation.status} kind={operation.kind} />
        </div>
        {!accepted && operation.declineReasonText ? (
          <Alert tone="error" live={false} title={t('operation.reason')}>
            <p>{operation.declineReasonText}</p>
          </Alert>
        ) : null}
        <ScaExemptionNote operation={operation} />
        <Facts
          rows={[
            { label: t('operation.kind'), value: t(`kind.${operation.kind}`) },
            {
              label: t('operation.direction'),
              value: operation.kind === 'own' ? t('direction.own') : outgoing ? t('direction.outgoing') : t('direction.incoming'),
            },
            { label: t('operation.amount'), value: <Money amountMinor={operation.amountMinor} currency={operation.currency} /> },
            outgoing && { label: t('operation.fee'), value: <Money amountMinor={operation.feeMinor} currency={operation.currency} /> },
            outgoing &&
              accepted && {
                label: t('operation.total'),
                value: <Money amountMinor={operation.amountMinor + operation.feeMinor} currency={operation.currency} />,
                strong: true,
              },
            { label: t('operation.payee'), value: operation.payee },
            operation.card != null && {
              label: t('operation.card'),
              value: <Link to={`/cards/${operation.card.id}`}>•••• {operation.card.last4}</Link>,
            },
            operation.payer !== null && { label: t('operation.payer'), value: operation.payer },
            operation.purposeCode !== null && { label: t('operation.purpose'), value: operation.purposeCode },
            operation.description !== null && { label: t('operation.description'), value: operation.description },
            { label: t('operation.createdAt'), value: <DateTime value={operation.createdAt} format="dateTimeSeconds" /> },
            operation.completedAt !== null && {
              label: t('operation.completedAt'),
              value: <DateTime value={operation.completedAt} format="dateTimeSeconds" />,
            },
            { label: t('operation.id'), value: <span className="mono">{formatOperationReference(operation.id)}</span> },
          ]}
        />
        <OperationActions operation={operation} onChanged={reload} />
      </Card>
      {/* A payment for services: the provider, the account and lines paid, the provider's side, "Repeat". */}
      {operation.kind === 'service' ? <PaymentDetails operationId={operation.id} /> : null}
      <div className="grid grid--2">
        <Receipt operation={operation} />
        {/* A refund is the bank's own answer to a dispute: there is nothing to dispute in it. */}
        {operation.kind === 'refund' ? null : <Dispute operation={operation} />}
      </div>
    </div>
  );
}
