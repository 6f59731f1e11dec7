import { useEffect, useRef, useState } from 'react';
import type { ApiFailure } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { Button, ErrorAlert, WarningIcon } from '../../ui';

interface IdleWarningDialogProps {
  /** When the session ends, in epoch milliseconds. */
  deadline: number;
  /** The 12-hour limit, which no activity extends. */
  absolute: boolean;
  onStay: () => Promise<ApiFailure | null>;
  onLogout: () => void;
}

function secondsUntil(deadline: number): number {
  return Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
}

/** A modal warning before the idle timeout (RTS 4(3)(d), SECURITY.md item 14). */
export function IdleWarningDialog({ deadline, absolute, onStay, onLogout }: IdleWarningDialogProps) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [seconds, setSeconds] = useState(() => secondsUntil(deadline));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => setSeconds(secondsUntil(deadline)), 1000);
    return () => window.clearInterval(timer);
  }, [deadline]);

  async function stay() {
    setBusy(true);
    setFailure(await onStay());
    setBusy(false);
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      onCancel={(event) => {
        // Escape must not hide the warning without a choice; it means "stay".
        event.preventDefault();
        if (!absolute) void stay();
      }}
    >
      <div className="dialog__icon">
        <WarningIcon />
      </div>
      <h2 id="idle-title" className="dialog__title">
        {absolute ? t('session.absoluteTitle') : t('session.idleTitle')}
      </h2>
      <p id="idle-text">{absolute ? t('session.absoluteText', { seconds }) : t('session.idleText', { seconds })}</p>
      <p className="dialog__countdown" aria-hidden="true">
        {`${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`}
      </p>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <div className="dialog__actions">
        {absolute ? null : (
          <Button variant="primary" loading={busy} onClick={() => void stay()}>
            {t('session.stay')}
          </Button>
        )}
        <Button variant="secondary" onClick={onLogout}>
          {t('session.logout')}
        </Button>
      </div>
    </dialog>
  );
}
