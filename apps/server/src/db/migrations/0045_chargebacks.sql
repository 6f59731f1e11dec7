-- Chargebacks (issue 15 item 7; modules/acquiring/chargebacks, docs/acquiring-chargebacks.md): a
-- cardholder's "this wasn't me" (a case of modules/disputes) on a purchase at a merchant Kassa
-- acquires opens one against the merchant. The merchant is told by webhook and may answer; the
-- bank's staff decide the case in the back office, and the chargeback follows the case:
--   needs_response -> under_review (the merchant answered) | won | lost | withdrawn
--   under_review   -> under_review (a new answer) | won | lost | withdrawn
--   won (the case rejected), lost (the cardholder refunded), withdrawn (by the cardholder): final.
-- lost_minor: what the merchant was charged back; recovered_minor: what its settlement account has
-- paid of it so far (the rest is taken before its next payout).
CREATE TABLE chargebacks (
  id text PRIMARY KEY CHECK (id ~ '^cb_[0-9a-f]{32}$'),
  -- The case of modules/disputes (no foreign key: disputes calls acquiring, never the other way).
  dispute_id text NOT NULL UNIQUE CHECK (dispute_id ~ '^dsp_'),
  payment_id text NOT NULL REFERENCES payments (id),
  merchant_id text NOT NULL REFERENCES merchants (id),
  status text NOT NULL CHECK (status IN ('needs_response', 'under_review', 'won', 'lost', 'withdrawn')),
  reason text NOT NULL CHECK (reason IN ('fraudulent')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency = 'KZT'),
  respond_by timestamptz NOT NULL,
  response_kind text CHECK (response_kind IN ('evidence', 'accept')),
  response_text text CHECK (char_length(response_text) <= 5000),
  responded_at timestamptz,
  lost_minor bigint CHECK (lost_minor > 0 AND lost_minor <= amount_minor),
  recovered_minor bigint NOT NULL DEFAULT 0 CHECK (recovered_minor >= 0 AND recovered_minor <= coalesce(lost_minor, 0)),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK ((response_kind IS NULL) = (responded_at IS NULL)),
  CHECK ((status = 'under_review') <= (response_kind IS NOT NULL)),
  CHECK ((status = 'lost') = (lost_minor IS NOT NULL)),
  CHECK ((status IN ('won', 'lost', 'withdrawn')) = (closed_at IS NOT NULL))
);
-- A payment has at most one chargeback that is open or lost (a second case on it finds this one).
CREATE UNIQUE INDEX chargebacks_payment_standing ON chargebacks (payment_id) WHERE status IN ('needs_response', 'under_review', 'lost');
CREATE INDEX chargebacks_merchant ON chargebacks (merchant_id, created_at DESC, id DESC);
-- What merchants still owe on lost chargebacks, for the payout run.
CREATE INDEX chargebacks_owed ON chargebacks (merchant_id) WHERE status = 'lost' AND recovered_minor < lost_minor;
-- The payment of an on-us purchase, by the purchase's DE37.
CREATE INDEX payments_kassa_rrn ON payments (rrn) WHERE issuer = 'kassa';
