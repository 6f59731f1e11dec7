import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react';
import type { ApiFailure, ApiResult } from './problem';

export type LoadState<T> = { status: 'loading' } | { status: 'error'; failure: ApiFailure } | { status: 'ready'; data: T };

/**
 * Loads one API resource for a screen: loading → ready | error, a reload that keeps showing the
 * old data meanwhile, and an abort when the screen closes or the inputs change.
 */
export function useApiLoad<T>(load: (signal: AbortSignal) => Promise<ApiResult<T>>, deps: DependencyList) {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` and `attempt` decide when to load again
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    void loadRef.current(controller.signal).then((result) => {
      if (result.ok) setState({ status: 'ready', data: result.data });
      else if (!result.aborted) setState({ status: 'error', failure: result.failure });
    });
    return () => controller.abort();
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload, setState };
}
