import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Alert, Button, ButtonLink, ErrorAlert, RefreshIcon, Switch, TextField } from '../../ui';
import { SAVED_NAME_LENGTH_MAX, type SavedPrefill } from './saved-model';
import './saved.css';

/** What a payment that can be saved or scheduled brings: its provider and what was paid. */
export interface SaveablePayment {
  paymentId: string;
  providerId: string;
  providerName: string;
  providerMode: 'fetch' | 'validate' | 'ad-hoc';
  fields: Record<string, string>;
  amountMinor: number;
  sourceAccountId: string | null;
}

/**
 * The small dialog of "Save as favourite": a name (the provider's by default) and, for a provider
 * that sends a monthly bill, the reminder before the 25th. Saved from the payment itself, with its
 * amount and account, so the favourite repeats it as it was.
 */
function SaveDialog({ payment, onSaved, onClose }: { payment: SaveablePayment; onSaved: (name: string) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState(payment.providerName.slice(0, SAVED_NAME_LENGTH_MAX));
  const [remind, setRemind] = useState(payment.providerMode === 'fetch');
  const [nameError, setNameError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (name.trim() === '') return setNameError(t('paymentsSaved.saveNameRequired'));
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/v1/payments/favourites', {
        body: {
          name: name.trim(),
          paymentId: payment.paymentId,
          amountMinor: payment.amountMinor,
          ...(payment.sourceAccountId ? { sourceAccountId: payment.sourceAccountId } : {}),
          ...(payment.providerMode === 'fetch' ? { remind } : {}),
        },
      }),
    );
    setBusy(false);
    if (result.ok) onSaved(result.data.name);
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog save-dialog"
      aria-labelledby="save-favourite-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id="save-favourite-title" className="dialog__title">
        {t('paymentsSaved.saveTitle')}
      </h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <TextField
          label={t('paymentsSaved.saveName')}
          hint={t('paymentsSaved.saveNameHint')}
          name="favouriteName"
          maxLength={SAVED_NAME_LENGTH_MAX}
          autoComplete="off"
          value={name}
          error={nameError}
          onChange={(event) => {
            setName(event.target.value);
            setNameError(null);
          }}
        />
        {payment.providerMode === 'fetch' ? (
          <div className="stack">
            <Switch label={t('paymentsSaved.saveRemind')} checked={remind} onChange={(event) => setRemind(event.target.checked)} />
            <p className="small muted">{t('paymentsSaved.saveRemindHint')}</p>
          </div>
        ) : null}
        {failure ? <ErrorAlert failure={failure} /> : null}
        <div className="dialog__actions">
          <Button type="submit" variant="primary" loading={busy}>
            {t('paymentsSaved.saveSubmit')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={onClose}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </dialog>
  );
}

/** The schedule form's start from a payment: the same provider, fields, amount and account. */
export function schedulePrefill(payment: SaveablePayment): SavedPrefill {
  return {
    fields: payment.fields,
    amountMinor: payment.amountMinor,
    ...(payment.sourceAccountId ? { sourceAccountId: payment.sourceAccountId } : {}),
  };
}

/**
 * "Save as favourite" and, for a provider paid by the customer's own amount (validate, ad hoc),
 * "Make it regular", under a payment's result and on its details page. A bill that changes
 * monthly is not scheduled (the server says why), so it is only offered the reminder.
 */
export function SavedActions({ payment }: { payment: SaveablePayment }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [savedName, setSavedName] = useState<string | null>(null);
  const schedulable = payment.providerMode !== 'fetch';
  return (
    <div className="stack">
      {savedName ? <Alert tone="success">{t('paymentsSaved.saved', { name: savedName })}</Alert> : null}
      <div className="saved-actions">
        {savedName ? null : (
          <Button variant="secondary" onClick={() => setOpen(true)}>
            {t('paymentsSaved.save')}
          </Button>
        )}
        {schedulable ? (
          <ButtonLink to={`/payments/${payment.providerId}/schedule`} state={schedulePrefill(payment)} variant="secondary">
            <RefreshIcon />
            <span>{t('paymentsSaved.makeRegular')}</span>
          </ButtonLink>
        ) : null}
      </div>
      {open ? (
        <SaveDialog
          payment={payment}
          onClose={() => setOpen(false)}
          onSaved={(name) => {
            setOpen(false);
            setSavedName(name);
          }}
        />
      ) : null}
    </div>
  );
}
