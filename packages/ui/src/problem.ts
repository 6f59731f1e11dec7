import type { KitTFunction } from './KitProvider';

/**
 * Failed API calls as both apps meet them: RFC 9457 problem details, folded into a result the
 * screens branch on, and put into words by the kit's ErrorAlert.
 */

/** RFC 9457 problem details, as every Kassa API error is sent. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: readonly ProblemFieldError[];
}

/** One invalid field, as the server reports it: a JSON pointer ("/iin") and a localized detail. */
export interface ProblemFieldError {
  pointer: string;
  detail: string;
}

/** What an Alert shows for a failed request. */
export interface ErrorMessage {
  title: string;
  detail: string | null;
  requestId: string | null;
  fieldErrors: string[];
}

/**
 * A failed call as it came back: the HTTP status (null when the server was not reached) and the
 * parsed body. It is turned into words only when shown, so the message follows a language
 * switch made after the failure.
 */
export interface ApiFailure {
  status: number | null;
  body: unknown;
}

/** A request that never got an answer (offline, aborted): shown as a network failure. */
export const NETWORK_FAILURE: ApiFailure = { status: null, body: null };

/** The outcome of one API call. Aborts (a screen closed, a newer request) are not errors. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; aborted: false; failure: ApiFailure } | { ok: false; aborted: true };

/** Limits how many field errors an Alert lists; the rest are still on the fields themselves. */
const FIELD_ERRORS_SHOWN_MAX = 10;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isProblem(value: unknown): value is Problem {
  return isRecord(value) && typeof value.type === 'string' && typeof value.title === 'string' && typeof value.status === 'number';
}

function fieldErrorsOf(problem: Problem): string[] {
  if (!Array.isArray(problem.errors)) return [];
  return problem.errors
    .filter((item): item is ProblemFieldError => isRecord(item) && typeof item.detail === 'string')
    .slice(0, FIELD_ERRORS_SHOWN_MAX)
    .map((item) => item.detail);
}

/**
 * Turns whatever a failed call produced into words for the reader (a customer, a staff member). The server already
 * localises `title` and `detail` (we send Accept-Language), so they are shown as they are;
 * anything that is not problem+json gets a generic message in the current language.
 */
export function describeError(failure: ApiFailure, t: KitTFunction): ErrorMessage {
  const { body: error, status } = failure;
  if (isProblem(error)) {
    return {
      title: error.title || t('errors.title'),
      detail: error.detail ?? null,
      requestId: error.requestId ?? null,
      fieldErrors: fieldErrorsOf(error),
    };
  }
  if (status === null) {
    return { title: t('errors.title'), detail: t('errors.network'), requestId: null, fieldErrors: [] };
  }
  return {
    title: t('errors.title'),
    detail: t('errors.unexpected', { status }),
    requestId: null,
    fieldErrors: [],
  };
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Runs one openapi-fetch call and folds its three outcomes (data, HTTP error, network failure)
 * into an ApiResult, so screens only branch on `ok`.
 */
export async function callApi<T>(call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<ApiResult<T>> {
  try {
    const { data, error, response } = await call();
    // 204 No Content has no body: `data` is undefined and that is a success.
    if (response.ok) return { ok: true, data: data as T };
    return { ok: false, aborted: false, failure: { status: response.status, body: error } };
  } catch (error) {
    if (isAbort(error)) return { ok: false, aborted: true };
    return { ok: false, aborted: false, failure: { status: null, body: null } };
  }
}

/** The stable code of a problem ("login-failed" from "https://mykassa.kz/problems/login-failed"). */
export function problemCode(failure: ApiFailure): string | null {
  if (!isProblem(failure.body)) return null;
  const slash = failure.body.type.lastIndexOf('/');
  return failure.body.type.slice(slash + 1);
}

/** A numeric extension member of a problem (attemptsLeft, retryAfterSeconds), when present. */
export function problemNumber(failure: ApiFailure, name: string): number | null {
  const body = failure.body;
  if (!isRecord(body)) return null;
  const value = body[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Field errors keyed by the top-level field name of their JSON pointer ("/iin" → "iin"). */
export function fieldErrorsByName(failure: ApiFailure): Record<string, string> {
  const result: Record<string, string> = {};
  if (!isProblem(failure.body) || !Array.isArray(failure.body.errors)) return result;
  for (const item of failure.body.errors) {
    if (!isRecord(item) || typeof item.pointer !== 'string' || typeof item.detail !== 'string') continue;
    const name = item.pointer.split('/')[1];
    if (name && !(name in result)) result[name] = item.detail;
  }
  return result;
}
