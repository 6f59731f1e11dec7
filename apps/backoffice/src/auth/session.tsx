import { type ApiFailure, callApi, ErrorAlert, LoadingState } from '@kassa/ui';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, onSessionLost, PASSIVE_HEADERS, setCsrfToken } from '../api/client';
import type { StaffSession } from '../api/shapes';
import { ForcedPasswordChange } from '../features/staff-admin/ForcedPasswordChange';
import { useTranslation } from '../i18n';
import { type LocalSession, localSession, nextDeadline } from './deadlines';
import { IdleWarningDialog } from './IdleWarningDialog';

/** Why the staff member is on the login page: shown there as a message. */
export type SessionNotice = 'loggedOut' | 'idle' | 'expired';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; failure: ApiFailure }
  | { status: 'anonymous' }
  | { status: 'authenticated'; session: LocalSession };

interface SessionContextValue {
  state: SessionState;
  /** A message for the login page, set when a session ends. */
  notice: SessionNotice | null;
  /** After the TOTP step: keeps the CSRF token in memory and the staff member in state. */
  signIn: (session: StaffSession, response: Response) => void;
  /** Ends the session on the server and forgets everything local. */
  logout: (notice?: SessionNotice) => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The warning appears this long before the session ends (SECURITY.md 14: the UI warns first). */
export const IDLE_WARNING_MS = 60_000;
/** Past its deadline the session is checked this much later, so the server has surely ended it. */
const END_CHECK_DELAY_MS = 500;

type Fetched = { ok: true; session: LocalSession } | { ok: false; failure: ApiFailure | null };

/** GET the session; `passive` keeps the request from counting as activity. */
async function fetchSession(passive: boolean, signal?: AbortSignal): Promise<Fetched> {
  let response: Response | undefined;
  const result = await callApi(async () => {
    const answer = await api.GET('/api/staff/v1/auth/session', { headers: passive ? PASSIVE_HEADERS : {}, signal });
    response = answer.response;
    return answer;
  });
  if (result.ok && response) return { ok: true, session: localSession(result.data, response) };
  return { ok: false, failure: !result.ok && !result.aborted ? result.failure : null };
}

/**
 * The staff session in the browser. The cookie is httpOnly, so a reload asks the server; the idle
 * timer warns a minute before the end (15 minutes without activity, or 10 hours in all), and any
 * request that finds the session gone brings the login page with the reason.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [notice, setNotice] = useState<SessionNotice | null>(null);
  const [warning, setWarning] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const endLocally = useCallback(
    (reason: SessionNotice) => {
      setCsrfToken(null);
      setWarning(false);
      setNotice(reason);
      setState({ status: 'anonymous' });
      navigate('/login', { replace: true });
    },
    [navigate],
  );

  // After a reload the cookie may still hold a session: ask the server, passively.
  useEffect(() => {
    const controller = new AbortController();
    if (attempt > 0) setState({ status: 'loading' });
    void fetchSession(true, controller.signal).then((fetched) => {
      if (controller.signal.aborted) return;
      if (fetched.ok) {
        setCsrfToken(fetched.session.csrfToken);
        setState({ status: 'authenticated', session: fetched.session });
      } else if (fetched.failure) {
        setState(fetched.failure.status === 401 ? { status: 'anonymous' } : { status: 'error', failure: fetched.failure });
      }
    });
    return () => controller.abort();
  }, [attempt]);

  // Any request that finds the session gone ends it here too.
  useEffect(
    () =>
      onSessionLost(() => {
        const current = stateRef.current;
        if (current.status !== 'authenticated') return;
        const { atMs, absolute } = nextDeadline(current.session);
        endLocally(!absolute && Date.now() >= atMs - IDLE_WARNING_MS ? 'idle' : 'expired');
      }),
    [endLocally],
  );

  const signIn = useCallback((session: StaffSession, response: Response) => {
    setCsrfToken(session.csrfToken);
    setNotice(null);
    setWarning(false);
    setState({ status: 'authenticated', session: localSession(session, response) });
  }, []);

  const logout = useCallback(
    async (reason: SessionNotice = 'loggedOut') => {
      await callApi(() => api.POST('/api/staff/v1/auth/logout'));
      endLocally(reason);
    },
    [endLocally],
  );

  const session = state.status === 'authenticated' ? state.session : null;

  // A minute before the deadline, check whether activity (this tab or another) moved it; if not,
  // warn. At the deadline, check once more and end the session.
  useEffect(() => {
    if (session === null) return;
    const deadline = nextDeadline(session);
    let cancelled = false;
    const moved = (fetched: Fetched): boolean => {
      if (cancelled) return true;
      if (!fetched.ok) {
        if (fetched.failure?.status === 401) {
          endLocally(deadline.absolute ? 'expired' : 'idle');
          return true;
        }
        return false;
      }
      if (nextDeadline(fetched.session).atMs > deadline.atMs + 1000) {
        setCsrfToken(fetched.session.csrfToken);
        setWarning(false);
        setState({ status: 'authenticated', session: fetched.session });
        return true;
      }
      return false;
    };
    const warnTimer = window.setTimeout(
      () => void fetchSession(true).then((fetched) => moved(fetched) || setWarning(true)),
      Math.max(0, deadline.atMs - IDLE_WARNING_MS - Date.now()),
    );
    const endTimer = window.setTimeout(
      () =>
        void fetchSession(true).then((fetched) => {
          if (!moved(fetched)) endLocally(deadline.absolute ? 'expired' : 'idle');
        }),
      Math.max(0, deadline.atMs - Date.now() + END_CHECK_DELAY_MS),
    );
    return () => {
      cancelled = true;
      window.clearTimeout(warnTimer);
      window.clearTimeout(endTimer);
    };
  }, [session, endLocally]);

  // "Keep working": an active (not passive) read of the session is activity, and moves the idle deadline.
  const stay = useCallback(async (): Promise<ApiFailure | null> => {
    const fetched = await fetchSession(false);
    if (!fetched.ok) return fetched.failure;
    setCsrfToken(fetched.session.csrfToken);
    setWarning(false);
    setState({ status: 'authenticated', session: fetched.session });
    return null;
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const value = useMemo<SessionContextValue>(() => ({ state, notice, signIn, logout, retry }), [state, notice, signIn, logout, retry]);
  const deadline = session ? nextDeadline(session) : null;

  return (
    <SessionContext.Provider value={value}>
      {children}
      {deadline !== null && warning ? (
        <IdleWarningDialog
          deadlineMs={deadline.atMs}
          absolute={deadline.absolute}
          onStay={stay}
          onLogout={() => void logout('loggedOut')}
        />
      ) : null}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in staff session; only inside <RequireStaff>. */
export function useStaffSession(): LocalSession {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useStaffSession needs <RequireStaff>');
  return state.session;
}

/** Every page but the login renders only with a live staff session, else the login page. */
export function RequireStaff({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingState label={t('session.checking')} />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={retry} />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // The temporary password an admin typed: nothing else opens until it is replaced (the server agrees).
  if (state.session.passwordChangeRequired) return <ForcedPasswordChange onChanged={retry} />;
  return children;
}
