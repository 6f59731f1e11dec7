-- Notifications outbox: written in the same transaction as the business change that causes it,
-- delivered after commit by the worker, at least once.
-- Status transitions: pending -> delivered | dead (after attemptsMax failures).
CREATE TABLE outbox_messages (
  id text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms', 'in_app')),
  payload jsonb NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);
CREATE INDEX outbox_messages_due ON outbox_messages (next_attempt_at) WHERE status = 'pending';

-- The dev-inbox SMS adapter keeps every message here instead of sending it. Never in production.
CREATE TABLE dev_sms_messages (
  id text PRIMARY KEY,
  phone text NOT NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX dev_sms_messages_phone ON dev_sms_messages (phone, created_at DESC);

-- Demo data is loaded once per database; each seeder records that it ran.
CREATE TABLE demo_seeds (
  name text PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now()
);
