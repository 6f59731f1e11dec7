import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, PasswordField, SelectField, TextField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import type { StaffRole } from '../../api/shapes';
import { useTranslation } from '../../i18n';
import { LANGUAGES, type Language } from '../../i18n/resources';

const ROLES: readonly StaffRole[] = ['operator', 'security_officer', 'admin'];

/**
 * "New staff member" (admins): the admin types a temporary password under the customers' policy
 * (the server checks it), and hands it over in person; at the first login the member enrols TOTP
 * by QR code and must replace the password before anything else opens (ForcedPasswordChange).
 */
export function CreateStaffForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('operator');
  const [language, setLanguage] = useState<Language>('ru');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/staff/v1/staff', { body: { username: username.trim().toLowerCase(), displayName, role, language, password } }),
    );
    setBusy(false);
    if (result.ok) {
      setCreated(result.data.displayName);
      setUsername('');
      setDisplayName('');
      setPassword('');
      onCreated();
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <Card>
      <h2 className="card__title">{t('staffAdmin.createTitle')}</h2>
      <p className="muted">{t('staffAdmin.createLead')}</p>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <TextField
          label={t('staffAdmin.username')}
          hint={t('staffAdmin.usernameHint')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          autoComplete="off"
          required
        />
        <TextField label={t('staffAdmin.displayName')} value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        <SelectField
          label={t('staffAdmin.role')}
          value={role}
          onChange={(e) => setRole(ROLES.find((r) => r === e.target.value) ?? 'operator')}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('staffAdmin.language')}
          value={language}
          onChange={(e) => setLanguage(LANGUAGES.find((l) => l === e.target.value) ?? 'ru')}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t(`languages.${l}`)}
            </option>
          ))}
        </SelectField>
        <PasswordField
          label={t('staffAdmin.initialPassword')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="new-password"
          showRule
          required
        />
        {failure ? <ErrorAlert failure={failure} /> : null}
        {created ? <Alert tone="success">{t('staffAdmin.created', { name: created })}</Alert> : null}
        <div className="form-actions">
          <Button type="submit" loading={busy}>
            {t('staffAdmin.create')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
