import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { type ApiFailure, callApi } from '../../../api/problem';
import type { paths } from '../../../api/schema';
import type { GetResponse } from '../../../api/shapes';
import type { useTranslation } from '../../../i18n';
import { describeUserAgent } from '../../auth/deviceStore';

export type SessionItem = GetResponse<'/api/v1/sessions'>['items'][number];
export type DeviceItem = GetResponse<'/api/v1/devices'>['items'][number];

export type Loaded<T> = { status: 'loading' } | { status: 'error'; failure: ApiFailure } | { status: 'ready'; items: T[] };

export function useList<T>(
  load: (
    signal: AbortSignal,
  ) => Promise<{ ok: true; data: { items: T[] } } | { ok: false; aborted: true } | { ok: false; aborted: false; failure: ApiFailure }>,
) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load; `load` is a stable module-level call
  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal).then((result) => {
      if (result.ok) setState({ status: 'ready', items: result.data.items });
      else if (!result.aborted) setState({ status: 'error', failure: result.failure });
    });
    return () => controller.abort();
  }, [attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}

export const loadSessions = (signal: AbortSignal) => callApi(() => api.GET('/api/v1/sessions', { signal }));
export const loadDevices = (signal: AbortSignal) => callApi(() => api.GET('/api/v1/devices', { signal }));

export function defaultDeviceName(t: ReturnType<typeof useTranslation>['t']): string {
  const { browser, os } = describeUserAgent(navigator.userAgent);
  if (browser && os) return t('devices.defaultName', { browser, os });
  return browser ?? os ?? t('devices.unknownDevice');
}

/** What POST /api/v1/devices/bindings answers: the binding and its code step. */
export type BindingStep = paths['/api/v1/devices/bindings']['post']['responses'][201]['content']['application/json'];
