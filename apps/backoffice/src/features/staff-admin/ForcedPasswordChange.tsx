import { Alert, type ApiFailure, Button, Card, callApi, ErrorAlert, PageHeader, PasswordField } from '@kassa/ui';
import { type FormEvent, useState } from 'react';
import { api } from '../../api/client';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';

/**
 * The forced step after the first login of a member an admin created: the temporary password is
 * known to the admin too, so until it is replaced the server lets this session reach nothing but
 * itself, logout and POST /api/staff/v1/auth/password (requireStaff). `onChanged` reloads the session.
 */
export function ForcedPasswordChange({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  usePageTitle(t('passwordChange.title'));
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/staff/v1/auth/password', { body: { currentPassword: current, newPassword: next } }));
    setBusy(false);
    if (result.ok) onChanged();
    else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <div className="page">
      <PageHeader title={t('passwordChange.title')} lead={t('passwordChange.lead')} />
      <Card>
        <form className="stack" onSubmit={(event) => void submit(event)} noValidate>
          <PasswordField
            label={t('passwordChange.current')}
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
            autoComplete="current-password"
            required
          />
          <PasswordField
            label={t('passwordChange.next')}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            autoComplete="new-password"
            showRule
            required
          />
          <PasswordField
            label={t('passwordChange.repeat')}
            value={repeat}
            onChange={(e) => setRepeat(e.target.value)}
            autoComplete="new-password"
            error={mismatch ? t('passwordChange.mismatch') : null}
            required
          />
          {failure ? <ErrorAlert failure={failure} /> : null}
          {mismatch ? <Alert tone="error">{t('passwordChange.mismatch')}</Alert> : null}
          <div className="form-actions">
            <Button type="submit" loading={busy}>
              {t('passwordChange.submit')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
