interface LanguageSwitchProps<Language extends string> {
  /** In the order the switch shows them. */
  languages: readonly Language[];
  current: Language;
  /** What the fieldset is, for assistive technology ("Interface language"). */
  legend: string;
  /** Each language's name in that language ("Қазақша"), read aloud. */
  nameOf: (language: Language) => string;
  /** The short label on the button ("ҚАЗ"). */
  shortLabelOf: (language: Language) => string;
  onSelect: (language: Language) => void;
}

/** Three toggle buttons; each names its language in that language, for those who cannot read
 * the current one. The app remembers the choice and loads the texts (its i18n/index.ts). */
export function LanguageSwitch<Language extends string>({
  languages,
  current,
  legend,
  nameOf,
  shortLabelOf,
  onSelect,
}: LanguageSwitchProps<Language>) {
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{legend}</legend>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          className="language-switch__option"
          lang={language}
          aria-pressed={language === current}
          aria-label={nameOf(language)}
          onClick={() => onSelect(language)}
        >
          {shortLabelOf(language)}
        </button>
      ))}
    </fieldset>
  );
}
