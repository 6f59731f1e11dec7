import { Button, SelectField, Switch, TextField } from '@kassa/ui';
import { useTranslation } from '../../i18n';
import {
  addField,
  CHECK_DIGITS,
  FIELD_KINDS,
  FIELDS_MAX,
  type FieldDraft,
  makeMain,
  moveField,
  removeField,
  type Texts,
  updateField,
} from './provider-draft';

interface FieldsEditorProps {
  fields: FieldDraft[];
  onChange: (fields: FieldDraft[]) => void;
  /** The 422's messages by JSON pointer: a field's are under /fields/<index>/… */
  errors: Record<string, string>;
  readOnly: boolean;
}

function TextsInputs({
  legend,
  texts,
  error,
  readOnly,
  onChange,
}: {
  legend: string;
  texts: Texts;
  error: string | undefined;
  readOnly: boolean;
  onChange: (texts: Texts) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="stack">
      <legend className="field__label">{legend}</legend>
      <div className="texts-grid">
        {(['ru', 'kk', 'en'] as const).map((language) => (
          <TextField
            key={language}
            label={t(`providers.language_${language}`)}
            value={texts[language]}
            maxLength={160}
            readOnly={readOnly}
            error={language === 'ru' ? error : undefined}
            onChange={(event) => onChange({ ...texts, [language]: event.target.value })}
          />
        ))}
      </div>
    </fieldset>
  );
}

function FieldCard({ field, index, count, props }: { field: FieldDraft; index: number; count: number; props: FieldsEditorProps }) {
  const { t } = useTranslation();
  const { errors, readOnly } = props;
  const at = `/fields/${index}`;
  const change = (part: Partial<FieldDraft>) => props.onChange(updateField(props.fields, index, part));
  return (
    <li className="field-editor stack" aria-label={t('providers.fieldNumber', { number: String(index + 1) })}>
      <div className="field-editor__head">
        <strong>
          {t('providers.fieldNumber', { number: String(index + 1) })}
          {field.name ? ` · ${field.name}` : ''}
        </strong>
        {readOnly ? null : (
          <div className="list-row__actions">
            <Button
              variant="secondary"
              className="button--compact"
              disabled={index === 0}
              onClick={() => props.onChange(moveField(props.fields, index, -1))}
            >
              {t('providers.fieldUp')}
            </Button>
            <Button
              variant="secondary"
              className="button--compact"
              disabled={index === count - 1}
              onClick={() => props.onChange(moveField(props.fields, index, 1))}
            >
              {t('providers.fieldDown')}
            </Button>
            <Button
              variant="danger"
              className="button--compact"
              disabled={count === 1}
              onClick={() => props.onChange(removeField(props.fields, index))}
            >
              {t('providers.fieldRemove')}
            </Button>
          </div>
        )}
      </div>
      <div className="field-editor__rules">
        <TextField
          label={t('providers.fieldName')}
          hint={t('providers.fieldNameHint')}
          value={field.name}
          readOnly={readOnly}
          error={errors[`${at}/name`]}
          onChange={(event) => change({ name: event.target.value })}
        />
        <SelectField
          label={t('providers.fieldKind')}
          value={field.kind}
          disabled={readOnly}
          error={errors[`${at}/kind`]}
          onChange={(event) => change({ kind: FIELD_KINDS.find((kind) => kind === event.target.value) ?? field.kind })}
        >
          {FIELD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`providers.kind_${kind}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('providers.fieldMinLength')}
          inputMode="numeric"
          value={field.minLength}
          readOnly={readOnly}
          error={errors[`${at}/minLength`]}
          onChange={(event) => change({ minLength: event.target.value })}
        />
        <TextField
          label={t('providers.fieldMaxLength')}
          inputMode="numeric"
          value={field.maxLength}
          readOnly={readOnly}
          error={errors[`${at}/maxLength`]}
          onChange={(event) => change({ maxLength: event.target.value })}
        />
        <TextField
          label={t('providers.fieldPattern')}
          hint={t('providers.fieldPatternHint')}
          className="field--mono"
          value={field.pattern}
          readOnly={readOnly}
          error={errors[`${at}/pattern`]}
          onChange={(event) => change({ pattern: event.target.value })}
        />
        <SelectField
          label={t('providers.fieldCheckDigit')}
          value={field.checkDigit}
          disabled={readOnly}
          error={errors[`${at}/checkDigit`]}
          onChange={(event) => change({ checkDigit: CHECK_DIGITS.find((digit) => digit === event.target.value) ?? '' })}
        >
          {CHECK_DIGITS.map((digit) => (
            <option key={digit} value={digit}>
              {t(`providers.checkDigit_${digit || 'none'}`)}
            </option>
          ))}
        </SelectField>
        {field.kind === 'phone' ? (
          <TextField
            label={t('providers.fieldPrefixes')}
            hint={t('providers.fieldPrefixesHint')}
            value={field.phonePrefixes}
            readOnly={readOnly}
            error={errors[`${at}/phonePrefixes`]}
            onChange={(event) => change({ phonePrefixes: event.target.value })}
          />
        ) : null}
        <Switch
          label={t('providers.fieldMain')}
          checked={field.main}
          disabled={readOnly}
          onChange={() => props.onChange(makeMain(props.fields, index))}
        />
      </div>
      <TextsInputs
        legend={t('providers.fieldLabel')}
        texts={field.label}
        error={errors[`${at}/label`]}
        readOnly={readOnly}
        onChange={(label) => change({ label })}
      />
      <TextsInputs
        legend={t('providers.fieldHint')}
        texts={field.hint}
        error={undefined}
        readOnly={readOnly}
        onChange={(hint) => change({ hint })}
      />
    </li>
  );
}

/**
 * The provider's input fields as customers fill them (issue 16 item 1): add, remove, reorder;
 * each field's kind, lengths, pattern, check digit, operator prefixes (a hint to the customer,
 * never a refusal) and which one names the account on receipts. The server judges the rules.
 */
export function FieldsEditor(props: FieldsEditorProps) {
  const { t } = useTranslation();
  const { fields, errors, readOnly } = props;
  return (
    <div className="stack">
      {errors['/fields'] ? <p className="field__error">{errors['/fields']}</p> : null}
      <ol className="stack field-list" aria-label={t('providers.fieldsTitle')}>
        {fields.map((field, index) => (
          <FieldCard key={field.key} field={field} index={index} count={fields.length} props={props} />
        ))}
      </ol>
      {readOnly ? null : (
        <div className="form-actions">
          <Button variant="secondary" disabled={fields.length >= FIELDS_MAX} onClick={() => props.onChange(addField(fields))}>
            {t('providers.fieldAdd')}
          </Button>
        </div>
      )}
    </div>
  );
}
