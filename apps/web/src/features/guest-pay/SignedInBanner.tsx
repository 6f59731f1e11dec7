import { useTranslation } from '../../i18n';
import { Alert } from '../../ui';
import { useSession } from '../auth/session';

/**
 * A signed-in customer on the guests' pages came by "By card" (payments/card-source.ts) or on
 * purpose: the bank's card page offers their own Kassa cards first, or takes another bank's.
 */
export function SignedInBanner() {
  const { t } = useTranslation();
  const { state } = useSession();
  if (state.status !== 'authenticated') return null;
  return (
    <Alert tone="info" title={t('guestPay.signedInTitle')} live={false}>
      <p>{t('guestPay.signedInText')}</p>
    </Alert>
  );
}
