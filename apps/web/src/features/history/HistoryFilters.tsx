import { type FormEvent, useId, useState } from 'react';
import { OPERATION_STATUSES, TRANSFER_KINDS } from '../../api/enums';
import { useTranslation } from '../../i18n';
import { useAccountName } from '../../money/components';
import { type Account, isIsoDay, todayInBankZone } from '../../money/model';
import { Button, SelectField, TextField } from '../../ui';
import { type Filters, isPeriod, PERIODS } from './history-query';

/**
 * The history's filters: the period, the account, the kind, the status. On a phone they fold
 * behind a button, so the operations come first (issue 12 item 6); from 768 px they are always
 * open beside the list (history.css).
 */
export function HistoryFilters({
  applied,
  accounts,
  activeCount,
  onApply,
  onReset,
}: {
  applied: Filters;
  accounts: Account[] | null;
  activeCount: number;
  onApply: (filters: Filters) => void;
  onReset: () => void;
}) {
  const { t } = useTranslation();
  const accountName = useAccountName();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<Filters>(applied);
  const [dateError, setDateError] = useState<string | null>(null);
  const [seen, setSeen] = useState(applied);
  // The URL changed (a reset, the back button): the form shows what is applied.
  if (seen !== applied) {
    setSeen(applied);
    setDraft(applied);
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (draft.period === 'custom') {
      const invalid = (draft.from && !isIsoDay(draft.from)) || (draft.to && !isIsoDay(draft.to));
      const reversed = !invalid && draft.from && draft.to && draft.from > draft.to;
      if (invalid || reversed) {
        setDateError(invalid ? t('history.dateInvalid') : t('history.rangeInvalid'));
        return;
      }
    }
    setDateError(null);
    setOpen(false);
    onApply(draft);
  }

  return (
    <div className="history-filters">
      <button
        type="button"
        className="history-filters__toggle button button--secondary"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        {activeCount > 0 ? t('history.filtersActive', { count: activeCount }) : t('history.filters')}
      </button>
      <form
        id={panelId}
        className={open ? 'history-filters__panel history-filters__panel--open filters' : 'history-filters__panel filters'}
        onSubmit={apply}
        aria-label={t('history.filters')}
      >
        <SelectField
          label={t('history.period')}
          value={draft.period}
          onChange={(event) => setDraft({ ...draft, period: isPeriod(event.target.value) ? event.target.value : draft.period })}
        >
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              {t(`history.period_${period}`)}
            </option>
          ))}
        </SelectField>
        {draft.period === 'custom' ? (
          <>
            <TextField
              label={t('history.from')}
              type="date"
              value={draft.from}
              error={dateError}
              onChange={(event) => setDraft({ ...draft, from: event.target.value })}
            />
            <TextField
              label={t('history.to')}
              type="date"
              value={draft.to}
              max={todayInBankZone()}
              onChange={(event) => setDraft({ ...draft, to: event.target.value })}
            />
          </>
        ) : null}
        <SelectField
          label={t('history.account')}
          value={draft.accountId}
          onChange={(event) => setDraft({ ...draft, accountId: event.target.value })}
        >
          <option value="">{t('history.allAccounts')}</option>
          {(accounts ?? []).map((account) => (
            <option key={account.id} value={account.id}>
              {accountName(account)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('history.kind')} value={draft.kind} onChange={(event) => setDraft({ ...draft, kind: event.target.value })}>
          <option value="">{t('history.allKinds')}</option>
          {TRANSFER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('history.status')}
          value={draft.status}
          onChange={(event) => setDraft({ ...draft, status: event.target.value })}
        >
          <option value="">{t('history.allStatuses')}</option>
          {OPERATION_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </SelectField>
        <div className="form-actions filters__actions">
          <Button type="submit" variant="primary">
            {t('history.apply')}
          </Button>
          <Button variant="secondary" onClick={onReset}>
            {t('history.reset')}
          </Button>
        </div>
      </form>
    </div>
  );
}
