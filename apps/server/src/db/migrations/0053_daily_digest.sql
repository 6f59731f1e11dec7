-- The daily digest of accepted and declined operations (issue 17 item 4; notifications/digest/,
-- docs/daily-digest.md).
--
-- The customer's choice. On by default in the app, where a message costs nothing; a customer who
-- wants it by SMS chooses that channel (a silent SMS day still costs the bank a message).
ALTER TABLE notification_settings
  ADD COLUMN digest_enabled boolean NOT NULL DEFAULT true,
  ADD COLUMN digest_channel text NOT NULL DEFAULT 'in_app' CHECK (digest_channel IN ('sms', 'in_app'));

-- One digest per customer per bank day: the primary key makes it once. The row is written in the
-- transaction that queues the message, so two servers, or a pass repeated after a restart, cannot
-- make a second one. The figures are kept as sent (counts, and totals per currency).
CREATE TABLE notification_digests (
  customer_id text NOT NULL REFERENCES customers (id),
  day date NOT NULL,
  channel text NOT NULL CHECK (channel IN ('sms', 'in_app')),
  accepted_count integer NOT NULL CHECK (accepted_count >= 0),
  declined_count integer NOT NULL CHECK (declined_count >= 0),
  -- Per currency: [{"currency": "KZT", "incomingMinor": "150000", "outgoingMinor": "0"}], minor units as text.
  totals jsonb NOT NULL,
  outbox_id text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, day)
);

-- How far the passes of a day have walked the customers (keyset by customer id), so a pass goes on
-- where the last one stopped and a finished day costs one read. Only a shortcut: the digests'
-- primary key, not this row, is what makes a digest once.
CREATE TABLE notification_digest_days (
  day date PRIMARY KEY,
  after_customer_id text NOT NULL DEFAULT '',
  finished_at timestamptz
);
