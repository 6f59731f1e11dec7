import { type ApiFailure, Button, ErrorAlert, TextField } from '@kassa/ui';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from '../i18n';
import { codeFromInput, isCompleteCode } from './code';

interface CodeFormProps {
  submitLabel: string;
  /** Sends the code; resolves to the failure to show, or null when the caller moved on. */
  onSubmit: (code: string) => Promise<ApiFailure | null>;
  onStartOver: () => void;
}

/**
 * The six digits of the authenticator app. No maxLength: it would cut a pasted "123 456" before
 * the space could be taken out; codeFromInput keeps six digits instead.
 */
export function CodeForm({ submitLabel, onSubmit, onStartOver }: CodeFormProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!isCompleteCode(code)) {
      setCodeError(t('totp.invalid'));
      inputRef.current?.focus();
      return;
    }
    setCodeError(null);
    setBusy(true);
    setFailure(null);
    const result = await onSubmit(code);
    setBusy(false);
    if (result !== null) {
      setFailure(result);
      setCode('');
      inputRef.current?.focus();
    }
  }

  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
      {failure ? <ErrorAlert failure={failure} /> : null}
      <TextField
        ref={inputRef}
        label={t('totp.label')}
        hint={t('totp.hint')}
        error={codeError}
        name="code"
        className="field--code"
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(event) => setCode(codeFromInput(event.target.value))}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          {submitLabel}
        </Button>
      </div>
      <p>
        <button type="button" className="link-button" onClick={onStartOver}>
          {t('totp.startOver')}
        </button>
      </p>
    </form>
  );
}
