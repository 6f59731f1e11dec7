import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';
import { PageHeader } from '../ui';

/** Placeholder: the login flow (login + password + SMS code) is built on top of this page. */
export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.login'));
  return (
    <div className="page">
      <PageHeader title={t('login.title')} />
    </div>
  );
}
