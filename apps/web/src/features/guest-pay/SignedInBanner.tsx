import { Link } from 'react-router-dom';
import { useTranslation } from '../../i18n';
import { Alert } from '../../ui';
import { useSession } from '../auth/session';

/** A customer who opens the guests' pages is pointed to their own Payments: no card to type, the history kept. */
export function SignedInBanner() {
  const { t } = useTranslation();
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  return (
    <Alert tone="info" title={t('guestPay.signedInTitle')} live={false}>
      <p>{t('guestPay.signedInText')}</p>
      <p>
        <Link to="/payments">{t('guestPay.signedInLink')}</Link>
      </p>
    </Alert>
  );
}
