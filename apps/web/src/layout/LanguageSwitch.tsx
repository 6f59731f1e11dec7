import { LANGUAGES, type Language } from '../api/enums';
import { switchLanguage, useLocale, useTranslation } from '../i18n';

const SHORT_LABEL_KEY = {
  ru: 'languages.ruShort',
  kk: 'languages.kkShort',
  en: 'languages.enShort',
} as const satisfies Record<Language, string>;

/** Three toggle buttons; each names its language in that language, for those who cannot read
 * the current one. The choice is remembered (see i18n/index.ts). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const { language: current } = useLocale();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('a11y.language')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          className="language-switch__option"
          lang={language}
          aria-pressed={language === current}
          aria-label={t(`languages.${language}`)}
          onClick={() => void switchLanguage(language)}
        >
          {t(SHORT_LABEL_KEY[language])}
        </button>
      ))}
    </fieldset>
  );
}
