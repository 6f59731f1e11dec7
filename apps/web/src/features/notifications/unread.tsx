import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, PASSIVE_HEADERS } from '../../api/client';
import { callApi } from '../../api/problem';
import { useSession } from '../auth/session';

/** How often the header asks for the unread count. Passive: polling must not keep a session alive. */
export const UNREAD_POLL_MS = 30_000;

interface UnreadContextValue {
  /** null until known (or when the server cannot say). */
  unreadCount: number | null;
  setUnreadCount: (count: number) => void;
  refresh: () => void;
}

const UnreadContext = createContext<UnreadContextValue | null>(null);

export function UnreadNotificationsProvider({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const signedIn = state.status === 'authenticated';
  const [unreadCount, setUnreadCount] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` asks again at once after a change elsewhere
  useEffect(() => {
    if (!signedIn) {
      setUnreadCount(null);
      return;
    }
    let controller = new AbortController();
    const poll = () => {
      controller.abort();
      controller = new AbortController();
      const { signal } = controller;
      // A hidden tab does not need the badge; it catches up when shown again.
      if (document.visibilityState === 'hidden') return;
      void callApi(() => api.GET('/api/v1/notifications', { params: { query: { limit: 1 } }, headers: PASSIVE_HEADERS, signal })).then(
        (result) => {
          if (result.ok) setUnreadCount(result.data.unreadCount);
        },
      );
    };
    poll();
    const timer = window.setInterval(poll, UNREAD_POLL_MS);
    document.addEventListener('visibilitychange', poll);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
      controller.abort();
    };
  }, [signedIn, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const value = useMemo(() => ({ unreadCount, setUnreadCount, refresh }), [unreadCount, refresh]);
  return <UnreadContext.Provider value={value}>{children}</UnreadContext.Provider>;
}

export function useUnreadNotifications(): UnreadContextValue {
  const value = useContext(UnreadContext);
  if (value === null) throw new Error('useUnreadNotifications must be used inside <UnreadNotificationsProvider>');
  return value;
}
