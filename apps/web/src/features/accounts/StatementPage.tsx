import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { LANGUAGES, type Language, STATEMENT_FORMATS, type StatementFormat } from '../../api/enums';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { useAccountName } from '../../money/components';
import { addDays, isIsoDay, todayInBankZone } from '../../money/model';
import {
  Alert,
  Button,
  Card,
  DownloadIcon,
  EmptyState,
  ErrorAlert,
  LoadingState,
  PageHeader,
  SelectField,
  TextField,
  WalletIcon,
} from '../../ui';

function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}

/** Statement period presets, all in bank-zone days. */
function presets(today: string) {
  const thisMonth = monthStart(today);
  const previousMonthEnd = addDays(thisMonth, -1);
  return {
    month: { from: thisMonth, to: today },
    prevMonth: { from: monthStart(previousMonthEnd), to: previousMonthEnd },
    year: { from: `${today.slice(0, 4)}-01-01`, to: today },
  };
}

export function StatementPage() {
  const { t } = useTranslation();
  usePageTitle(t('statement.title'));
  const { language } = useLocale();
  const accountName = useAccountName();
  const [params] = useSearchParams();
  const today = todayInBankZone();
  const periods = presets(today);
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/accounts', { signal })), []);
  const [accountId, setAccountId] = useState(params.get('accountId') ?? '');
  const [from, setFrom] = useState(periods.month.from);
  const [to, setTo] = useState(periods.month.to);
  const [format, setFormat] = useState<StatementFormat>('pdf');
  const [statementLanguage, setStatementLanguage] = useState<Language>(language);
  const [error, setError] = useState<string | null>(null);

  const accounts = state.status === 'ready' ? state.data.items : [];
  const selected = accounts.find((account) => account.id === accountId) ?? accounts[0];

  function download(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!selected) return;
    if (!isIsoDay(from) || !isIsoDay(to)) return setError(t('statement.dateInvalid'));
    if (from > to) return setError(t('statement.rangeInvalid'));
    if (to > today) return setError(t('statement.futureInvalid'));
    setError(null);
    const query = new URLSearchParams({ from, to, format, lang: statementLanguage });
    // A plain navigation: the cookie authenticates the GET and the browser saves the file.
    const link = document.createElement('a');
    link.href = `/api/v1/accounts/${encodeURIComponent(selected.id)}/statement?${query.toString()}`;
    link.download = '';
    document.body.append(link);
    link.click();
    link.remove();
  }

  return (
    <div className="page">
      <PageHeader title={t('statement.title')} lead={t('statement.lead')} />
      <Card>
        {state.status === 'loading' ? <LoadingState /> : null}
        {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
        {state.status === 'ready' && accounts.length === 0 ? <EmptyState icon={<WalletIcon />} title={t('statement.noAccounts')} /> : null}
        {state.status === 'ready' && selected ? (
          <form className="stack form-narrow" onSubmit={download} noValidate>
            <SelectField label={t('statement.account')} value={selected.id} onChange={(event) => setAccountId(event.target.value)}>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {accountName(account)}
                  {account.iban ? ` · ${account.iban}` : ''}
                </option>
              ))}
            </SelectField>
            <div className="chip-row">
              {(['month', 'prevMonth', 'year'] as const).map((preset) => {
                const active = from === periods[preset].from && to === periods[preset].to;
                return (
                  <button
                    key={preset}
                    type="button"
                    className={active ? 'chip chip--active' : 'chip'}
                    aria-pressed={active}
                    onClick={() => {
                      setFrom(periods[preset].from);
                      setTo(periods[preset].to);
                    }}
                  >
                    {t(`statement.period${preset === 'month' ? 'Month' : preset === 'prevMonth' ? 'PrevMonth' : 'Year'}`)}
                  </button>
                );
              })}
            </div>
            <div className="grid grid--2">
              <TextField label={t('statement.from')} type="date" value={from} max={to} onChange={(event) => setFrom(event.target.value)} />
              <TextField label={t('statement.to')} type="date" value={to} max={today} onChange={(event) => setTo(event.target.value)} />
            </div>
            {error ? <Alert tone="error">{error}</Alert> : null}
            <fieldset className="choice-group">
              <legend className="field__label">{t('statement.format')}</legend>
              {STATEMENT_FORMATS.map((value) => (
                <label key={value} className={format === value ? 'choice choice--selected' : 'choice'}>
                  <input type="radio" name="format" value={value} checked={format === value} onChange={() => setFormat(value)} />
                  <span className="choice__text">
                    <span className="choice__title">{value.toUpperCase()}</span>
                    <span className="choice__description">{value === 'pdf' ? t('statement.formatPdf') : t('statement.formatCsv')}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <SelectField
              label={t('statement.language')}
              value={statementLanguage}
              onChange={(event) => setStatementLanguage(event.target.value as Language)}
            >
              {LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {t(`languages.${code}`)}
                </option>
              ))}
            </SelectField>
            <p className="muted small">{t('statement.hint')}</p>
            <div className="form-actions">
              <Button type="submit" variant="primary" icon={<DownloadIcon />}>
                {t('statement.download')}
              </Button>
            </div>
          </form>
        ) : null}
      </Card>
    </div>
  );
}
