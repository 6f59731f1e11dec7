import type { paths } from '../../api/schema';
import type { GetResponse } from '../../api/shapes';
import { minorUnitDigits } from '../../lib/format';
import { parseAmountMinor } from '../../money/model';

/**
 * The card screens' model (issue 14 item 8): the API's shapes, straight from the OpenAPI
 * document, and the plain rules the screens follow: how a card number is written, what a limit
 * has used, whether a change will ask for a code, how long the details stay on the screen.
 */

export type CardView = GetResponse<'/api/v1/cards/{cardId}'>;
export type CardKind = CardView['kind'];
export type CardControls = CardView['controls'];
export type CardLimits = CardControls['limits'];
export type RevealStarted = paths['/api/v1/cards/{cardId}/reveal']['post']['responses'][201]['content']['application/json'];
export type RevealedDetails = paths['/api/v1/cards/{cardId}/reveal/confirm']['post']['responses'][200]['content']['application/json'];
export type LimitsAnswer = paths['/api/v1/cards/{cardId}/limits']['put']['responses'][200]['content']['application/json'];

/** The kinds in the order the issue form offers them: the everyday card first. */
export const CARD_KINDS = Object.keys({ virtual: true, single_use: true } satisfies Record<CardKind, true>) as CardKind[];

/** A card that can come back to use: it counts against the customer's cap and is listed first. */
export function isLive(card: Pick<CardView, 'status'>): boolean {
  return card.status === 'active' || card.status === 'frozen';
}

/** Live cards first, newest first within each group (the API lists newest first: the order is kept). */
export function sortCards(cards: readonly CardView[]): { live: CardView[]; ended: CardView[] } {
  return { live: cards.filter(isLive), ended: cards.filter((card) => !isLive(card)) };
}

/** "4400431234567890" → "4400 4312 3456 7890", as it is printed and read out. */
export function groupPan(pan: string): string {
  return pan.replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The number as the picture shows it until the details are revealed: the last four only. */
export function maskedNumber(last4: string): string {
  return `•••• ${last4}`;
}

export type LimitName = 'perOperation' | 'perDay' | 'perMonth';
export const LIMIT_NAMES: readonly LimitName[] = ['perOperation', 'perDay', 'perMonth'];
const LIMIT_FIELD: Record<LimitName, keyof CardLimits> = {
  perOperation: 'perOperationMinor',
  perDay: 'perDayMinor',
  perMonth: 'perMonthMinor',
};

export interface LimitUsage {
  name: LimitName;
  limitMinor: number;
  defaultMinor: number;
  /** Null for the per-operation limit: there is nothing to add up. */
  usedMinor: number | null;
  leftMinor: number | null;
  /** 0–100, whole; past the limit (one lowered under what is spent) the bar stays full. */
  usedPercent: number | null;
}

const PERCENT = 100;

function percentOf(usedMinor: number, limitMinor: number): number {
  if (limitMinor <= 0) return PERCENT;
  return Math.min(PERCENT, Math.max(0, Math.floor((usedMinor * PERCENT) / limitMinor)));
}

/** The three internet limits with what this day and this month have spent of them. */
export function limitUsage(controls: CardControls): LimitUsage[] {
  const used: Record<LimitName, number | null> = {
    perOperation: null,
    perDay: controls.spentTodayMinor,
    perMonth: controls.spentThisMonthMinor,
  };
  return LIMIT_NAMES.map((name) => {
    const limitMinor = controls.limits[LIMIT_FIELD[name]];
    const usedMinor = used[name];
    return {
      name,
      limitMinor,
      defaultMinor: controls.defaultLimits[LIMIT_FIELD[name]],
      usedMinor,
      leftMinor: usedMinor === null ? null : Math.max(0, limitMinor - usedMinor),
      usedPercent: usedMinor === null ? null : percentOf(usedMinor, limitMinor),
    };
  });
}

/**
 * Whether the bank will ask a code for these limits: one of them above the product's default and
 * above where it stands now (the server's rule, card-limits.service.ts raisesAboveDefault). The
 * screen only words its button by it; the bank decides.
 */
export function raisesAboveDefault(next: CardLimits, current: CardLimits, defaults: CardLimits): boolean {
  return LIMIT_NAMES.some((name) => {
    const field = LIMIT_FIELD[name];
    return next[field] > defaults[field] && next[field] > current[field];
  });
}

/** A limit as the edit field starts: whole units without grouping ("200000"), the fraction only if there is one. */
export function amountText(amountMinor: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const scale = 10 ** digits;
  const whole = Math.floor(amountMinor / scale);
  const fraction = amountMinor % scale;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(digits, '0')}`;
}

export type LimitTexts = Record<LimitName, string>;
export type LimitError = 'invalid' | 'decimals' | 'tooLarge' | 'dayBelowOperation' | 'monthBelowDay';
type LimitsParse = { ok: true; limits: CardLimits } | { ok: false; errors: Partial<Record<LimitName, LimitError>> };

/** Above this a limit is no JSON number the API takes (AMOUNT_MINOR_MAX is larger than 2^53). */
const LIMIT_MINOR_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The three fields as the API takes them. Zero is a limit (no internet purchase at all), so it
 * is allowed here where a transfer refuses it; the order per operation ≤ day ≤ month is checked
 * as the server checks it, so the customer hears it by the field.
 */
export function parseLimits(texts: LimitTexts, currency: string): LimitsParse {
  const errors: Partial<Record<LimitName, LimitError>> = {};
  const values: Partial<Record<LimitName, bigint>> = {};
  for (const name of LIMIT_NAMES) {
    const parsed = parseAmountMinor(texts[name], currency);
    if (parsed.ok) values[name] = parsed.amountMinor;
    else if (parsed.reason === 'zero') values[name] = 0n;
    else errors[name] = parsed.reason === 'empty' ? 'invalid' : parsed.reason;
    const value = values[name];
    if (value !== undefined && value > LIMIT_MINOR_MAX) errors[name] = 'tooLarge';
  }
  const { perOperation, perDay, perMonth } = values;
  if (perOperation !== undefined && perDay !== undefined && perDay < perOperation) errors.perDay = 'dayBelowOperation';
  if (perDay !== undefined && perMonth !== undefined && perMonth < perDay) errors.perMonth = 'monthBelowDay';
  if (Object.keys(errors).length > 0 || perOperation === undefined || perDay === undefined || perMonth === undefined) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    limits: { perOperationMinor: Number(perOperation), perDayMinor: Number(perDay), perMonthMinor: Number(perMonth) },
  };
}

export const DAY_MS = 86_400_000;

/** When "no limit for N days" asked now would turn itself back: the server fixes the instant when the code passes. */
export function unlimitedEndsAt(nowMs: number, days: number): string {
  return new Date(nowMs + days * DAY_MS).toISOString();
}

/** Whole seconds left until an instant, never below zero. */
export function secondsLeft(untilMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil((untilMs - nowMs) / 1000));
}

/** "0:42": the countdown as a clock reads it. */
export function clockText(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
