import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Language } from '../../api/enums';
import { type ApiFailure, callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useApiLoad } from '../../lib/useApiLoad';
import { usePageTitle } from '../../lib/usePageTitle';
import { startOfBankDay } from '../../money/model';
import { Button, EmptyState, ErrorAlert, LoadingState, Money, PageHeader, RefreshIcon } from '../../ui';
import { ProviderLogo } from './ProviderLogo';
import { localized, type ProviderSummary } from './payment-model';
import { type Schedule, splitSchedules } from './saved-model';
import './payments.css';
import './saved.css';

/** A bank day (YYYY-MM-DD) as the app writes dates: "25 дек. 2026". */
export function bankDayText(day: string, locale: string): string {
  return formatDateTime(startOfBankDay(day), locale, 'date') ?? day;
}

/** "ежемесячно 25-го" or "разово 25 дек. 2026": the schedule as the SMS named it. */
export function scheduleWhen(
  schedule: Pick<Schedule, 'frequency' | 'dayOfMonth' | 'nextRunOn' | 'lastRunOn'>,
  t: ReturnType<typeof useTranslation>['t'],
  locale: string,
) {
  if (schedule.frequency === 'monthly') return t('paymentsSaved.monthly', { day: String(schedule.dayOfMonth ?? '') });
  const day = schedule.nextRunOn ?? schedule.lastRunOn;
  return t('paymentsSaved.once', { date: day ? bankDayText(day, locale) : '' });
}

function statusBadge(status: Schedule['status'], t: ReturnType<typeof useTranslation>['t']) {
  const [tone, text] = {
    active: ['success', t('paymentsSaved.statusActive')],
    awaiting_confirmation: ['info', t('paymentsSaved.statusAwaiting')],
    cancelled: ['muted', t('paymentsSaved.statusCancelled')],
    finished: ['muted', t('paymentsSaved.statusFinished')],
  }[status];
  return <span className={`badge badge--${tone}`}>{text}</span>;
}

/** One scheduled payment; a running one can be cancelled after a confirmation (no run after that). */
export function ScheduleRow({
  schedule,
  provider,
  language,
  locale,
  onChanged,
}: {
  schedule: Schedule;
  provider: ProviderSummary | undefined;
  language: Language;
  locale: string;
  onChanged: (schedule: Schedule) => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const running = schedule.status === 'active' || schedule.status === 'awaiting_confirmation';
  const askId = `schedule-ask-${schedule.id}`;

  async function cancel() {
    setBusy(true);
    setFailure(null);
    const result = await callApi(() =>
      api.POST('/api/v1/payments/schedules/{scheduleId}/cancel', { params: { path: { scheduleId: schedule.id } } }),
    );
    setBusy(false);
    if (result.ok) {
      setAsking(false);
      onChanged(result.data);
    } else if (!result.aborted) setFailure(result.failure);
  }

  return (
    <li className={running ? 'schedule-row' : 'schedule-row schedule-row--past'} data-schedule-status={schedule.status}>
      <div className="schedule-row__head">
        {provider ? <ProviderLogo logo={provider.logo} /> : null}
        <span className="schedule-row__title">
          <span className="schedule-row__name">{schedule.name}</span>
          <span className="schedule-row__meta">
            {provider ? `${localized(provider.name, language)} · ` : ''}
            <span className="mono">{schedule.accountLabel}</span>
          </span>
          <span className="schedule-row__meta">
            {scheduleWhen(schedule, t, locale)} {statusBadge(schedule.status, t)}
          </span>
          {running && schedule.nextRunOn ? (
            <span className="schedule-row__meta">
              {t('paymentsSaved.nextRun')}: {bankDayText(schedule.nextRunOn, locale)}
            </span>
          ) : null}
          {schedule.lastRunOn ? (
            <span className="schedule-row__meta">
              {t('paymentsSaved.lastRun')}:{' '}
              {schedule.lastOperationId ? (
                <Link to={`/operations/${schedule.lastOperationId}`}>{bankDayText(schedule.lastRunOn, locale)}</Link>
              ) : (
                bankDayText(schedule.lastRunOn, locale)
              )}
            </span>
          ) : null}
        </span>
        <span className="schedule-row__amount">
          <Money amountMinor={schedule.amountMinor} currency={schedule.currency} />
        </span>
      </div>
      {running && !asking ? (
        <div className="form-actions">
          <Button
            variant="secondary"
            className="button--compact"
            aria-label={t('paymentsSaved.cancelNamed', { name: schedule.name })}
            onClick={() => setAsking(true)}
          >
            {t('paymentsSaved.cancelSchedule')}
          </Button>
        </div>
      ) : null}
      {asking ? (
        <div className="stack confirm-box" role="alertdialog" aria-labelledby={askId}>
          <p id={askId}>
            <strong>{t('paymentsSaved.cancelAsk', { name: schedule.name })}</strong>
          </p>
          <p className="small muted">{t('paymentsSaved.cancelAskText')}</p>
          {failure ? <ErrorAlert failure={failure} /> : null}
          <div className="form-actions">
            <Button variant="danger" className="button--compact" loading={busy} onClick={() => void cancel()}>
              {t('paymentsSaved.cancelYes')}
            </Button>
            <Button variant="secondary" className="button--compact" disabled={busy} onClick={() => setAsking(false)}>
              {t('paymentsSaved.cancelKeep')}
            </Button>
          </div>
        </div>
      ) : null}
    </li>
  );
}

function ScheduleList({
  items,
  providers,
  onChanged,
}: {
  items: readonly Schedule[];
  providers: readonly ProviderSummary[];
  onChanged: (schedule: Schedule) => void;
}) {
  const { language, locale } = useLocale();
  return (
    <ul className="schedule-list">
      {items.map((schedule) => (
        <ScheduleRow
          key={schedule.id}
          schedule={schedule}
          provider={providers.find((provider) => provider.id === schedule.providerId)}
          language={language}
          locale={locale}
          onChanged={onChanged}
        />
      ))}
    </ul>
  );
}

/**
 * The customer's scheduled payments (/payments/schedules, issue 16 item 4): the running ones with
 * their next day first, the finished and cancelled below. Each run is an ordinary service payment
 * in the history, made without a code (RTS art. 14); the day before, a reminder comes.
 */
export function SchedulesPage() {
  const { t } = useTranslation();
  usePageTitle(t('paymentsSaved.schedulesTitle'));
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/payments/schedules', { signal })), []);
  const { state: catalogue } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/payments/catalogue', { signal })), []);
  const [changed, setChanged] = useState<ReadonlyMap<string, Schedule>>(new Map());
  const providers = catalogue.status === 'ready' ? catalogue.data.providers : [];
  const items = state.status === 'ready' ? state.data.items.map((item) => changed.get(item.id) ?? item) : [];
  const { current, past } = splitSchedules(items);
  const onChanged = (schedule: Schedule) => setChanged((map) => new Map([...map, [schedule.id, schedule]]));

  return (
    <div className="page payments-page">
      <p>
        <Link to="/payments">← {t('payments.allPayments')}</Link>
      </p>
      <PageHeader title={t('paymentsSaved.schedulesTitle')} lead={t('paymentsSaved.schedulesLead')} />
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' && items.length === 0 ? (
        <EmptyState icon={<RefreshIcon />} title={t('paymentsSaved.schedulesEmpty')} description={t('paymentsSaved.schedulesEmptyText')} />
      ) : null}
      {current.length > 0 ? (
        <section aria-labelledby="schedules-active">
          <h2 id="schedules-active" className="section-title">
            {t('paymentsSaved.schedulesActive')}
          </h2>
          <ScheduleList items={current} providers={providers} onChanged={onChanged} />
        </section>
      ) : null}
      {past.length > 0 ? (
        <section aria-labelledby="schedules-past">
          <h2 id="schedules-past" className="section-title">
            {t('paymentsSaved.schedulesPast')}
          </h2>
          <ScheduleList items={past} providers={providers} onChanged={onChanged} />
        </section>
      ) : null}
    </div>
  );
}
