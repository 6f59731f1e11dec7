import './calls.css';
import { useMeta } from '../../api/meta';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, ButtonLink, Card, LoadingState, PageHeader, PhoneIcon, ShieldIcon } from '../../ui';
import { useSession } from '../auth/session';
import { CALL_PAGE_POLL_MS, useActiveCall } from './activeCall';

/** The contact center's number, to call back on: the bank the customer dials is the bank. */
function CallBack() {
  const { t } = useTranslation();
  const { state } = useMeta();
  if (state.status !== 'ready') return null;
  return (
    <p className="call-check__call-back">
      <span>{t('calls.callBack')}</span>{' '}
      <a className="contact-list__value" href={`tel:${state.meta.contactCenterPhone}`}>
        <PhoneIcon />
        {state.meta.contactCenterPhone}
      </a>
    </p>
  );
}

/** The answer for a signed-in customer, asked again every few seconds. */
function CallAnswer() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const state = useActiveCall(true, CALL_PAGE_POLL_MS);
  const time = (value: string) => formatDateTime(value, locale, 'hoursMinutes') ?? value;
  if (state.status === 'loading') return <LoadingState />;
  if (state.status === 'error') {
    return (
      <Alert tone="warning" title={t('calls.unavailable')}>
        <CallBack />
      </Alert>
    );
  }
  const { call } = state;
  return (
    <div className="stack" aria-live="polite">
      {call.active && call.staffName && call.startedAt ? (
        <div className="call-check call-check--active">
          <Alert tone="success" title={t('calls.activeTitle')} live={false}>
            <p className="call-check__who">{t('calls.active', { name: call.staffName, time: time(call.startedAt) })}</p>
            <p>{call.direction === 'outbound' ? t('calls.activeOutbound') : t('calls.activeInbound')}</p>
            <p>{t('calls.activeCheck')}</p>
          </Alert>
        </div>
      ) : (
        <div className="call-check call-check--none">
          <Alert tone="warning" title={t('calls.noneTitle')} live={false}>
            <p className="call-check__who">{t('calls.none')}</p>
            <CallBack />
          </Alert>
        </div>
      )}
      <p className="muted">
        {t('calls.refreshing')} {t('calls.checkedAt', { time: formatDateTime(state.checkedAt, locale, 'time') ?? state.checkedAt })}
      </p>
    </div>
  );
}

/**
 * "Is Kassa calling me?" (issue 13 item 3): while a staff member is on an identified call with the
 * customer it says who, calmly, in green; at any other time it says plainly that no one from Kassa
 * is calling, to hang up, and which number to call back. Signed out, it can only say what Kassa
 * never asks for, and offer the login.
 */
export function IsKassaCallingPage() {
  const { t } = useTranslation();
  usePageTitle(t('calls.title'));
  const { state } = useSession();
  return (
    <div className="page page--narrow">
      <PageHeader title={t('calls.title')} lead={t('calls.lead')} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'authenticated' ? <CallAnswer /> : null}
      {state.status === 'anonymous' || state.status === 'error' ? (
        <Card title={t('calls.signedOutTitle')} icon={<ShieldIcon />}>
          <p>{t('calls.signedOut')}</p>
          <p>{t('calls.signedOutAdvice')}</p>
          <CallBack />
          <p>
            <ButtonLink to="/login" variant="primary">
              {t('calls.login')}
            </ButtonLink>
          </p>
        </Card>
      ) : null}
    </div>
  );
}
