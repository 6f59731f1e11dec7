import { type ApiFailure, Button, callApi, ErrorAlert, PasswordField, problemCode, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { PostResponse } from '../api/shapes';
import { useTranslation } from '../i18n';

export type LoginStarted = PostResponse<'/api/staff/v1/auth/login'>;

/** Usernames and passwords longer than the API takes are refused by the form (staff.routes.ts). */
const USERNAME_LENGTH_MAX = 64;
const PASSWORD_LENGTH_MAX = 1024;

interface CredentialsFormProps {
  onStarted: (started: LoginStarted) => void;
  /** A failure of a later step that sent the staff member back here (the login timed out, or locked). */
  failure: ApiFailure | null;
}

/** Step 1: the staff username and the password. A wrong one and an unknown one get the same answer. */
export function CredentialsForm({ onStarted, failure: earlierFailure }: CredentialsFormProps) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(earlierFailure);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next: typeof errors = {};
    if (username.trim() === '') next.username = t('login.usernameRequired');
    if (password === '') next.password = t('login.passwordRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/staff/v1/auth/login', { body: { login: username.trim(), password } }));
    setBusy(false);
    if (result.ok) {
      setPassword('');
      onStarted(result.data);
    } else if (!result.aborted) {
      setFailure(result.failure);
      setPassword('');
    }
  }

  const locked = failure !== null && problemCode(failure) === 'staff-locked';
  return (
    <form className="stack" onSubmit={(event) => void handleSubmit(event)} noValidate>
      {failure ? <ErrorAlert failure={failure} /> : null}
      {locked ? <p className="muted">{t('login.lockedHint')}</p> : null}
      <TextField
        label={t('login.username')}
        error={errors.username}
        name="username"
        autoComplete="username"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={USERNAME_LENGTH_MAX}
        value={username}
        onChange={(event) => setUsername(event.target.value)}
        autoFocus
      />
      <PasswordField
        label={t('login.password')}
        error={errors.password}
        name="password"
        autoComplete="current-password"
        maxLength={PASSWORD_LENGTH_MAX}
        value={password}
        onChange={(event) => setPassword(event.target.value)}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          {t('login.submit')}
        </Button>
      </div>
    </form>
  );
}
