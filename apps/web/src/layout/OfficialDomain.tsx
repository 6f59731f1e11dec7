import { hostOf, useMeta } from '../api/meta';
import { useTranslation } from '../i18n';
import { GlobeIcon, LockIcon } from '../ui';

/**
 * "🔒 mykassa.kz" in the top bar of every page: the memo asks customers to check the domain
 * before entering anything, so the app always shows which one is genuine. Nothing is shown
 * until the configured origin is known: a guess would defeat the purpose. The lock only when
 * this page really came over https: a lock over plain http would teach the wrong lesson.
 */
export function OfficialDomain() {
  const { t } = useTranslation();
  const { state } = useMeta();
  if (state.status !== 'ready') return null;
  const host = hostOf(state.meta.publicOrigin);
  if (host === null) return null;
  const secure = window.location.protocol === 'https:';
  return (
    <p className={secure ? 'official-domain' : 'official-domain official-domain--plain'} title={t('a11y.officialSite')}>
      {secure ? <LockIcon /> : <GlobeIcon />}
      <span className="visually-hidden">
        {t('a11y.officialSite')}
        {secure ? `, ${t('a11y.secureConnection')}` : ''}:{' '}
      </span>
      <span className="official-domain__host">{host}</span>
    </p>
  );
}
