import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api } from './client';
import { type ApiFailure, callApi } from './problem';
import type { GetResponse } from './shapes';

export type Meta = GetResponse<'/api/v1/meta'>;

export type MetaState = { status: 'loading' } | { status: 'ready'; meta: Meta } | { status: 'error'; failure: ApiFailure };

interface MetaContextValue {
  state: MetaState;
  reload: () => void;
}

const MetaContext = createContext<MetaContextValue | null>(null);

/** Loads GET /api/v1/meta once for the whole app (domain, contacts, dev inbox flag). */
export function MetaProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<MetaState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    // `attempt` is read so a retry re-runs this effect.
    if (attempt > 0) setState({ status: 'loading' });
    void callApi(() => api.GET('/api/v1/meta', { signal: controller.signal })).then((result) => {
      if (result.ok) setState({ status: 'ready', meta: result.data });
      else if (!result.aborted) setState({ status: 'error', failure: result.failure });
    });
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return <MetaContext.Provider value={{ state, reload }}>{children}</MetaContext.Provider>;
}

export function useMeta(): MetaContextValue {
  const value = useContext(MetaContext);
  if (value === null) throw new Error('useMeta must be used inside <MetaProvider>');
  return value;
}

/** "mykassa.kz" from "https://mykassa.kz"; null when the origin is not a valid URL. */
export function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
