import { useTranslation } from 'react-i18next';
import { usePageTitle } from '../lib/usePageTitle';
import { PageHeader } from '../ui';

/** Placeholder: registration (phone proven by an SMS code, IIN, password) goes here. */
export function RegisterPage() {
  const { t } = useTranslation();
  usePageTitle(t('nav.register'));
  return (
    <div className="page">
      <PageHeader title={t('register.title')} />
    </div>
  );
}
