-- Guests pay a provider by card (issue 16 item 5; modules/payments/guest, docs/payments-providers.md
-- "Guests paying by card"). A guest has no customer, no account and so no operation: the card
-- payment is the bank's own acquiring's (a merchant of the bank's, GUEST_PAYMENTS_MERCHANT_ID), and
-- when it succeeds one ledger operation moves its money from that merchant's settlement account to
-- the provider's (and the fee to bank_fees). service_payments is therefore keyed apart from
-- operations: its payment_id is the operation's id for a customer's payment, the guest payment's
-- id for a guest's, and the notify worker, the registry and the reconciliation read it alike.

-- A guest's payment to a provider, from the form to the card's outcome:
--   awaiting_card -> paid    (the card payment succeeded; the money moved in the same commit)
--                 -> failed  (the card payment failed or was cancelled; nothing moved)
-- The receipt's phone is kept only sealed (SECRET_KEY's keyring, bound to the row's id) and only
-- until the receipt SMS is queued or the payment fails; the masked form stays for the status page.
-- The status token's keyed hash lets the guest's own browser read the status; it is never stored in clear.
CREATE TABLE service_guest_payments (
  id text PRIMARY KEY CHECK (id ~ '^gpy_[0-9a-f]{32}$'),
  provider_id text NOT NULL REFERENCES service_providers (id),
  card_payment_id text NOT NULL UNIQUE REFERENCES payments (id),
  status text NOT NULL CHECK (status IN ('awaiting_card', 'paid', 'failed')),
  check_id text CHECK (check_id ~ '^chk_[0-9a-f]{32}$'),
  account_label text NOT NULL CHECK (char_length(account_label) BETWEEN 1 AND 80),
  fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  lines jsonb CHECK (lines IS NULL OR jsonb_typeof(lines) = 'array'),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  fee_minor bigint NOT NULL CHECK (fee_minor >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  language text NOT NULL CHECK (language IN ('ru', 'kk', 'en')),
  receipt_phone_sealed text,
  receipt_phone_masked text NOT NULL CHECK (char_length(receipt_phone_masked) <= 32),
  status_token_hash text NOT NULL CHECK (status_token_hash ~ '^[0-9a-f]{64}$'),
  -- The Idempotency-Key's keyed hash and the request's digest: a retry gets this payment again.
  idempotency_key_hash text NOT NULL UNIQUE CHECK (idempotency_key_hash ~ '^[0-9a-f]{64}$'),
  request_digest text NOT NULL CHECK (request_digest ~ '^[0-9a-f]{64}$'),
  ledger_operation_id text,
  failure_code text CHECK (char_length(failure_code) <= 60),
  card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$'),
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  CHECK ((status = 'paid') = (ledger_operation_id IS NOT NULL)),
  CHECK ((status = 'failed') = (failure_code IS NOT NULL)),
  CHECK ((status = 'awaiting_card') = (ended_at IS NULL))
);
CREATE INDEX service_guest_payments_awaiting ON service_guest_payments (created_at) WHERE receipt_phone_sealed IS NOT NULL;

-- A guest's check has no customer: it is the guest's by its id alone (128 random bits), and a
-- customer's payment never takes it (resolve.ts compares the customer).
ALTER TABLE service_checks ALTER COLUMN customer_id DROP NOT NULL;

-- service_payments keyed apart from operations (above).
ALTER TABLE service_payments RENAME COLUMN operation_id TO payment_id;
ALTER TABLE service_payments DROP CONSTRAINT service_payments_operation_id_fkey;
ALTER TABLE service_payments ADD COLUMN operation_id text UNIQUE REFERENCES operations (id);
ALTER TABLE service_payments ADD COLUMN guest_payment_id text UNIQUE REFERENCES service_guest_payments (id);
UPDATE service_payments SET operation_id = payment_id;
ALTER TABLE service_payments ALTER COLUMN customer_id DROP NOT NULL;
ALTER TABLE service_payments ADD CONSTRAINT service_payments_one_origin CHECK (
  (operation_id = payment_id AND guest_payment_id IS NULL AND customer_id IS NOT NULL)
  OR (guest_payment_id = payment_id AND operation_id IS NULL AND customer_id IS NULL)
);
