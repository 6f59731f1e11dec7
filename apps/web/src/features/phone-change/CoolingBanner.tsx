import { useLocale, useTranslation } from '../../i18n';
import { Alert } from '../../ui';
import { coolingSentence } from './cooling';

/** The cooling period after a phone number change, with its end: shown while it lasts (GET /api/v1/profile `cooling`). */
export function CoolingBanner({ cooling }: { cooling: { until: string; transferMaxPerDayMinor: number } | null }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  if (cooling === null) return null;
  return (
    <Alert tone="warning" live={false} title={t('phoneChange.coolingTitle')}>
      <p>{coolingSentence(cooling, t, locale)}</p>
    </Alert>
  );
}
