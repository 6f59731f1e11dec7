import { Link } from 'react-router-dom';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { Alert } from '../../ui';
import { CALL_BANNER_POLL_MS, useActiveCall } from './activeCall';

/** On the signed-in home, only while someone from Kassa is on a call with the customer. */
export function ActiveCallBanner() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const state = useActiveCall(true, CALL_BANNER_POLL_MS);
  if (state.status !== 'ready' || !state.call.active || !state.call.staffName || !state.call.startedAt) return null;
  return (
    <Alert tone="success" title={t('calls.bannerTitle', { name: state.call.staffName })}>
      <p>
        {t('calls.bannerText', { time: formatDateTime(state.call.startedAt, locale, 'hoursMinutes') ?? state.call.startedAt })}{' '}
        <Link to="/is-kassa-calling">{t('calls.bannerLink')}</Link>
      </p>
    </Alert>
  );
}
