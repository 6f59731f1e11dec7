/** Contact-center calls (issue 13 items 2 and 3): the record, its life cycle and its limits. */

export const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const CALL_CHANNELS = ['phone', 'chat', 'branch'] as const;
export type CallChannel = (typeof CALL_CHANNELS)[number];

export const CALL_STATUSES = ['open', 'identified', 'closed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

/**
 * calls.status, enforced by migration 0023's trigger as well:
 *   open       -> identified (the caller read back the SMS code) | closed
 *   identified -> closed
 * An outbound call is born identified (by 'officer'); a closed call is final.
 */
export const CALL_TRANSITIONS: Readonly<Record<CallStatus, readonly CallStatus[]>> = {
  open: ['identified', 'closed'],
  identified: ['closed'],
  closed: [],
};

/**
 * How the customer on a call was established. sms_code: an inbound caller read back the code sent
 * to the phone on file. officer: the bank dialled the customer it chose (outbound); that proves
 * who was called, not who answered, so it opens no file (customer-file.ts).
 */
export const IDENTIFIED_BY = ['sms_code', 'officer'] as const;
export type IdentifiedBy = (typeof IDENTIFIED_BY)[number];

/** closed: the staff member closed it; timed-out: it ran past CALL_DURATION_MAX_MINUTES. */
export const CLOSE_REASONS = ['closed', 'timed-out'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export interface CallRecord {
  id: string;
  direction: CallDirection;
  channel: CallChannel;
  callerPhone: string | null;
  staffId: string;
  staffDisplayName: string;
  status: CallStatus;
  identifiedBy: IdentifiedBy | null;
  /** The customer the last look-up matched: server-side only, never in an answer. */
  matchedCustomerId: string | null;
  customerId: string | null;
  challengeId: string | null;
  lookups: number;
  outboundReason: string | null;
  startedAt: Date;
  identifiedAt: Date | null;
  closedAt: Date | null;
  closeReason: CloseReason | null;
}

/** The staff member acting (staff's StaffPrincipal, of which the calls need only this). */
export interface CallStaff {
  staffId: string;
  displayName: string;
  role: 'operator' | 'security_officer' | 'admin';
}

// ---- Limits ----

/** Calls one staff member may have open at once: a phone operator has one, a chat operator a few. */
export const OPEN_CALLS_PER_STAFF_MAX = 5;
/**
 * Look-ups on one call (SECURITY.md 36: "exists or not" is an oracle). A caller who gives the
 * wrong number or IIN may try again; five tries is a caller who does not know who they are.
 */
export const LOOKUPS_PER_CALL_MAX = 5;
/** Look-ups one staff member may make in an hour, across calls: a pace no honest shift reaches. */
export const LOOKUPS_PER_STAFF_PER_HOUR_MAX = 60;
export const LOOKUP_WINDOW_MS = 3_600_000;
/** A name look-up needs to know only whether one customer has the name, or several. */
export const NAME_MATCHES_READ_MAX = 2;
/** Free text a staff member writes (why the bank calls out, why a file is opened without a call). */
export const REASON_LENGTH_MAX = 500;
export const REASON_LENGTH_MIN = 5;
/** Operations the customer file shows: the latest, accepted and declined. */
export const FILE_OPERATIONS_SHOWN = 20;
/** Calls the back office lists for a staff member: every one not closed (OPEN_CALLS_PER_STAFF_MAX), with room. */
export const CALLS_LISTED_MAX = 20;
/** Calls the sweep closes in one statement (calls.retention.ts). */
export const OVERDUE_CALLS_BATCH_MAX = 500;

const MS_PER_MINUTE = 60_000;

/** The moment before which a call started is past the maximum duration. */
export function overdueBefore(now: Date, durationMaxMinutes: number): Date {
  return new Date(now.getTime() - durationMaxMinutes * MS_PER_MINUTE);
}

/** A call not closed and not past the maximum duration: the only kind that opens anything. */
export function isLive(call: CallRecord, now: Date, durationMaxMinutes: number): boolean {
  return call.status !== 'closed' && call.startedAt > overdueBefore(now, durationMaxMinutes);
}
