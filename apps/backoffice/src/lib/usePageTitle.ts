import { useEffect } from 'react';
import { useTranslation } from '../i18n';

/** Sets document.title to "<page> · Kassa back office", so screen readers and tabs name the page. */
export function usePageTitle(page: string): void {
  const { t } = useTranslation();
  const title = t('app.titleTemplate', { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
