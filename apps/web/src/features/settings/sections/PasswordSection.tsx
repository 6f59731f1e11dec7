import { type FormEvent, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiFailure, callApi, fieldErrorsByName } from '../../../api/problem';
import { useTranslation } from '../../../i18n';
import { Alert, Button, Card, ErrorAlert, LockIcon, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, PasswordField } from '../../../ui';

export function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<{ currentPassword?: string; newPassword?: string; repeat?: string }>({});
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: typeof errors = {};
    if (current === '') found.currentPassword = t('login.passwordRequired');
    const length = [...next].length;
    if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      found.newPassword = t('password.rule', { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
    }
    if (repeat !== next) found.repeat = t('password.mismatch');
    setErrors(found);
    setDone(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setFailure(null);
    const result = await callApi(() => api.POST('/api/v1/auth/password', { body: { currentPassword: current, newPassword: next } }));
    setBusy(false);
    if (result.ok) {
      setCurrent('');
      setNext('');
      setRepeat('');
      setDone(true);
      onChanged();
    } else if (!result.aborted) {
      setFailure(result.failure);
      setErrors(fieldErrorsByName(result.failure));
    }
  }

  return (
    <Card title={t('password.changeTitle')} icon={<LockIcon />} id="password">
      <p className="muted">{t('password.changeLead')}</p>
      <form className="stack form-narrow" onSubmit={(event) => void handleSubmit(event)} noValidate>
        {done ? <Alert tone="success">{t('password.changed')}</Alert> : null}
        {failure ? <ErrorAlert failure={failure} /> : null}
        <PasswordField
          label={t('password.current')}
          error={errors.currentPassword}
          name="current-password"
          autoComplete="current-password"
          maxLength={1024}
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <PasswordField
          label={t('password.new')}
          error={errors.newPassword}
          name="new-password"
          autoComplete="new-password"
          maxLength={1024}
          showRule
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <PasswordField
          label={t('password.repeat')}
          error={errors.repeat}
          name="repeat-password"
          autoComplete="new-password"
          maxLength={1024}
          value={repeat}
          onChange={(event) => setRepeat(event.target.value)}
        />
        <div className="form-actions">
          <Button type="submit" loading={busy}>
            {t('password.changeSubmit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
