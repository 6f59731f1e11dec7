-- Business caps over sliding windows (SECURITY.md 10, 33, 36; modules/sca/caps.ts): SMS codes per
-- phone, per IP and payment codes per customer per hour; unknown payee numbers a customer looks
-- up, and IINs tried at registration per phone, per day. One row per counted event. The caps are
-- checked and counted in one step under a transaction-scoped lock per (scope, key), so N parallel
-- requests never pass a cap of M < N; the count is of the rows inside the window, so the last
-- hour is always the last 60 minutes, not a clock hour that starts afresh at :00.
-- `item` is a keyed hash of what is counted once per window (a payee's number, an IIN), never the
-- value itself. A row past the longest window decides nothing and is purged (sca.retention.ts).
CREATE TABLE cap_events (
  id bigserial PRIMARY KEY,
  scope text NOT NULL,
  key text NOT NULL,
  item text,
  occurred_at timestamptz NOT NULL
);
CREATE INDEX cap_events_key ON cap_events (scope, key, occurred_at);
CREATE INDEX cap_events_occurred_at ON cap_events (occurred_at);

-- SECURITY.md 36: one IIN per registration. The first IIN submitted at step 3 is bound to the
-- registration (as a keyed hash); another IIN on the same registration is refused.
ALTER TABLE registrations ADD COLUMN iin_hash text;
