-- Contact-center calls (modules/calls, issue 13 items 2 and 3): who called or was called, by which
-- channel, which staff member handled it, and the customer once identified. Until then the
-- customer a look-up matched is kept here, server-side only (matched_customer_id), and the staff
-- member is told no more than "exists or not".
--
-- Life cycle (calls.types.ts CALL_TRANSITIONS, enforced by the trigger below):
--   open       -> identified (the SMS code read back by the caller) | closed
--   identified -> closed
--   closed: final.
-- An outbound call (the bank dials a customer) is inserted as identified by 'officer' at once:
-- the bank never asks a customer it calls for a code (the security memo), and such a call opens
-- no customer file (calls/customer-file.ts says why).
CREATE TABLE calls (
  id text PRIMARY KEY CHECK (id ~ '^call_[0-9a-f]{32}$'),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  channel text NOT NULL CHECK (channel IN ('phone', 'chat', 'branch')),
  -- The number the caller gives (E.164), or the number dialled for an outbound call.
  caller_phone text CHECK (caller_phone ~ '^\+[0-9]{6,15}$'),
  -- The staff member handling the call (modules/staff), and the display name the customer's
  -- "Is Kassa calling me?" names: kept as it was when the call was opened.
  staff_id text NOT NULL REFERENCES staff_users (id),
  staff_display_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'identified', 'closed')),
  identified_by text CHECK (identified_by IN ('sms_code', 'officer')),
  -- The customer the last look-up on this call matched; never sent to the client.
  matched_customer_id text REFERENCES customers (id),
  -- The customer the call is with, once identified (or chosen by the officer for an outbound call).
  customer_id text REFERENCES customers (id),
  -- The sca challenge of the verification code (sca owns it; purpose call_verification).
  challenge_id text,
  lookups integer NOT NULL DEFAULT 0 CHECK (lookups >= 0),
  outbound_reason text CHECK (length(outbound_reason) <= 500),
  started_at timestamptz NOT NULL,
  identified_at timestamptz,
  closed_at timestamptz,
  close_reason text CHECK (close_reason IN ('closed', 'timed-out')),
  CHECK ((direction = 'outbound') = (outbound_reason IS NOT NULL)),
  CHECK ((customer_id IS NOT NULL) = (identified_at IS NOT NULL)),
  CHECK ((identified_by IS NOT NULL) = (identified_at IS NOT NULL)),
  CHECK (status <> 'identified' OR customer_id IS NOT NULL),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL AND close_reason IS NOT NULL)),
  CHECK (identified_by IS DISTINCT FROM 'officer' OR direction = 'outbound'),
  CHECK (identified_by IS DISTINCT FROM 'sms_code' OR direction = 'inbound')
);
-- "Is Kassa calling me?": the customer's calls not closed, newest first.
CREATE INDEX calls_customer_live ON calls (customer_id, started_at DESC) WHERE status = 'identified';
-- A staff member's calls not closed (the open-calls cap, the back office's list).
CREATE INDEX calls_staff_live ON calls (staff_id, started_at DESC) WHERE status <> 'closed';
-- The purge of closed calls that never identified anyone (calls.retention.ts).
CREATE INDEX calls_closed_unidentified ON calls (closed_at) WHERE status = 'closed' AND customer_id IS NULL;
-- The sweep that closes calls past CALL_DURATION_MAX_MINUTES.
CREATE INDEX calls_not_closed ON calls (started_at) WHERE status <> 'closed';

CREATE FUNCTION calls_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.status, NEW.status) IN (('open', 'identified'), ('open', 'closed'), ('identified', 'closed')) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'call %: % -> % is not a step of the call life cycle', OLD.id, OLD.status, NEW.status
    USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER calls_status_transition BEFORE UPDATE OF status ON calls
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION calls_status_transition();
