import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { BellIcon, Button, ButtonLink, Card, DateTime, EmptyState, ErrorAlert, LoadingState, PageHeader } from '../../ui';
import { useUnreadNotifications } from './unread';

const NOTIFICATIONS_SHOWN_MAX = 50;

export function NotificationsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.title'));
  const unread = useUnreadNotifications();
  const { state, reload, setState } = useApiLoad(
    (signal) => callApi(() => api.GET('/api/v1/notifications', { params: { query: { limit: NOTIFICATIONS_SHOWN_MAX } }, signal })),
    [],
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);

  async function markRead(ids: string[] | 'all') {
    if (state.status !== 'ready') return;
    setBusy(ids === 'all' ? 'all' : (ids[0] ?? null));
    setFailure(null);
    const result = await callApi(() => api.POST('/api/v1/notifications/read', { body: ids === 'all' ? { all: true } : { ids } }));
    setBusy(null);
    if (!result.ok) {
      if (!result.aborted) setFailure(result.failure);
      return;
    }
    const now = new Date().toISOString();
    const items = state.data.items.map((item) => (ids === 'all' || ids.includes(item.id) ? { ...item, readAt: item.readAt ?? now } : item));
    const unreadCount = ids === 'all' ? 0 : Math.max(0, state.data.unreadCount - ids.length);
    setState({ status: 'ready', data: { items, unreadCount } });
    unread.setUnreadCount(unreadCount);
  }

  const unreadCount = state.status === 'ready' ? state.data.unreadCount : 0;
  return (
    <div className="page">
      <PageHeader
        title={t('notifications.title')}
        lead={t('notifications.lead')}
        actions={
          <ButtonLink to="/notifications/settings" variant="secondary">
            {t('notifications.settingsLink')}
          </ButtonLink>
        }
      />
      {failure ? <ErrorAlert failure={failure} /> : null}
      <Card>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && state.data.items.length === 0 ? (
          <EmptyState icon={<BellIcon />} title={t('notifications.empty')} description={t('notifications.emptyText')} />
        ) : null}
        {state.status === 'ready' && state.data.items.length > 0 ? (
          <>
            <div className="list-head">
              <p className="muted">{t('notifications.unreadCount', { count: unreadCount })}</p>
              {unreadCount > 0 ? (
                <Button variant="secondary" className="button--compact" loading={busy === 'all'} onClick={() => void markRead('all')}>
                  {t('notifications.markAll')}
                </Button>
              ) : null}
            </div>
            <ul className="list notification-list">
              {state.data.items.map((item) => (
                <li key={item.id} className={item.readAt ? 'list-row notification' : 'list-row notification notification--unread'}>
                  <span className="list-row__icon">
                    <BellIcon />
                  </span>
                  <div className="list-row__body">
                    <p className="list-row__title">
                      {item.readAt ? null : <span className="badge badge--info">{t('notifications.unread')}</span>}
                      <span>{item.title}</span>
                    </p>
                    <p>{item.body}</p>
                    <p className="list-row__meta">
                      <DateTime value={item.createdAt} />
                    </p>
                  </div>
                  {item.readAt ? null : (
                    <Button
                      variant="secondary"
                      className="button--compact"
                      loading={busy === item.id}
                      aria-label={t('notifications.markReadNamed', { title: item.title })}
                      onClick={() => void markRead([item.id])}
                    >
                      {t('notifications.markRead')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </Card>
      <p className="small muted">
        {t('profile.noticesLanguage')} <Link to="/profile">{t('profile.chooseLanguage')}</Link>
      </p>
      <p>
        <Link to="/history">{t('nav.history')}</Link>
      </p>
    </div>
  );
}
