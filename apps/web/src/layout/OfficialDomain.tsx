import { useTranslation } from 'react-i18next';
import { hostOf, useMeta } from '../api/meta';
import { LockIcon } from '../ui';

/**
 * "🔒 mykassa.kz" in the header of every page: the memo asks customers to check the domain
 * before entering anything, so the app always shows which one is genuine. Nothing is shown
 * until the configured origin is known: a guess would defeat the purpose.
 */
export function OfficialDomain() {
  const { t } = useTranslation();
  const { state } = useMeta();
  if (state.status !== 'ready') return null;
  const host = hostOf(state.meta.publicOrigin);
  if (host === null) return null;
  return (
    <p className="official-domain" title={t('a11y.officialSite')}>
      <LockIcon />
      <span className="visually-hidden">{t('a11y.officialSite')}: </span>
      <span>{host}</span>
    </p>
  );
}
