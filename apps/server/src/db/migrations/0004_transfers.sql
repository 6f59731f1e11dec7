-- Transfers between people and accounts. One life cycle for every kind:
--   awaiting_confirmation -> completed | declined | expired;  created directly as completed,
--   declined, or sent (to another bank, via the interbank clearing account).
CREATE TABLE transfers (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('own', 'phone', 'iban')),
  status text NOT NULL CHECK (status IN ('awaiting_confirmation', 'completed', 'sent', 'declined', 'expired')),
  source_account_id text NOT NULL,
  destination_account_id text,
  recipient_customer_id text,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  fee_minor bigint NOT NULL DEFAULT 0 CHECK (fee_minor >= 0),
  currency text NOT NULL,
  payee_phone text,
  payee_name_masked text,
  payee_iban text,
  payee_name text,
  payee_tax_id text,
  purpose_code text,
  description text,
  challenge_id text,
  decline_reason text,
  ledger_operation_id text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  completed_at timestamptz
);
CREATE INDEX transfers_customer ON transfers (customer_id, created_at DESC, id DESC);
CREATE INDEX transfers_recipient ON transfers (recipient_customer_id, created_at DESC, id DESC) WHERE recipient_customer_id IS NOT NULL;
CREATE INDEX transfers_limits ON transfers (customer_id, completed_at) WHERE status IN ('completed', 'sent') AND kind <> 'own';

-- Serialises limit checks per customer: parallel transfers see each other's totals.
CREATE TABLE transfer_limit_locks (
  customer_id text PRIMARY KEY
);

-- Idempotency-Key (SECURITY.md 28): written in the same transaction as the transfer it made,
-- so a retry finds either nothing (and runs) or the first answer (and replays it).
CREATE TABLE idempotency_keys (
  customer_id text NOT NULL,
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, key)
);

-- "This wasn't me": reports on operations, for the back office to work on.
CREATE TABLE operation_disputes (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  transfer_id text NOT NULL REFERENCES transfers (id),
  comment text,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_review', 'resolved')),
  created_at timestamptz NOT NULL,
  UNIQUE (customer_id, transfer_id)
);
