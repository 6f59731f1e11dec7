import { KitProvider } from '@kassa/ui';
import type { ReactNode } from 'react';
import { useLocale, useTranslation } from './index';

/** Gives the design system's components (@kassa/ui) the web app's texts and locale. */
export function KitTexts({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (
    <KitProvider t={t} locale={locale}>
      {children}
    </KitProvider>
  );
}
