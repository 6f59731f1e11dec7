import { useTranslation } from '../../i18n';
import { SELF_BLOCK_REASONS, type SelfBlockReason } from './reasons';

/** What happened, as clear choices (radio buttons): the same on the form and in the signed-in dialog. */
export function ReasonChoices({
  name,
  value,
  onChange,
}: {
  name: string;
  value: SelfBlockReason;
  onChange: (reason: SelfBlockReason) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="choice-group">
      <legend className="field__label">{t('block.reason')}</legend>
      {SELF_BLOCK_REASONS.map((reason) => (
        <label key={reason} className={value === reason ? 'choice choice--selected' : 'choice'}>
          <input type="radio" name={name} value={reason} checked={value === reason} onChange={() => onChange(reason)} />
          <span className="choice__text">
            <span className="choice__title">{t(`block.reason_${reason}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
