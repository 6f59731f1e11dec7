import { Alert, type ApiFailure, Button, Card, callApi, DateTime, ErrorAlert, TextField } from '@kassa/ui';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';
import { errorsByPointer, type StaffProvider } from './provider-draft';

const REASON_LENGTH_MIN = 5;

/**
 * "Изменить реквизиты": the maker's request for a new legal name, BIN or IBAN (approvals kind
 * provider_settlement). Nothing changes until a second staff member approves it in Approvals; the
 * dialog says so once the request exists. The native <dialog> keeps focus inside; Escape closes.
 */
function SettlementDialog({ provider, onClose, onRequested }: { provider: StaffProvider; onClose: () => void; onRequested: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [legalName, setLegalName] = useState(provider.legalName);
  const [bin, setBin] = useState(provider.bin);
  const [settlementIban, setIban] = useState(provider.settlementIban);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [approvalId, setApprovalId] = useState<string | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/payment-providers/{providerId}/settlement-change', {
        params: { path: { providerId: provider.id } },
        body: { version: provider.version, legalName, bin: bin.trim(), settlementIban, reason: reason.trim() },
      }),
    );
    setBusy(false);
    if (result.ok) setApprovalId(result.data.approvalId);
    else if (!result.aborted) setFailure(result.failure);
  }

  const errors = errorsByPointer(failure);
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) (approvalId ? onRequested : onClose)();
      }}
    >
      <h2 id={`${id}-title`} className="dialog__title">
        {t('providers.settlementChangeTitle')}
      </h2>
      {approvalId ? (
        <div className="stack">
          <Alert tone="success">{t('providers.settlementRequested')}</Alert>
          <div className="dialog__actions">
            <Button onClick={onRequested}>{t('providers.close')}</Button>
          </div>
        </div>
      ) : (
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
          <p className="dialog__text">{t('providers.settlementChangeLead')}</p>
          <TextField
            label={t('providers.legalName')}
            value={legalName}
            maxLength={200}
            error={errors['/legalName']}
            onChange={(event) => setLegalName(event.target.value)}
          />
          <TextField
            label={t('providers.bin')}
            value={bin}
            inputMode="numeric"
            error={errors['/bin']}
            onChange={(event) => setBin(event.target.value)}
          />
          <TextField
            label={t('providers.iban')}
            hint={t('providers.ibanHint')}
            value={settlementIban}
            error={errors['/settlementIban']}
            onChange={(event) => setIban(event.target.value)}
          />
          <TextField
            label={t('providers.settlementReason')}
            hint={t('providers.settlementReasonHint')}
            value={reason}
            maxLength={500}
            required
            onChange={(event) => setReason(event.target.value)}
          />
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="dialog__actions">
            <Button type="submit" loading={busy} disabled={reason.trim().length < REASON_LENGTH_MIN}>
              {t('providers.settlementSubmit')}
            </Button>
            <Button variant="secondary" disabled={busy} onClick={onClose}>
              {t('providers.cancel')}
            </Button>
          </div>
        </form>
      )}
    </dialog>
  );
}

/** The settlement details in force, a change waiting for its checker, and the maker's button. */
export function SettlementBlock({
  provider,
  canRequest,
  onRequested,
}: {
  provider: StaffProvider;
  canRequest: boolean;
  onRequested: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const pending = provider.pendingSettlementChange;
  return (
    <Card title={t('providers.sectionSettlement')}>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t('providers.legalName')}</dt>
          <dd>{provider.legalName}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('providers.bin')}</dt>
          <dd className="mono">{provider.bin}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('providers.iban')}</dt>
          <dd className="mono">{provider.settlementIban}</dd>
        </div>
      </dl>
      <p className="muted">{t('providers.settlementLead')}</p>
      {pending ? (
        <Alert tone="info" title={t('providers.settlementPending')}>
          {pending.to.legalName} · {pending.to.bin} · <span className="mono">{pending.to.settlementIban}</span>.{' '}
          {t('providers.settlementPendingSince')} <DateTime value={pending.createdAt} />.{' '}
          <Link to={`/approvals/${pending.approvalId}`}>{t('providers.settlementOpenApproval')}</Link>
        </Alert>
      ) : null}
      {canRequest && !pending ? (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('providers.settlementChange')}
          </Button>
        </div>
      ) : null}
      {open ? (
        <SettlementDialog
          provider={provider}
          onClose={() => setOpen(false)}
          onRequested={() => {
            setOpen(false);
            onRequested();
          }}
        />
      ) : null}
    </Card>
  );
}
