import type { GetResponse } from '../../api/shapes';
import { useTranslation } from '../../i18n';

export type MerchantFile = GetResponse<'/api/staff/v1/merchants/{merchantId}'>;
export type Merchant = MerchantFile['merchant'];
export type ApiKey = MerchantFile['keys'][number];

export function MerchantStatusBadge({ status }: { status: Merchant['status'] }) {
  const { t } = useTranslation();
  return <span className={`badge ${status === 'active' ? 'badge--success' : 'badge--error'}`}>{t(`merchants.status_${status}`)}</span>;
}

/** The modes the merchant works in: the keys of a mode that is off do not authenticate. */
export function ModeBadges({ merchant }: { merchant: Pick<Merchant, 'testModeEnabled' | 'liveModeEnabled'> }) {
  const { t } = useTranslation();
  const modes = [merchant.testModeEnabled ? t('merchants.mode_test') : null, merchant.liveModeEnabled ? t('merchants.mode_live') : null];
  return <>{modes.filter(Boolean).join(', ') || t('merchants.noneDash')}</>;
}
