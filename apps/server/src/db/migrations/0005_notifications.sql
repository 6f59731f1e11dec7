-- "SMS-informing": what the customer wants to hear about, per channel.
CREATE TABLE notification_settings (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  sms_accepted boolean NOT NULL DEFAULT true,
  sms_declined boolean NOT NULL DEFAULT true,
  sms_credits boolean NOT NULL DEFAULT true,
  sms_debits boolean NOT NULL DEFAULT true,
  in_app_accepted boolean NOT NULL DEFAULT true,
  in_app_declined boolean NOT NULL DEFAULT true,
  in_app_credits boolean NOT NULL DEFAULT true,
  in_app_debits boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- In-app notifications, written by the outbox worker (the id is the outbox message id, so a
-- redelivery cannot make a duplicate).
CREATE TABLE notifications (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_customer ON notifications (customer_id, created_at DESC);
CREATE INDEX notifications_unread ON notifications (customer_id) WHERE read_at IS NULL;

-- Payees the customer trusts: transfers to them need no code (RTS art. 13). Adding one needs a code.
-- Status transitions: awaiting_confirmation -> active -> removed; awaiting_confirmation -> removed.
CREATE TABLE trusted_payees (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('phone', 'iban')),
  phone text,
  iban text,
  label text NOT NULL,
  status text NOT NULL CHECK (status IN ('awaiting_confirmation', 'active', 'removed')),
  challenge_id text,
  created_at timestamptz NOT NULL,
  CHECK ((kind = 'phone') = (phone IS NOT NULL) AND (kind = 'iban') = (iban IS NOT NULL))
);
CREATE UNIQUE INDEX trusted_payees_active_phone ON trusted_payees (customer_id, phone) WHERE status = 'active' AND phone IS NOT NULL;
CREATE UNIQUE INDEX trusted_payees_active_iban ON trusted_payees (customer_id, iban) WHERE status = 'active' AND iban IS NOT NULL;
