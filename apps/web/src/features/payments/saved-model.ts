import type { ApiFailure } from '../../api/problem';
import type { GetResponse, PostBody } from '../../api/shapes';
import { minorUnitDigits } from '../../lib/format';
import { addDays, isIsoDay } from '../../money/model';
import { formatPhoneInput } from '../auth/PhoneStep';
import { amountText } from '../transfers/wizard/wizard-model';
import { initialPayState, type PayState } from './pay-state';
import { type FieldValues, type FormErrors, type PaymentPrefill, type ProviderField, type ProviderView, prefillOf } from './payment-model';

/**
 * Favourites and scheduled payments without React (issue 16 item 4): what a favourite brings to
 * the provider form, the schedule form's own checks, and the server's 422 pointers put under the
 * schedule form's fields. The bank decides again; this only says early what it will say.
 */

export type Favourite = GetResponse<'/api/v1/payments/favourites'>['items'][number];
export type Schedule = GetResponse<'/api/v1/payments/schedules'>['items'][number];
export type ScheduleBody = PostBody<'/api/v1/payments/schedules'>;
export type Frequency = Schedule['frequency'];

/** The API's bound on a favourite's and a schedule's name (saved.routes.ts). */
export const SAVED_NAME_LENGTH_MAX = 40;
/** A monthly day every month has (saved.routes.ts: 1..28), so a run never slides to another day. */
export const DAY_OF_MONTH_MAX = 28;
/** How far ahead a one-off payment may be set (schedule-dates.ts ONCE_AHEAD_DAYS_MAX). */
export const ONCE_AHEAD_DAYS_MAX = 366;

/** A repeat, a favourite or a schedule's source: the fields, the account and, when known, the amount. */
export interface SavedPrefill extends PaymentPrefill {
  amountMinor?: number;
}

/** Route state is whatever was pushed: the fields and account as prefillOf reads them, and a whole positive amount. */
export function savedPrefillOf(state: unknown): SavedPrefill | null {
  const base = prefillOf(state);
  if (!base || typeof state !== 'object' || state === null || !('amountMinor' in state)) return base;
  const amount = state.amountMinor;
  return typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0 ? { ...base, amountMinor: amount } : base;
}

/** "Repeat in two taps": the favourite's fields, amount and account, as the provider form takes them. */
export function favouritePrefill(favourite: Favourite): SavedPrefill {
  return {
    fields: favourite.fields,
    ...(favourite.sourceAccountId ? { sourceAccountId: favourite.sourceAccountId } : {}),
    ...(favourite.amountMinor !== null ? { amountMinor: favourite.amountMinor } : {}),
  };
}

/** The amount as the amount field shows it ("1500,50"), or empty when none is known. */
export function prefilledAmountText(prefill: SavedPrefill | null, currency: string): string {
  return prefill?.amountMinor ? amountText(prefill.amountMinor, minorUnitDigits(currency)) : '';
}

/** A prefill's values as the form shows them: a stored +77011234567 in the app's +7 mask. */
export function prefilledFieldValues(fields: readonly ProviderField[], prefill: PaymentPrefill | null): FieldValues {
  const values: FieldValues = {};
  for (const field of fields) {
    const stored = prefill?.fields[field.name] ?? '';
    values[field.name] = field.kind === 'phone' && stored ? formatPhoneInput(stored) : stored;
  }
  return values;
}

/** The provider form's first state from a repeat or a favourite: its fields, amount and account, then "Check". */
export function prefilledPayState(provider: ProviderView, prefill: SavedPrefill | null, sourceAccountId: string): PayState {
  return {
    ...initialPayState(prefilledFieldValues(provider.fields, prefill), sourceAccountId),
    amountText: prefilledAmountText(prefill, provider.currency),
  };
}

/** The schedule form as typed. */
export interface ScheduleDraft {
  name: string;
  values: FieldValues;
  amountText: string;
  sourceAccountId: string;
  frequency: Frequency;
  /** YYYY-MM-DD, for a one-off. */
  runOn: string;
  /** "1".."28" as typed, for a monthly one. */
  dayOfMonth: string;
}

/** The day a monthly payment is first offered on: today's, unless today is past the 28th. */
export function defaultDayOfMonth(today: string): string {
  const day = Number(today.slice(8, 10));
  return String(Math.min(day, DAY_OF_MONTH_MAX));
}

export function readDayOfMonth(typed: string): number | null {
  if (!/^\d{1,2}$/.test(typed.trim())) return null;
  const day = Number(typed.trim());
  return day >= 1 && day <= DAY_OF_MONTH_MAX ? day : null;
}

/** A one-off date the bank takes: from tomorrow (today's run would need no code and no notice) to a year ahead. */
export function runOnAllowed(runOn: string, today: string): boolean {
  return isIsoDay(runOn) && runOn >= addDays(today, 1) && runOn <= addDays(today, ONCE_AHEAD_DAYS_MAX);
}

/** The form's parts that are the schedule's own (the provider's fields and the amount are checked by the caller). */
export function scheduleDraftErrors(
  draft: Pick<ScheduleDraft, 'name' | 'frequency' | 'runOn' | 'dayOfMonth'>,
  today: string,
  texts: { name: string; runOn: string; dayOfMonth: string },
): FormErrors {
  const errors: FormErrors = {};
  if (draft.name.trim() === '') errors.name = texts.name;
  if (draft.frequency === 'once' && !runOnAllowed(draft.runOn, today)) errors.runOn = texts.runOn;
  if (draft.frequency === 'monthly' && readDayOfMonth(draft.dayOfMonth) === null) errors.dayOfMonth = texts.dayOfMonth;
  return errors;
}

/** The form's part a pointer of the schedules API names; the provider's fields by their names. */
const SCHEDULE_POINTERS: Record<string, string> = {
  amountMinor: 'amount',
  runOn: 'runOn',
  dayOfMonth: 'dayOfMonth',
  currency: 'sourceAccountId',
  sourceAccountId: 'sourceAccountId',
  name: 'name',
  // A bill that changes monthly cannot be scheduled: the form gives way to the server's explanation.
  providerId: 'provider',
};

function pointedErrors(failure: ApiFailure): Array<{ pointer: string; detail: string }> {
  const body = failure.body;
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter(
    (item): item is { pointer: string; detail: string } =>
      typeof item === 'object' && item !== null && typeof item.pointer === 'string' && typeof item.detail === 'string',
  );
}

/** A 422 of POST /payments/schedules under the form's fields: `/runOn` under the date, `/fields/<name>` under that field. */
export function scheduleErrorsOf(failure: ApiFailure, fields: readonly ProviderField[]): FormErrors {
  const names = new Set(fields.map((field) => field.name));
  const errors: FormErrors = {};
  for (const { pointer, detail } of pointedErrors(failure)) {
    const [, first = '', second] = pointer.split('/');
    const part = first === 'fields' && second && names.has(second) ? second : SCHEDULE_POINTERS[first];
    if (part && !(part in errors)) errors[part] = detail;
  }
  return errors;
}

/** Active and waiting ones first (the next run soonest), then the finished and cancelled (newest first). */
export function splitSchedules(items: readonly Schedule[]): { current: Schedule[]; past: Schedule[] } {
  const current = items
    .filter((item) => item.status === 'active' || item.status === 'awaiting_confirmation')
    .sort((a, b) => (a.nextRunOn ?? '9999').localeCompare(b.nextRunOn ?? '9999'));
  const past = items.filter((item) => item.status === 'cancelled' || item.status === 'finished');
  return { current, past };
}
