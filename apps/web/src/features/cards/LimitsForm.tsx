import { type FormEvent, useState } from 'react';
import { useLocale, useTranslation } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { AmountField } from '../../money/fields';
import { Button } from '../../ui';
import {
  amountText,
  type CardLimits,
  type CardView,
  LIMIT_NAMES,
  type LimitError,
  type LimitName,
  type LimitTexts,
  limitUsage,
  parseLimits,
  raisesAboveDefault,
} from './card-model';

const ERROR_KEYS = {
  invalid: 'cards.limitInvalid',
  decimals: 'cards.limitDecimals',
  tooLarge: 'cards.limitTooLarge',
  dayBelowOperation: 'cards.limitDayBelowOperation',
  monthBelowDay: 'cards.limitMonthBelowDay',
} as const satisfies Record<LimitError, string>;

/**
 * The three internet limits as fields, filled with where they stand. The button says whether the
 * bank will ask a code (a raise above the product's default); lowering one never needs it.
 */
export function LimitsForm({
  card,
  busy,
  onSubmit,
  onCancel,
}: {
  card: CardView;
  busy: boolean;
  onSubmit: (limits: CardLimits) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const { currency, controls } = card;
  const [texts, setTexts] = useState<LimitTexts>(() => {
    const usage = limitUsage(controls);
    const start = (name: LimitName) => amountText(usage.find((row) => row.name === name)?.limitMinor ?? 0, currency);
    return { perOperation: start('perOperation'), perDay: start('perDay'), perMonth: start('perMonth') };
  });
  const [errors, setErrors] = useState<Partial<Record<LimitName, LimitError>>>({});
  const parsed = parseLimits(texts, currency);
  const asksCode = parsed.ok && raisesAboveDefault(parsed.limits, controls.limits, controls.defaultLimits);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = LIMIT_NAMES.find((name) => parsed.errors[name]);
      if (first) document.querySelector<HTMLElement>(`[name="limit-${first}"]`)?.focus();
      return;
    }
    setErrors({});
    onSubmit(parsed.limits);
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      {limitUsage(controls).map((row) => {
        const error = errors[row.name];
        return (
          <AmountField
            key={row.name}
            name={`limit-${row.name}`}
            label={t(`cards.limit_${row.name}`)}
            value={texts[row.name]}
            onChange={(value) => setTexts((now) => ({ ...now, [row.name]: value }))}
            error={error ? t(ERROR_KEYS[error]) : null}
            hint={t('cards.limitDefault', { amount: formatMoney(row.defaultMinor, currency, locale) })}
          />
        );
      })}
      <p className="small muted">{asksCode ? t('cards.limitsCodeAhead') : t('cards.limitsNoCode')}</p>
      <div className="form-actions">
        <Button type="submit" variant="primary" loading={busy}>
          {asksCode ? t('cards.limitsGetCode') : t('cards.limitsSave')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('cards.cancel')}
        </Button>
      </div>
    </form>
  );
}
