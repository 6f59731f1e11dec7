import { Card, SelectField, TextField } from '@kassa/ui';
import type { ReactNode } from 'react';
import { useLocale, useTranslation } from '../../i18n';
import { FieldsEditor } from './FieldsEditor';
import { ProviderMonogram } from './ProviderMonogram';
import { AMOUNT_KINDS, type Category, MODES, type ProviderDraft, type Texts } from './provider-draft';

interface ProviderFormProps {
  draft: ProviderDraft;
  onChange: (draft: ProviderDraft) => void;
  categories: readonly Category[];
  /** The 422's messages by JSON pointer. */
  errors: Record<string, string>;
  readOnly: boolean;
  /** A new provider: its slug and settlement details are typed here; afterwards they are fixed or maker-checker. */
  creating: boolean;
  /** Admins see the endpoint; no one ever sees its secret again. */
  showEndpoint: boolean;
}

function NameInputs({
  texts,
  error,
  readOnly,
  onChange,
}: {
  texts: Texts;
  error?: string;
  readOnly: boolean;
  onChange: (texts: Texts) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="texts-grid">
      {(['ru', 'kk', 'en'] as const).map((language) => (
        <TextField
          key={language}
          label={t(`providers.name_${language}`)}
          value={texts[language]}
          maxLength={80}
          required
          readOnly={readOnly}
          error={language === 'ru' ? error : undefined}
          onChange={(event) => onChange({ ...texts, [language]: event.target.value })}
        />
      ))}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card title={title}>
      <div className="stack">{children}</div>
    </Card>
  );
}

/**
 * A provider's definition in sections (issue 16 item 1): names and logo, the fields customers
 * fill, the amount and fee rules, the endpoint. Read-only for operators and security officers.
 */
export function ProviderForm({ draft, onChange, categories, errors, readOnly, creating, showEndpoint }: ProviderFormProps) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const set =
    <K extends keyof ProviderDraft>(key: K) =>
    (value: ProviderDraft[K]) =>
      onChange({ ...draft, [key]: value });
  const text = (
    key:
      | 'slug'
      | 'keywords'
      | 'logoText'
      | 'logoColor'
      | 'amountMin'
      | 'amountMax'
      | 'feeFixed'
      | 'feePercent'
      | 'feeCap'
      | 'position'
      | 'endpointUrl'
      | 'endpointSecret'
      | 'legalName'
      | 'bin'
      | 'settlementIban',
  ) => ({
    value: draft[key],
    readOnly,
    onChange: (event: { target: { value: string } }) => onChange({ ...draft, [key]: event.target.value }),
  });
  return (
    <div className="stack">
      <Section title={t('providers.sectionNames')}>
        <NameInputs texts={draft.name} error={errors['/name']} readOnly={readOnly} onChange={set('name')} />
        <div className="texts-grid">
          {creating ? (
            <TextField
              label={t('providers.slug')}
              hint={t('providers.slugHint')}
              error={errors['/slug']}
              autoComplete="off"
              {...text('slug')}
            />
          ) : null}
          <SelectField
            label={t('providers.category')}
            value={draft.categoryId}
            disabled={readOnly}
            error={errors['/categoryId']}
            onChange={(event) => set('categoryId')(event.target.value)}
          >
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name[language]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('providers.mode')}
            hint={t(`providers.modeHint_${draft.mode}`)}
            value={draft.mode}
            disabled={readOnly}
            error={errors['/mode']}
            onChange={(event) => set('mode')(MODES.find((mode) => mode === event.target.value) ?? draft.mode)}
          >
            {MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`providers.mode_${mode}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextField label={t('providers.keywords')} hint={t('providers.keywordsHint')} error={errors['/keywords']} {...text('keywords')} />
        <div className="texts-grid">
          <TextField
            label={t('providers.logoText')}
            hint={t('providers.logoTextHint')}
            maxLength={3}
            error={errors['/logo/text']}
            {...text('logoText')}
          />
          <TextField
            label={t('providers.logoColor')}
            hint="#rrggbb"
            error={errors['/logo/color']}
            className="field--mono"
            {...text('logoColor')}
          />
          <div className="field">
            <span className="field__label">{t('providers.logoPreview')}</span>
            <ProviderMonogram logo={{ text: draft.logoText || '?', color: draft.logoColor }} />
          </div>
        </div>
        <TextField
          label={t('providers.position')}
          hint={t('providers.positionHint')}
          inputMode="numeric"
          error={errors['/position']}
          {...text('position')}
        />
      </Section>

      <Section title={t('providers.fieldsTitle')}>
        <p className="muted">{t('providers.fieldsLead')}</p>
        <FieldsEditor fields={draft.fields} onChange={set('fields')} errors={errors} readOnly={readOnly} />
      </Section>

      <Section title={t('providers.sectionAmounts')}>
        <div className="texts-grid">
          <SelectField
            label={t('providers.amountKind')}
            value={draft.amountKind}
            disabled={readOnly}
            error={errors['/amountRule/kind']}
            onChange={(event) => set('amountKind')(AMOUNT_KINDS.find((kind) => kind === event.target.value) ?? draft.amountKind)}
          >
            {AMOUNT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`providers.amountKind_${kind}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('providers.amountMin')} inputMode="decimal" error={errors['/amountRule/minMinor']} {...text('amountMin')} />
          <TextField label={t('providers.amountMax')} inputMode="decimal" error={errors['/amountRule/maxMinor']} {...text('amountMax')} />
        </div>
        <div className="texts-grid">
          <TextField label={t('providers.feeFixed')} inputMode="decimal" error={errors['/feeRule/fixedMinor']} {...text('feeFixed')} />
          <TextField
            label={t('providers.feePercent')}
            inputMode="decimal"
            error={errors['/feeRule/percentBasisPoints']}
            {...text('feePercent')}
          />
          <TextField
            label={t('providers.feeCap')}
            hint={t('providers.feeCapHint')}
            inputMode="decimal"
            error={errors['/feeRule/capMinor']}
            {...text('feeCap')}
          />
        </div>
      </Section>

      {showEndpoint || creating ? (
        <Section title={t('providers.sectionEndpoint')}>
          <TextField
            label={t('providers.endpointUrl')}
            error={errors['/endpointUrl']}
            autoComplete="off"
            className="field--mono"
            {...text('endpointUrl')}
          />
          <TextField
            label={t(creating ? 'providers.endpointSecret' : 'providers.endpointSecretNew')}
            hint={t(creating ? 'providers.endpointSecretHint' : 'providers.endpointSecretKeep')}
            type="password"
            autoComplete="new-password"
            error={errors['/endpointSecret']}
            {...text('endpointSecret')}
          />
        </Section>
      ) : null}

      {creating ? (
        <Section title={t('providers.sectionSettlement')}>
          <p className="muted">{t('providers.settlementCreateLead')}</p>
          <TextField label={t('providers.legalName')} error={errors['/legalName']} {...text('legalName')} />
          <div className="texts-grid">
            <TextField label={t('providers.bin')} inputMode="numeric" error={errors['/bin']} {...text('bin')} />
            <TextField
              label={t('providers.iban')}
              hint={t('providers.ibanHint')}
              error={errors['/settlementIban']}
              {...text('settlementIban')}
            />
          </div>
        </Section>
      ) : null}
    </div>
  );
}
