-- Changing the phone number (issue 13 item 5). NIST SP 800-63B 5.1.3.3: "Changing the
-- pre-registered telephone number is considered to be the binding of a new authenticator", so it
-- takes what binding one takes (6.1.2.1): authentication at the level it will serve (the password
-- and a code to the old number), proof of the new number (a code to it), a notice by an independent
-- channel (an SMS to the old number), and here also a cooling period with lower limits.
--
-- phone_change_requests (modules/phone-change): a change in progress. Status transitions:
--   awaiting_old_code -> awaiting_new_code -> completed
--   awaiting_old_code | awaiting_new_code -> failed (a code used up, expired or void)
-- A change by staff (after identifying the caller) starts at awaiting_new_code: the old phone may
-- be the one that was lost. A row past expires_at is dead whatever its status; the retention purge
-- deletes it, and the new number with it (SECURITY.md 35).
CREATE TABLE phone_change_requests (
  id text PRIMARY KEY CHECK (id ~ '^phc_[0-9a-f]{32}$'),
  customer_id text NOT NULL REFERENCES customers (id),
  channel text NOT NULL CHECK (channel IN ('app', 'staff')),
  new_phone text NOT NULL CHECK (new_phone ~ '^\+7[0-9]{10}$'),
  -- app: the session that started it, the only one that may go on with it.
  session_id text,
  -- staff: who started it (modules/staff), the only one who may confirm it, and the call, if any.
  staff_id text,
  call_id text,
  old_challenge_id text,
  new_challenge_id text,
  status text NOT NULL CHECK (status IN ('awaiting_old_code', 'awaiting_new_code', 'completed', 'failed')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  completed_at timestamptz,
  CHECK ((channel = 'app') = (session_id IS NOT NULL)),
  CHECK ((channel = 'staff') = (staff_id IS NOT NULL)),
  CHECK (channel = 'staff' OR old_challenge_id IS NOT NULL),
  CHECK (status NOT IN ('awaiting_new_code', 'completed') OR new_challenge_id IS NOT NULL),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);
CREATE INDEX phone_change_requests_expires ON phone_change_requests (expires_at);

-- phone_changes (modules/identity, which owns the phone): every change made, and the end of the
-- cooling period it started (transfer limits lowered, no new trusted payees or devices). No phone
-- number here: the customer row has the current one, the audit log the masked history.
CREATE TABLE phone_changes (
  id text PRIMARY KEY CHECK (id ~ '^phc_[0-9a-f]{32}$'),
  customer_id text NOT NULL REFERENCES customers (id),
  channel text NOT NULL CHECK (channel IN ('app', 'staff')),
  staff_id text,
  changed_at timestamptz NOT NULL,
  cooling_until timestamptz NOT NULL CHECK (cooling_until >= changed_at),
  CHECK ((channel = 'staff') = (staff_id IS NOT NULL))
);
CREATE INDEX phone_changes_customer ON phone_changes (customer_id, cooling_until DESC);
