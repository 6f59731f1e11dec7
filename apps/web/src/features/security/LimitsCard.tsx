import { api } from '../../api/client';
import { useMeta } from '../../api/meta';
import { callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import { useApiLoad } from '../../lib/useApiLoad';
import { Card, ErrorAlert, LoadingState, Money, TransferIcon } from '../../ui';
import { useSession } from '../auth/session';
import { type LimitBar, limitBars } from './limits';
import './limits.css';

/** One limit: its name and amount, and for a day or month a bar of what is used, with the words for it. */
function LimitRow({ bar, currency }: { bar: LimitBar; currency: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const name = t(`limits.${bar.name}`);
  const money = (amountMinor: number) => formatMoney(amountMinor, currency, locale);
  return (
    <li className="limit">
      <p className="limit__head">
        <span>{name}</span>
        <Money amountMinor={bar.limitMinor} currency={currency} />
      </p>
      {bar.usedMinor !== null && bar.leftMinor !== null && bar.usedPercent !== null ? (
        <>
          {/* The text says the same: the bar is for the eye, the words for everyone. */}
          <progress className="limit__bar" max={100} value={bar.usedPercent} aria-label={t('limits.barLabel', { name })} />
          <p className="limit__meta small muted">
            <span>{t('limits.used', { used: money(bar.usedMinor), limit: money(bar.limitMinor) })}</span>
            <span>{t('limits.left', { left: money(bar.leftMinor) })}</span>
          </p>
        </>
      ) : null}
      {bar.raised ? <span className="badge badge--success">{t('limits.raised')}</span> : null}
      {bar.until ? <p className="small muted">{t('limits.coolingUntil', { until: formatDateTime(bar.until, locale) ?? '' })}</p> : null}
    </li>
  );
}

function LimitsOfCustomer() {
  const { t } = useTranslation();
  const meta = useMeta();
  const { state, reload } = useApiLoad((signal) => callApi(() => api.GET('/api/v1/limits', { signal })), []);
  return (
    <Card title={t('limits.cardTitle')} icon={<TransferIcon />}>
      <p>{t('limits.lead')}</p>
      {state.status === 'loading' ? <LoadingState /> : null}
      {state.status === 'error' ? <ErrorAlert failure={state.failure} onRetry={reload} /> : null}
      {state.status === 'ready' ? (
        <ul className="limit-list">
          {limitBars(state.data).map((bar) => (
            <LimitRow key={bar.name} bar={bar} currency={state.data.currency} />
          ))}
        </ul>
      ) : null}
      {meta.state.status === 'ready' ? (
        <p className="small muted">{t('limits.howToRaise', { phone: meta.state.meta.contactCenterPhone })}</p>
      ) : null}
      <p className="small muted">{t('limits.emoneyNote')}</p>
    </Card>
  );
}

/**
 * The "Transfer limits" card of the security page, read-only (GET /api/v1/limits): the page is open
 * to visitors too, and only a signed-in customer has limits to show.
 */
export function LimitsCard() {
  const { state } = useSession();
  return state.status === 'authenticated' ? <LimitsOfCustomer /> : null;
}
