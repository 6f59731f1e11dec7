import type { GetResponse, PostBody } from '../../api/shapes';
import { type CheckView, type FieldValues, fieldValuesForApi, type PaidAmount, type ProviderView } from '../payments/payment-model';

/**
 * A guest's payment by card without React (issue 16 item 5): the request "Pay" sends, the key
 * that makes its retry safe, where the browser may be sent for the card, and the two things kept
 * in the tab's sessionStorage so /pay/done can read the outcome: the payment's id and its status
 * token. Never the card, the phone or the fields: those stay with the bank.
 */

export type GuestPaymentView = GetResponse<'/api/v1/guest/payments/{guestPaymentId}'>;
export type GuestPaymentBody = PostBody<'/api/v1/guest/payments'>;

/** A Kazakh mobile number as the API takes it: +7, then 7 and nine digits (the server checks again). */
const KZ_MOBILE = /^\+77\d{9}$/;

export function receiptPhoneForApi(typed: string): string {
  return typed.replace(/[\s()-]/g, '');
}

export function receiptPhoneValid(typed: string): boolean {
  return KZ_MOBILE.test(receiptPhoneForApi(typed));
}

/** The body of POST /api/v1/guest/payments: the fields as the API takes them, the check, the lines, the amount, the phone. */
export function guestPaymentBody(
  provider: Pick<ProviderView, 'id' | 'fields'>,
  form: { values: FieldValues; check: CheckView | null; paid: PaidAmount },
  receiptPhone: string,
): GuestPaymentBody {
  return {
    providerId: provider.id,
    fields: fieldValuesForApi(provider.fields, form.values),
    amountMinor: Number(form.paid.amountMinor),
    receiptPhone: receiptPhoneForApi(receiptPhone),
    ...(form.check?.checkId ? { checkId: form.check.checkId } : {}),
    ...(form.paid.lines ? { lines: form.paid.lines } : {}),
  };
}

/** One press of "Pay": its Idempotency-Key and the body it was chosen for. */
export interface Attempt {
  key: string;
  bodyJson: string;
}

/**
 * The key for this press: the previous one when the body is the same (a retry after a timeout or
 * a 503 must never create a second payment), a new one when anything changed (the bank refuses a
 * key reused for another body).
 */
export function attemptFor(previous: Attempt | null, body: GuestPaymentBody, newKey: () => string): Attempt {
  const bodyJson = JSON.stringify(body);
  return previous?.bodyJson === bodyJson ? previous : { key: newKey(), bodyJson };
}

/** Where the browser goes for the card: the bank's checkout link, only over http(s); null: straight to the outcome. */
export function checkoutTarget(checkoutUrl: string | null): string | null {
  if (!checkoutUrl) return null;
  try {
    const url = new URL(checkoutUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/** What the tab remembers of a guest's payment: only these two (the status token is its one key to the outcome). */
export interface GuestPaymentTicket {
  guestPaymentId: string;
  statusToken: string;
}

export const GUEST_PAYMENTS_STORAGE_KEY = 'kassa.guestPayments';
/** A tab remembers the last few payments, so going back to an earlier result still works; older ones are dropped. */
export const GUEST_PAYMENTS_REMEMBERED_MAX = 5;
const TICKET_ID = /^gpy_[0-9a-f]{32}$/;
const TICKET_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

type TicketStorage = Pick<Storage, 'getItem' | 'setItem'>;

function isTicket(value: unknown): value is GuestPaymentTicket {
  if (typeof value !== 'object' || value === null) return false;
  if (!('guestPaymentId' in value) || !('statusToken' in value)) return false;
  const { guestPaymentId, statusToken } = value;
  return (
    typeof guestPaymentId === 'string' &&
    TICKET_ID.test(guestPaymentId) &&
    typeof statusToken === 'string' &&
    TICKET_TOKEN.test(statusToken)
  );
}

function readTickets(storage: TicketStorage): GuestPaymentTicket[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(GUEST_PAYMENTS_STORAGE_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isTicket) : [];
  } catch {
    // Unreadable or unavailable storage (private mode): the outcome page then says where to look.
    return [];
  }
}

/** Keeps the ticket, newest first, just these two fields of each; false when the tab cannot store it. */
export function rememberGuestPayment(storage: TicketStorage, ticket: GuestPaymentTicket): boolean {
  if (!isTicket(ticket)) return false;
  const others = readTickets(storage).filter((kept) => kept.guestPaymentId !== ticket.guestPaymentId);
  const kept = [ticket, ...others].slice(0, GUEST_PAYMENTS_REMEMBERED_MAX);
  try {
    storage.setItem(
      GUEST_PAYMENTS_STORAGE_KEY,
      JSON.stringify(kept.map(({ guestPaymentId, statusToken }) => ({ guestPaymentId, statusToken }))),
    );
    return true;
  } catch {
    return false;
  }
}

/** The status token this tab was given for the payment, or null (another browser, another tab, or storage off). */
export function statusTokenOf(storage: TicketStorage, guestPaymentId: string): string | null {
  return readTickets(storage).find((ticket) => ticket.guestPaymentId === guestPaymentId)?.statusToken ?? null;
}

/** The tab's sessionStorage, or a storage that keeps nothing where the browser refuses it. */
export function tabStorage(): TicketStorage {
  try {
    return window.sessionStorage;
  } catch {
    return { getItem: () => null, setItem: () => undefined };
  }
}
