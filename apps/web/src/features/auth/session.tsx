import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { api, onSessionLost, PASSIVE_HEADERS, type SessionInfo, setCsrfToken } from '../../api/client';
import { type ApiFailure, callApi } from '../../api/problem';
import { useTranslation } from '../../i18n';
import { signedInHint } from '../../lib/signedInHint';
import { ErrorAlert, LoadingState } from '../../ui';
import { IdleWarningDialog } from './IdleWarningDialog';

/** Why the customer is on the login page: shown there as a message. */
export type SessionNotice = 'loggedOut' | 'idle' | 'expired' | 'everywhere' | 'passwordChanged' | 'passwordReset' | 'deviceRevoked';

export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; failure: ApiFailure }
  | { status: 'anonymous' }
  | { status: 'authenticated'; session: LocalSession };

interface SessionContextValue {
  state: SessionState;
  /** A message for the login page, set when a session ends; cleared when read away. */
  notice: SessionNotice | null;
  setNotice: (notice: SessionNotice | null) => void;
  /** After any successful login: keeps the CSRF token in memory and the customer in state. */
  signIn: (session: SessionInfo) => void;
  /**
   * Ends the session on the server (unless it is already gone) and forgets everything local.
   * `stay`: no notice and no move to the login page, for a page that has its own result to show
   * (the emergency block's, features/block).
   */
  logout: (notice?: SessionNotice, options?: { callServer?: boolean; stay?: boolean }) => Promise<void>;
  retry: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** The warning appears this long before the idle timeout. */
export const IDLE_WARNING_MS = 60_000;

/** A session as received, with the local time it arrived: deadlines are counted from that. */
type LocalSession = SessionInfo & { receivedAtMs: number };

function stamp(session: SessionInfo): LocalSession {
  return { ...session, receivedAtMs: Date.now() };
}

/**
 * The server says how long is left, not only when: a client clock that is wrong (or a test's
 * fake clock) would otherwise warn too early or never.
 */
function deadlineOf(session: LocalSession): { at: number; absolute: boolean } {
  const idle = session.receivedAtMs + session.idleExpiresInMs;
  const absolute = session.receivedAtMs + session.expiresInMs;
  return absolute <= idle ? { at: absolute, absolute: true } : { at: idle, absolute: false };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const navigate = useNavigate();
  // No signed-in marker: a visitor, known at once, without asking the server (see signedInHint).
  const [state, setState] = useState<SessionState>(() => (signedInHint() ? { status: 'loading' } : { status: 'anonymous' }));
  const [notice, setNotice] = useState<SessionNotice | null>(null);
  const [warning, setWarning] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  const endLocally = useCallback(
    (reason: SessionNotice | null) => {
      setCsrfToken(null);
      setWarning(false);
      setNotice(reason);
      setState({ status: 'anonymous' });
      if (reason !== null) navigate('/login', { replace: true });
    },
    [navigate],
  );

  // After a reload the cookie may still hold a session: ask the server (passively).
  useEffect(() => {
    if (attempt === 0 && !signedInHint()) return;
    const controller = new AbortController();
    if (attempt > 0) setState({ status: 'loading' });
    void callApi(() => api.GET('/api/v1/auth/session', { headers: PASSIVE_HEADERS, signal: controller.signal })).then((result) => {
      if (result.ok) {
        setCsrfToken(result.data.csrfToken);
        setState({ status: 'authenticated', session: stamp(result.data) });
      } else if (!result.aborted) {
        setState(result.failure.status === 401 ? { status: 'anonymous' } : { status: 'error', failure: result.failure });
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
        // Any request may be the first to hear of it (a background poll, say): past the idle
        // warning point it was the inactivity, otherwise the session was ended elsewhere.
        const { at, absolute } = deadlineOf(current.session);
        endLocally(!absolute && Date.now() >= at - IDLE_WARNING_MS ? 'idle' : 'expired');
      }),
    [endLocally],
  );

  const signIn = useCallback((session: SessionInfo) => {
    setCsrfToken(session.csrfToken);
    setNotice(null);
    setWarning(false);
    setState({ status: 'authenticated', session: stamp(session) });
  }, []);

  const logout = useCallback(
    async (reason: SessionNotice = 'loggedOut', options: { callServer?: boolean; stay?: boolean } = {}) => {
      if (options.callServer !== false) await callApi(() => api.POST('/api/v1/auth/logout'));
      endLocally(options.stay ? null : reason);
    },
    [endLocally],
  );

  /** Re-reads the session without counting as activity; false when it is gone. */
  const recheck = useCallback(async (): Promise<SessionInfo | null> => {
    const result = await callApi(() => api.GET('/api/v1/auth/session', { headers: PASSIVE_HEADERS }));
    return result.ok ? result.data : null;
  }, []);

  const session = state.status === 'authenticated' ? state.session : null;

  // The idle timer: a minute before the deadline, check whether activity (this tab or another)
  // moved it; if not, warn. At the deadline, check once more and end the session.
  useEffect(() => {
    if (session === null) return;
    const { at } = deadlineOf(session);
    let cancelled = false;
    const refreshed = (next: SessionInfo | null): boolean => {
      if (cancelled) return true;
      if (next === null) {
        endLocally('idle');
        return true;
      }
      if (deadlineOf(stamp(next)).at > at + 1000) {
        setCsrfToken(next.csrfToken);
        setWarning(false);
        setState({ status: 'authenticated', session: stamp(next) });
        return true;
      }
      return false;
    };
    const warnTimer = window.setTimeout(
      () => {
        void recheck().then((next) => {
          if (!refreshed(next)) setWarning(true);
        });
      },
      Math.max(0, at - IDLE_WARNING_MS - Date.now()),
    );
    const endTimer = window.setTimeout(
      () => {
        void recheck().then((next) => {
          if (!refreshed(next)) endLocally(deadlineOf(session).absolute ? 'expired' : 'idle');
        });
      },
      Math.max(0, at - Date.now() + 500),
    );
    return () => {
      cancelled = true;
      window.clearTimeout(warnTimer);
      window.clearTimeout(endTimer);
    };
  }, [session, recheck, endLocally]);

  const extend = useCallback(async (): Promise<ApiFailure | null> => {
    const result = await callApi(() => api.POST('/api/v1/auth/session/extend'));
    if (!result.ok) return result.aborted ? null : result.failure;
    setCsrfToken(result.data.csrfToken);
    setWarning(false);
    setState({ status: 'authenticated', session: stamp(result.data) });
    return null;
  }, []);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  const value = useMemo<SessionContextValue>(
    () => ({ state, notice, setNotice, signIn, logout, retry }),
    [state, notice, signIn, logout, retry],
  );

  return (
    <SessionContext.Provider value={value}>
      {children}
      {session !== null && warning ? (
        <IdleWarningDialog
          deadline={deadlineOf(session).at}
          absolute={deadlineOf(session).absolute}
          onStay={extend}
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

/** The signed-in session; only inside <RequireAuth>. */
export function useCurrentSession(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useCurrentSession needs <RequireAuth>');
  return state.session;
}

/** Protected routes: the customer's pages render only with a live session, else /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { state, retry } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <LoadingState label={t('session.checking')} />;
  if (state.status === 'error') return <ErrorAlert failure={state.failure} onRetry={retry} />;
  if (state.status === 'anonymous') return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return children;
}
