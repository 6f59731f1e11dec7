import { useTranslation } from '../i18n';

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_HOUR = 60;
const HOURS_SHOWN_MAX = 48;

/** How long a case has waited, in the largest unit that reads at a glance: 12 min, 5 h, 3 d. */
export function Age({ since }: { since: string }) {
  const { t } = useTranslation();
  const minutes = Math.max(0, Math.floor((Date.now() - Date.parse(since)) / MS_PER_MINUTE));
  const hours = Math.floor(minutes / MINUTES_PER_HOUR);
  const text =
    minutes < MINUTES_PER_HOUR
      ? t('cases.ageMinutes', { count: minutes })
      : hours < HOURS_SHOWN_MAX
        ? t('cases.ageHours', { count: hours })
        : t('cases.ageDays', { count: Math.floor(hours / 24) });
  return <span>{text}</span>;
}
