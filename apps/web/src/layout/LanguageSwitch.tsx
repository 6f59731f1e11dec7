import { LanguageSwitch as KitLanguageSwitch } from '@kassa/ui';
import { LANGUAGES, type Language } from '../api/enums';
import { switchLanguage, useLocale, useTranslation } from '../i18n';

const SHORT_LABEL_KEY = {
  ru: 'languages.ruShort',
  kk: 'languages.kkShort',
  en: 'languages.enShort',
} as const satisfies Record<Language, string>;

/** The kit's language switch with the web app's languages and texts; the choice is remembered (see i18n/index.ts). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language: current } = useLocale();
  return (
    <KitLanguageSwitch
      languages={LANGUAGES}
      current={current}
      legend={t('a11y.language')}
      nameOf={(language) => t(`languages.${language}`)}
      shortLabelOf={(language) => t(SHORT_LABEL_KEY[language])}
      onSelect={(language) => void switchLanguage(language)}
    />
  );
}
