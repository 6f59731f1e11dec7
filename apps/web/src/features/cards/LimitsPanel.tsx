import { useState } from 'react';
import { api } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useLocale, useTranslation } from '../../i18n';
import { formatDateTime, formatMoney } from '../../lib/format';
import type { ApiResult } from '../../ui';
import { Alert, Button, Card, ErrorAlert, Money } from '../../ui';
import { CodeStep, type ResendOutcome } from '../auth/CodeStep';
import { GaugeIcon } from './card-icons';
import { type CardLimits, type CardView, type LimitsAnswer, type LimitUsage, limitUsage, unlimitedEndsAt } from './card-model';
import { LimitsForm } from './LimitsForm';
import { useNotice } from './useNotice';

type Mode =
  | { name: 'view' }
  | { name: 'edit' }
  | { name: 'unlimited' }
  | { name: 'code'; challengeId: string; resendAvailableAt: string; again: () => Promise<ApiResult<LimitsAnswer>> };

/** One limit: its amount, and for the day and the month a bar of what is spent, in words too. */
function LimitRow({ row, currency }: { row: LimitUsage; currency: string }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const name = t(`cards.limit_${row.name}`);
  const money = (amountMinor: number) => formatMoney(amountMinor, currency, locale);
  return (
    <li className="card-limit">
      <p className="card-limit__head">
        <span>{name}</span>
        <Money amountMinor={row.limitMinor} currency={currency} />
      </p>
      {row.usedMinor !== null && row.leftMinor !== null && row.usedPercent !== null ? (
        <>
          <progress className="card-limit__bar" max={100} value={row.usedPercent} aria-label={t('cards.limitBar', { name })} />
          <p className="card-limit__meta small muted">
            <span>{t('cards.limitSpent', { spent: money(row.usedMinor) })}</span>
            <span>{t('cards.limitLeft', { left: money(row.leftMinor) })}</span>
          </p>
        </>
      ) : null}
    </li>
  );
}

/**
 * The card's internet limits (issue 14 item 5): what they are and what is spent; new limits, at
 * once up to the defaults and after an SMS code above them; "no limit for N days" after a code,
 * with the date it turns itself back; and the way back to the limits before that date.
 */
export function LimitsPanel({ card, onChanged }: { card: CardView; onChanged: (card: CardView) => void }) {
  const { t } = useTranslation();
  const { locale } = useLocale();
  const [mode, setMode] = useState<Mode>({ name: 'view' });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [done, setDone] = useNotice();
  const { controls, currency } = card;
  const path = { params: { path: { cardId: card.id } } };
  const days = controls.unlimitedDaysMax;
  const date = (iso: string) => formatDateTime(iso, locale, 'date') ?? iso;

  /** Sends a change: applied (the card comes back) or waiting for its code (the code step opens). */
  async function send(call: () => Promise<ApiResult<LimitsAnswer>>, doneText: string) {
    setBusy(true);
    setFailure(null);
    setDone(null);
    const result = await call();
    setBusy(false);
    if (!result.ok) {
      if (!result.aborted) setFailure(result.failure);
      return;
    }
    onChanged(result.data.card);
    const confirmation = result.data.confirmation;
    if (confirmation) setMode({ name: 'code', ...confirmation, again: call });
    else {
      setMode({ name: 'view' });
      setDone(doneText);
    }
  }

  const putLimits = (limits: CardLimits) => () => callApi(() => api.PUT('/api/v1/cards/{cardId}/limits', { ...path, body: limits }));
  const startUnlimited = () => callApi(() => api.POST('/api/v1/cards/{cardId}/unlimited', { ...path, body: { days } }));

  async function confirm(code: string): Promise<ApiFailure | null> {
    if (mode.name !== 'code') return null;
    const body = { challengeId: mode.challengeId, code };
    const result = await callApi(() => api.POST('/api/v1/cards/{cardId}/limits/confirm', { ...path, body }));
    if (!result.ok) return result.aborted ? null : result.failure;
    onChanged(result.data.card);
    setMode({ name: 'view' });
    const until = result.data.card.controls.unlimitedUntil;
    setDone(until ? t('cards.unlimitedOn', { date: date(until) }) : t('cards.limitsSaved'));
    return null;
  }

  async function resend(): Promise<ResendOutcome> {
    if (mode.name !== 'code') return { ok: false, failure: { status: null, body: null } };
    const result = await mode.again();
    if (!result.ok || !result.data.confirmation)
      return { ok: false, failure: result.ok || result.aborted ? { status: null, body: null } : result.failure };
    const confirmation = result.data.confirmation;
    setMode({ ...mode, ...confirmation });
    return { ok: true, resendAvailableAt: confirmation.resendAvailableAt };
  }

  if (mode.name === 'code') {
    return (
      <Card title={t('cards.limitsTitle')} icon={<GaugeIcon />}>
        <CodeStep
          intro={t('cards.limitsCodeIntro', { last4: card.last4 })}
          resendAvailableAt={mode.resendAvailableAt}
          onSubmit={confirm}
          onResend={resend}
          onBack={() => setMode({ name: 'view' })}
          backLabel={t('cards.cancel')}
          submitLabel={t('cards.limitsConfirm')}
        />
      </Card>
    );
  }

  return (
    <Card title={t('cards.limitsTitle')} icon={<GaugeIcon />}>
      <p className="muted">{t('cards.limitsLead')}</p>
      {done ? <Alert tone="success">{done}</Alert> : null}
      {failure ? <ErrorAlert failure={failure} /> : null}
      {controls.unlimited && controls.unlimitedUntil ? (
        <Alert
          tone="info"
          live={false}
          title={t('cards.unlimitedUntil', { date: date(controls.unlimitedUntil) })}
          action={
            <Button
              variant="secondary"
              loading={busy}
              disabled={!card.actions.changeControls}
              onClick={() =>
                void send(() => callApi(() => api.DELETE('/api/v1/cards/{cardId}/unlimited', path)), t('cards.unlimitedEnded'))
              }
            >
              {t('cards.unlimitedEnd')}
            </Button>
          }
        >
          <p>{t('cards.unlimitedUntilText')}</p>
        </Alert>
      ) : null}
      {mode.name === 'edit' ? (
        <LimitsForm
          card={card}
          busy={busy}
          onSubmit={(limits) => void send(putLimits(limits), t('cards.limitsSaved'))}
          onCancel={() => setMode({ name: 'view' })}
        />
      ) : (
        <ul className={controls.unlimited ? 'card-limits card-limits--off' : 'card-limits'}>
          {limitUsage(controls).map((row) => (
            <LimitRow key={row.name} row={row} currency={currency} />
          ))}
        </ul>
      )}
      {mode.name === 'unlimited' ? (
        <div className="stack confirm-box">
          <p>
            <strong>{t('cards.unlimitedAsk', { days, date: date(unlimitedEndsAt(Date.now(), days)) })}</strong>
          </p>
          <p className="small muted">{t('cards.unlimitedAskText')}</p>
          <div className="form-actions">
            <Button variant="primary" loading={busy} onClick={() => void send(startUnlimited, t('cards.limitsSaved'))}>
              {t('cards.limitsGetCode')}
            </Button>
            <Button variant="secondary" onClick={() => setMode({ name: 'view' })}>
              {t('cards.cancel')}
            </Button>
          </div>
        </div>
      ) : null}
      {mode.name === 'view' && card.actions.changeControls ? (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setMode({ name: 'edit' })}>
            {t('cards.limitsChange')}
          </Button>
          {controls.unlimited ? null : (
            <Button variant="secondary" onClick={() => setMode({ name: 'unlimited' })}>
              {t('cards.unlimitedOffer', { days })}
            </Button>
          )}
        </div>
      ) : null}
    </Card>
  );
}
