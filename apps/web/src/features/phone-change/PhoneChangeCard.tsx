import { useTranslation } from '../../i18n';
import { dotted } from '../../lib/masked';
import { ButtonLink, Card, PhoneIcon } from '../../ui';
import { CoolingBanner } from './CoolingBanner';

interface PhoneChangeCardProps {
  maskedPhone: string;
  cooling: { until: string; transferMaxPerDayMinor: number } | null;
}

/** On the profile: the number of the customer's access, the cooling period if one runs, and the way to change it. */
export function PhoneChangeCard({ maskedPhone, cooling }: PhoneChangeCardProps) {
  const { t } = useTranslation();
  return (
    <Card title={t('phoneChange.cardTitle')} icon={<PhoneIcon />}>
      <p className="mono">{dotted(maskedPhone)}</p>
      <p className="muted">{t('phoneChange.cardText')}</p>
      <CoolingBanner cooling={cooling} />
      <div className="form-actions">
        <ButtonLink to="/profile/phone" variant="secondary">
          {t('phoneChange.open')}
        </ButtonLink>
      </div>
    </Card>
  );
}
