import { useTranslation } from '../i18n';
import { usePageTitle } from '../lib/usePageTitle';
import { ButtonLink, CompassIcon, EmptyState, PageHeader } from '../ui';

export function NotFoundPage() {
  const { t } = useTranslation();
  usePageTitle(t('notFound.title'));
  return (
    <div className="page">
      <PageHeader title={t('notFound.title')} />
      <EmptyState icon={<CompassIcon />} title={t('notFound.text')} action={<ButtonLink to="/">{t('notFound.home')}</ButtonLink>} />
    </div>
  );
}
