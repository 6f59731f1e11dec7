import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../api/client';
import { NOTIFICATION_CHANNELS, NOTIFICATION_EVENTS, type NotificationChannel, type NotificationEvent } from '../../api/enums';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import type { NotificationSettings } from '../../money/model';
import { Alert, BellIcon, Button, Card, ErrorAlert, LoadingState, PageHeader, PhoneIcon, Switch } from '../../ui';
import { DigestCard } from './DigestCard';

export function NotificationSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notificationSettings.title'));
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/notification-settings', { signal })), []);
  const [draft, setDraft] = useState<NotificationSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (state.status === 'ready') setDraft(state.data);
  }, [state]);

  async function save(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!draft) return;
    setBusy(true);
    setFailure(null);
    setSaved(false);
    const result = await callApi(() => api.PUT('/api/v1/notification-settings', { body: draft }));
    setBusy(false);
    if (result.ok) {
      setDraft(result.data);
      setSaved(true);
    } else if (!result.aborted) setFailure(result.failure);
  }

  function toggle(channel: NotificationChannel, name: NotificationEvent, value: boolean) {
    setSaved(false);
    setDraft((previous) => (previous ? { ...previous, [channel]: { ...previous[channel], [name]: value } } : previous));
  }

  function changeDigest(digest: NotificationSettings['digest']) {
    setSaved(false);
    setDraft((previous) => (previous ? { ...previous, digest } : previous));
  }

  const smsPartlyOff = draft ? NOTIFICATION_EVENTS.some((name) => !draft.sms[name]) : false;
  return (
    <div className="page">
      <PageHeader title={t('notificationSettings.title')} lead={t('notificationSettings.lead')} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {draft ? (
        <form className="stack" onSubmit={(event) => void save(event)}>
          <div className="grid grid--2">
            {NOTIFICATION_CHANNELS.map((channel) => (
              <Card
                key={channel}
                title={channel === 'sms' ? t('notificationSettings.sms') : t('notificationSettings.inApp')}
                icon={channel === 'sms' ? <PhoneIcon /> : <BellIcon />}
              >
                <fieldset className="switch-group">
                  <legend className="muted">
                    {channel === 'sms' ? t('notificationSettings.smsText') : t('notificationSettings.inAppText')}
                  </legend>
                  {NOTIFICATION_EVENTS.map((name) => (
                    <Switch
                      key={name}
                      label={t(`notificationSettings.${name}`)}
                      checked={draft[channel][name]}
                      onChange={(event) => toggle(channel, name, event.target.checked)}
                    />
                  ))}
                </fieldset>
              </Card>
            ))}
          </div>
          <DigestCard digest={draft.digest} onChange={changeDigest} />
          {smsPartlyOff ? (
            <Alert tone="warning" live={false}>
              <p>{t('notificationSettings.smsOffWarning')}</p>
            </Alert>
          ) : null}
          {saved ? <Alert tone="success">{t('notificationSettings.saved')}</Alert> : null}
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="form-actions">
            <Button type="submit" variant="primary" loading={busy}>
              {t('notificationSettings.save')}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
