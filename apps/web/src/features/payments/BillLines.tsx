import type { Language } from '../../api/enums';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { AmountField } from '../../money/fields';
import { Money } from '../../ui';
import { type AmountRule, type Bill, type FormErrors, type LineChoice, lineEditable, linesTotal, localized } from './payment-model';

/** "2026-11" → "11.2026": the billing month, read the same way in all three languages. */
function periodText(period: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(period);
  return match ? `${match[2]}.${match[1]}` : period;
}

/**
 * The fetched bill (issue 16 item 3): each line with a checkbox and its amount, editable unless
 * the provider wants exactly what it billed; the total follows what is picked. A line's amount
 * field is labelled by the line's name, so a screen reader says which service it is.
 */
export function BillLines({
  bill,
  choices,
  rule,
  currency,
  errors,
  language,
  onToggle,
  onEdit,
}: {
  bill: Bill;
  choices: readonly LineChoice[];
  rule: Pick<AmountRule, 'kind'>;
  currency: string;
  errors: FormErrors;
  language: Language;
  onToggle: (id: string, chosen: boolean) => void;
  onEdit: (id: string, value: string) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const editable = lineEditable(rule);
  const total = linesTotal(bill, choices, rule, currency);
  return (
    <section className="bill" aria-labelledby="bill-title">
      <h3 id="bill-title" className="bill__title">
        {t('payments.billTitle', { period: periodText(bill.period) })}
      </h3>
      {bill.dueDate ? (
        <p className="bill__due">
          {t('payments.billDue', { date: formatDateTime(`${bill.dueDate}T12:00:00+05:00`, locale, 'date') ?? bill.dueDate })}
        </p>
      ) : null}
      <fieldset className="bill__choice" aria-describedby={errors.lines ? 'bill-error' : undefined}>
        <legend className="bill__legend">{t('payments.billLinesLegend')}</legend>
        <ul className="bill__lines">
          {bill.lines.map((line) => {
            const choice = choices.find((item) => item.id === line.id);
            const chosen = choice?.chosen ?? false;
            const name = localized(line.name, language);
            const lineError = errors[`line:${line.id}`];
            return (
              <li key={line.id} className={chosen ? 'bill-line bill-line--chosen' : 'bill-line'}>
                <label className="bill-line__check">
                  <input
                    type="checkbox"
                    name={`line-${line.id}`}
                    checked={chosen}
                    onChange={(event) => onToggle(line.id, event.target.checked)}
                  />
                  <span className="bill-line__name">{name}</span>
                  <span className="bill-line__billed">
                    <Money amountMinor={line.amountMinor} currency={currency} />
                  </span>
                </label>
                {chosen && editable ? (
                  <AmountField
                    label={t('payments.billLineAmount', { name })}
                    name={`lineAmount-${line.id}`}
                    value={choice?.amountText ?? ''}
                    onChange={(value) => onEdit(line.id, value)}
                    error={lineError ? t('payments.billLineInvalid') : null}
                  />
                ) : null}
                {chosen && !editable ? <p className="bill-line__exact muted">{t('payments.billLineExact')}</p> : null}
              </li>
            );
          })}
        </ul>
      </fieldset>
      {errors.lines ? (
        <p className="field__error" id="bill-error" role="alert">
          {errors.lines === 'none' ? t('payments.billNoneChosen') : errors.lines}
        </p>
      ) : null}
      <p className="bill__total" aria-live="polite">
        <span>{t('payments.billTotal')}</span>
        <strong>{total.ok ? <Money amountMinor={total.totalMinor} currency={currency} /> : '—'}</strong>
      </p>
    </section>
  );
}
