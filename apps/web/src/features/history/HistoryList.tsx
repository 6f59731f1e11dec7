import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import { OperationRow } from '../../money/components';
import { type Operation, startOfBankDay } from '../../money/model';
import { groupByDay, type HistoryDay, relativeDay } from './history-days';

/** "Сегодня", "Вчера", or the day's date in the customer's language. */
function useDayTitle() {
  const { t } = useTranslation();
  const { locale } = useLocale();
  return (day: string): string => {
    const relative = relativeDay(day);
    if (relative) return t(`history.${relative}`);
    return formatDateTime(startOfBankDay(day), locale, 'date') ?? day;
  };
}

function DayTotals({ totals }: { totals: HistoryDay['totals'] }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const parts = totals.flatMap((total) => [
    ...(total.inMinor > 0n
      ? [{ key: `${total.currency}-in`, tone: 'in', text: `+${formatMoney(total.inMinor, total.currency, locale)}` }]
      : []),
    ...(total.outMinor > 0n
      ? [{ key: `${total.currency}-out`, tone: 'out', text: formatMoney(-total.outMinor, total.currency, locale) }]
      : []),
  ]);
  if (parts.length === 0) return null;
  return (
    <p className="history-day__totals">
      <span className="visually-hidden">{t('history.dayTotals')}: </span>
      {parts.map((part) => (
        <span key={part.key} className={`history-day__total history-day__total--${part.tone}`}>
          {part.text}
        </span>
      ))}
    </p>
  );
}

/** The operations by day, newest first, each day with its heading and what came in and went out. */
export function HistoryList({ operations }: { operations: Operation[] }) {
  const dayTitle = useDayTitle();
  return (
    <div className="history-days">
      {groupByDay(operations).map((day) => (
        <section key={day.day} className="history-day" aria-labelledby={`day-${day.day}`}>
          <div className="history-day__head">
            <h3 id={`day-${day.day}`} className="history-day__title">
              {dayTitle(day.day)}
            </h3>
            <DayTotals totals={day.totals} />
          </div>
          <ul className="operations operations--card">
            {day.operations.map((operation) => (
              <OperationRow key={operation.id} operation={operation} timeOnly />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
