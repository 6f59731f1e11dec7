import { type ApiFailure, Button, ErrorAlert, WarningIcon } from '@kassa/ui';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from '../i18n';

interface ConfirmDialogProps {
  title: string;
  text: string;
  confirmLabel: string;
  danger?: boolean;
  /** Runs the action; a failure is shown in the dialog, success closes it. */
  onConfirm: () => Promise<ApiFailure | null>;
  onClose: () => void;
}

/**
 * A modal question before an action on a customer's access or money (end sessions, revoke a
 * device, block, refund, reject): the native <dialog>, so focus stays inside and Escape cancels.
 */
export function ConfirmDialog({ title, text, confirmLabel, danger = false, onConfirm, onClose }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  async function confirm() {
    setBusy(true);
    const result = await onConfirm();
    setBusy(false);
    if (result) setFailure(result);
    else onClose();
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <div className="dialog__icon">
        <WarningIcon />
      </div>
      <h2 id={`${id}-title`} className="dialog__title">
        {title}
      </h2>
      <p id={`${id}-text`} className="dialog__text">
        {text}
      </p>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <div className="dialog__actions">
        <Button variant={danger ? 'danger' : 'primary'} loading={busy} onClick={() => void confirm()}>
          {confirmLabel}
        </Button>
        <Button variant="secondary" disabled={busy} onClick={onClose}>
          {t('cases.cancel')}
        </Button>
      </div>
    </dialog>
  );
}
