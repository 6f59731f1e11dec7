import { Card, callApi, DateTime, ErrorAlert, LoadingState, PageHeader, useApiLoad } from '@kassa/ui';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useStaffSession } from '../auth/session';
import { useTranslation } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';

/** The bank's contacts as customers are told them (GET /api/v1/meta: CONTACT_CENTER_PHONE, SECURITY_EMAIL). */
function Contacts() {
  const { t } = useTranslation();
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/meta', { signal })), []);
  return (
    <Card title={t('home.contactsTitle')}>
      <p className="muted">{t('home.contactsLead')}</p>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <dl className="facts contact-facts">
          <div className="facts__row facts__row--strong">
            <dt>{t('home.contactCenter')}</dt>
            <dd>
              <a href={`tel:${state.data.contactCenterPhone}`}>{state.data.contactCenterPhone}</a>
            </dd>
          </div>
          <div className="facts__row facts__row--strong">
            <dt>{t('home.securityEmail')}</dt>
            <dd>
              <a href={`mailto:${state.data.securityEmail}`}>{state.data.securityEmail}</a>
            </dd>
          </div>
        </dl>
      ) : null}
    </Card>
  );
}

/** The first page after the login: who is logged in, in which role, until when, and the bank's contacts. */
export function HomePage() {
  const { t } = useTranslation();
  const session = useStaffSession();
  usePageTitle(t('nav.home'));
  return (
    <div className="page">
      <PageHeader title={t('home.title', { name: session.staff.displayName })} lead={t('home.lead')} />
      <div className="grid grid--2">
        <Card title={t('home.you')}>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('home.name')}</dt>
              <dd>{session.staff.displayName}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('home.role')}</dt>
              <dd>{t(`roles.${session.staff.role}`)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('home.sessionEnds')}</dt>
              <dd>
                <DateTime value={session.absoluteExpiresAt} />
              </dd>
            </div>
          </dl>
        </Card>
        <Contacts />
        <Card title={t('securityKeys.homeTitle')}>
          <p className="muted">{t('securityKeys.homeText')}</p>
          <p>
            <Link to="/security-keys">{t('securityKeys.manage')}</Link>
          </p>
        </Card>
      </div>
    </div>
  );
}
