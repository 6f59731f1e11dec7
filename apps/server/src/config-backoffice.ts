import { type Env, integer } from './config-parse.js';

/**
 * The settings of the bank's side (issue 13): staff sessions, maker-checker, calls, the cooling
 * period after a phone change and disputes. Part of Config (config.ts), kept apart so each file
 * stays readable; every variable is in the README's configuration table.
 */
export interface BackOfficeConfig {
  /**
   * Staff sessions of the back office (modules/staff): PCI DSS 8.2.8 asks for a new login after
   * at most 15 idle minutes; the absolute cap ends a session kept alive all day at the shift's end.
   */
  staffSession: { idleMinutes: number; absoluteHours: number };
  /** Maker-checker requests (modules/approvals): a request nobody decided in this time expires. */
  approvals: { ttlHours: number };
  /** A contact-center call not closed by then closes by itself, and the customer file it opened with it (modules/calls). */
  callDurationMaxMinutes: number;
  /**
   * After the phone number changes (modules/phone-change; NIST 800-63B 5.1.3.3, a new authenticator):
   * for this many hours transfers to others are capped per day, and no trusted payee or device is added.
   */
  phoneChange: { coolingHours: number; coolingTransferMaxPerDayMinor: bigint };
  /**
   * Disputes (modules/disputes): the days the bank gives itself to decide a case (calendar days
   * for now, DISPUTE_DUE_DAYS), and the refund from which a second staff member must approve it
   * (maker-checker, issue 13 item 10: modules/approvals, kind refund_above_threshold).
   */
  disputes: { dueDays: number; refundApprovalThresholdMinor: bigint };
}

export function backOfficeConfig(env: Env): BackOfficeConfig {
  return {
    // PCI DSS 8.2.8: 15 idle minutes at most, so the variable may shorten the idle timeout, never lengthen it.
    staffSession: {
      idleMinutes: integer(env, 'STAFF_SESSION_IDLE_MINUTES', 15, 1, 15),
      absoluteHours: integer(env, 'STAFF_SESSION_ABSOLUTE_HOURS', 10, 1, 24),
    },
    // A day covers the next shift of a checker; a week at most, so a request is decided on facts still fresh.
    approvals: { ttlHours: integer(env, 'APPROVAL_TTL_HOURS', 24, 1, 7 * 24) },
    callDurationMaxMinutes: integer(env, 'CALL_DURATION_MAX_MINUTES', 120, 5, 24 * 60),
    // A day is the time a customer whose number was changed by a thief notices the SMS to the old
    // one and calls; 50 000 ₸ a day is what the thief can take meanwhile (the RTS art. 16 total).
    phoneChange: {
      coolingHours: integer(env, 'PHONE_CHANGE_COOLING_HOURS', 24, 0, 30 * 24),
      coolingTransferMaxPerDayMinor: BigInt(integer(env, 'PHONE_CHANGE_COOLING_TRANSFER_MAX_MINOR', 5_000_000, 0, Number.MAX_SAFE_INTEGER)),
    },
    // 10 calendar days to decide a dispute; refunds from 500 000 ₸ need a second person's approval.
    disputes: {
      dueDays: integer(env, 'DISPUTE_DUE_DAYS', 10, 1, 120),
      refundApprovalThresholdMinor: BigInt(integer(env, 'DISPUTE_REFUND_APPROVAL_THRESHOLD_MINOR', 50_000_000, 1, Number.MAX_SAFE_INTEGER)),
    },
  };
}
