import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { useMeta } from '../../api/meta';
import { type ApiFailure, callApi } from '../../api/problem';
import type { GetResponse } from '../../api/shapes';
import { useTranslation } from '../../i18n';
import { usePageTitle } from '../../lib/usePageTitle';
import { Alert, Button, DateTime, EmptyState, ErrorAlert, LoadingState, PageHeader, RefreshIcon, TextField } from '../../ui';

type DevSms = GetResponse<'/api/v1/dev/sms'>['items'][number];

/** The inbox is polled this often while the page is open. */
const REFRESH_INTERVAL_MS = 2_000;
/** Typing pauses this long before the filter is applied. */
const FILTER_DEBOUNCE_MS = 300;
/** At most this many messages are rendered; the newest ones. */
const MESSAGES_SHOWN_MAX = 200;
/** E.164 allows 15 digits; spaces, dashes and brackets are dropped before this check. */
const PHONE_PATTERN = /^\+?\d{1,15}$/;

/** What was last loaded, and for which filter: a list is never shown under another filter. */
interface InboxState {
  phone: string;
  /** null until the first answer for this filter. */
  items: DevSms[] | null;
  updatedAt: string | null;
  failure: ApiFailure | null;
}

function normalizePhone(input: string): string {
  return input.replace(/[\s()-]/g, '');
}

function newestFirst(items: readonly DevSms[]): DevSms[] {
  return [...items].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, MESSAGES_SHOWN_MAX);
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delayMs);
    return () => window.clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

function Inbox() {
  const { t } = useTranslation();
  const [phoneInput, setPhoneInput] = useState('');
  const phone = normalizePhone(useDebounced(phoneInput, FILTER_DEBOUNCE_MS));
  const phoneValid = phone === '' || PHONE_PATTERN.test(phone);
  const [state, setState] = useState<InboxState>({ phone: '', items: null, updatedAt: null, failure: null });
  const [refreshRequest, setRefreshRequest] = useState(0);
  const [refreshing, setRefreshing] = useState(false);
  const handledRefreshRequest = useRef(0);

  useEffect(() => {
    if (!phoneValid) return;
    const controller = new AbortController();
    let timer: number | undefined;
    // The Refresh button bumps `refreshRequest`, which restarts the polling loop at once; the
    // button shows its spinner only for a run it started, not for a filter change.
    const manual = refreshRequest !== handledRefreshRequest.current;
    handledRefreshRequest.current = refreshRequest;
    setRefreshing(manual);

    async function load(): Promise<void> {
      const result = await callApi(() =>
        api.GET('/api/v1/dev/sms', {
          params: { query: phone === '' ? {} : { phone } },
          signal: controller.signal,
        }),
      );
      if (controller.signal.aborted || (!result.ok && result.aborted)) return;
      setRefreshing(false);
      if (result.ok) {
        setState({ phone, items: newestFirst(result.data.items), updatedAt: new Date().toISOString(), failure: null });
      } else {
        // Keep the messages already shown for this filter; the error appears above them and
        // polling goes on, so the list recovers by itself when the server does.
        const failure = result.failure;
        setState((previous) => (previous.phone === phone ? { ...previous, failure } : { phone, items: null, updatedAt: null, failure }));
      }
      timer = window.setTimeout(() => void load(), REFRESH_INTERVAL_MS);
    }

    void load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [phone, phoneValid, refreshRequest]);

  // A list loaded for another filter is stale: show the loading state until this one answers.
  const view = phoneValid && state.phone === phone ? state : null;

  const refresh = useCallback(() => setRefreshRequest((n) => n + 1), []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    refresh();
  }

  return (
    <>
      <form className="toolbar" onSubmit={handleSubmit}>
        <TextField
          label={t('devSms.phoneLabel')}
          hint={t('devSms.phoneHint')}
          error={phoneValid ? null : t('devSms.phoneInvalid')}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          name="phone"
          value={phoneInput}
          onChange={(event) => setPhoneInput(event.target.value)}
        />
        <div>
          <Button type="submit" variant="secondary" icon={<RefreshIcon />} loading={refreshing}>
            {t('common.refresh')}
          </Button>
        </div>
      </form>

      <p className="status-line">
        <span>{t('devSms.autoRefresh', { seconds: REFRESH_INTERVAL_MS / 1000 })}</span>
        {view?.updatedAt ? (
          <span>
            {t('devSms.lastUpdated')} <DateTime value={view.updatedAt} format="time" />
          </span>
        ) : null}
      </p>

      {view?.failure ? <ErrorAlert failure={view.failure} onRetry={refresh} /> : null}

      {!phoneValid ? null : view === null || (view.items === null && view.failure === null) ? (
        <LoadingState />
      ) : view.items === null ? null : view.items.length === 0 ? (
        <EmptyState title={t('devSms.emptyTitle')} description={phone ? t('devSms.emptyForPhone', { phone }) : t('devSms.emptyText')} />
      ) : (
        <section aria-labelledby="sms-list-title" className="stack">
          <h2 id="sms-list-title" className="section-title">
            {t('devSms.total', { total: view.items.length })}
          </h2>
          <ol className="sms-list" aria-labelledby="sms-list-title">
            {view.items.map((sms) => (
              <li key={sms.id} className="sms">
                <dl className="sms__meta">
                  <div>
                    <dt>{t('devSms.to')}</dt>
                    <dd>{sms.phone}</dd>
                  </div>
                  <div>
                    <dt>{t('devSms.sentAt')}</dt>
                    <dd>
                      <DateTime value={sms.createdAt} format="dateTimeSeconds" />
                    </dd>
                  </div>
                </dl>
                <p className="sms__text">{sms.text}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

/** Development inbox: what the SMS adapter would have sent, so a tester can read OTP codes. */
export function DevSmsPage() {
  const { t } = useTranslation();
  usePageTitle(t('devSms.title'));
  const { state, reload } = useMeta();
  return (
    <div className="page">
      <PageHeader title={t('devSms.title')} lead={t('devSms.lead')} />
      {state.status === 'loading' ? (
        <LoadingState />
      ) : state.status === 'error' ? (
        <ErrorAlert failure={state.failure} onRetry={reload} />
      ) : state.meta.devSmsInbox ? (
        <Inbox />
      ) : (
        <Alert tone="info" live={false}>
          {t('devSms.disabled')}
        </Alert>
      )}
    </div>
  );
}
