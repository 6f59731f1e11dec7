import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from './Alert';
import { Button } from './Button';
import { WarningIcon } from './icons';
import type { ApiFailure } from './problem';

interface SessionEndingTexts {
  title: string;
  /** The sentence with the seconds left in it. */
  text: (seconds: number) => string;
  stay: string;
  logout: string;
}

interface SessionEndingDialogProps {
  /** When the session ends, in epoch milliseconds on this browser's clock. */
  deadlineMs: number;
  /** The absolute limit, which no activity extends: no "stay" button then. */
  absolute: boolean;
  texts: SessionEndingTexts;
  onStay: () => Promise<ApiFailure | null>;
  onLogout: () => void;
}

function secondsUntil(deadlineMs: number): number {
  return Math.max(0, Math.ceil((deadlineMs - Date.now()) / 1000));
}

/**
 * A modal warning before a session ends (SECURITY.md 14: the UI warns before the timeout), with a
 * live countdown; both apps give it their texts and what "stay" means for their sessions.
 */
export function SessionEndingDialog({ deadlineMs, absolute, texts, onStay, onLogout }: SessionEndingDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [seconds, setSeconds] = useState(() => secondsUntil(deadlineMs));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => setSeconds(secondsUntil(deadlineMs)), 1000);
    return () => window.clearInterval(timer);
  }, [deadlineMs]);

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
        {texts.title}
      </h2>
      <p id="idle-text">{texts.text(seconds)}</p>
      <p className="dialog__countdown" aria-hidden="true">
        {`${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`}
      </p>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <div className="dialog__actions">
        {absolute ? null : (
          <Button variant="primary" loading={busy} onClick={() => void stay()}>
            {texts.stay}
          </Button>
        )}
        <Button variant="secondary" onClick={onLogout}>
          {texts.logout}
        </Button>
      </div>
    </dialog>
  );
}
