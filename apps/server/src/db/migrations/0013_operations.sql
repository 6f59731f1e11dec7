-- One record for every money operation (modules/operations, docs/adr/0006): the life cycle, the
-- amounts, the payee as people read it, the SCA decision and the ledger link. Each kind keeps
-- what only it has in a detail table of its own (transfer_details here; payments and cards add
-- theirs), so the history, receipts and notifications read one table and never look at the kind
-- to find a column.
--
-- Life cycle (operations.types.ts OPERATION_TRANSITIONS, enforced by the trigger below):
--   created               -> awaiting_confirmation | completed | sent | declined
--   awaiting_confirmation -> completed | sent | declined | expired
--   completed, sent, declined, expired: final.
-- A record may be inserted in any state but expired: an operation decided in the transaction
-- that creates it (own accounts, a decline before any code) never shows its earlier states.
CREATE TABLE operations (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('transfer.own', 'transfer.phone', 'transfer.iban')),
  status text NOT NULL CHECK (status IN ('created', 'awaiting_confirmation', 'completed', 'sent', 'declined', 'expired')),
  source_account_id text,
  -- The payee inside the bank, when there is one: the account credited and its owner.
  payee_account_id text,
  payee_customer_id text,
  -- The payee as the customer reads it (a masked name, a company), and what identifies it (a
  -- phone number, an IBAN): shown in the history and the code SMS, searched by the history.
  payee_label text,
  payee_reference text,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  fee_minor bigint NOT NULL CHECK (fee_minor >= 0),
  currency text NOT NULL,
  -- KNP, the payment purpose code of Kazakhstan's payment rules: every kind of payment has one.
  purpose_code text,
  description text,
  -- Why no SMS code was asked (RTS art. 15 own accounts, 13 trusted payee, 16 low value).
  sca_exemption text CHECK (sca_exemption IN ('own', 'trusted-payee', 'low-value')),
  challenge_id text,
  decline_reason text,
  ledger_operation_id text,
  idempotency_key text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz,
  completed_at timestamptz,
  CHECK ((status IN ('declined', 'expired')) = (decline_reason IS NOT NULL)),
  CHECK (status NOT IN ('completed', 'sent') OR ledger_operation_id IS NOT NULL),
  CHECK (status <> 'awaiting_confirmation' OR (challenge_id IS NOT NULL AND expires_at IS NOT NULL))
);
CREATE INDEX operations_customer ON operations (customer_id, created_at DESC, id DESC);
CREATE INDEX operations_payee_customer ON operations (payee_customer_id, created_at DESC, id DESC) WHERE payee_customer_id IS NOT NULL;
CREATE INDEX operations_awaiting ON operations (customer_id, expires_at) WHERE status = 'awaiting_confirmation';

CREATE FUNCTION operations_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.status, NEW.status) IN (
    ('created', 'awaiting_confirmation'), ('created', 'completed'), ('created', 'sent'), ('created', 'declined'),
    ('awaiting_confirmation', 'completed'), ('awaiting_confirmation', 'sent'), ('awaiting_confirmation', 'declined'),
    ('awaiting_confirmation', 'expired')
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'operation %: % -> % is not a step of the operation life cycle', OLD.id, OLD.status, NEW.status
    USING ERRCODE = 'check_violation';
END
$$;
CREATE TRIGGER operations_status_transition BEFORE UPDATE OF status ON operations
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION operations_status_transition();

-- What only a transfer has: the payee's phone or IBAN as typed, and for another bank the payee's
-- full name and IIN/BIN. Transfers between own accounts have nothing of the kind and no row.
CREATE TABLE transfer_details (
  operation_id text PRIMARY KEY REFERENCES operations (id),
  payee_phone text,
  payee_iban text,
  payee_name text,
  payee_tax_id text
);

-- The Idempotency-Key records are the operations module's now (SECURITY.md 28).
ALTER TABLE idempotency_keys RENAME TO operation_idempotency_keys;
ALTER INDEX idempotency_keys_pkey RENAME TO operation_idempotency_keys_pkey;

-- Every transfer becomes an operation, with its key, its detail row and its dispute.
INSERT INTO operations (id, customer_id, kind, status, source_account_id, payee_account_id, payee_customer_id, payee_label,
  payee_reference, amount_minor, fee_minor, currency, purpose_code, description, sca_exemption, challenge_id, decline_reason,
  ledger_operation_id, idempotency_key, created_at, expires_at, completed_at)
SELECT t.id, t.customer_id, 'transfer.' || t.kind, t.status, t.source_account_id, t.destination_account_id, t.recipient_customer_id,
  t.payee_name_masked, coalesce(t.payee_phone, t.payee_iban), t.amount_minor, t.fee_minor, t.currency, t.purpose_code, t.description,
  CASE WHEN t.kind = 'own' THEN 'own' ELSE t.sca_exemption END, t.challenge_id, t.decline_reason, t.ledger_operation_id,
  (SELECT k.key FROM operation_idempotency_keys k WHERE k.customer_id = t.customer_id AND k.response_body ->> 'id' = t.id LIMIT 1),
  t.created_at, t.expires_at, t.completed_at
FROM transfers t;

INSERT INTO transfer_details (operation_id, payee_phone, payee_iban, payee_name, payee_tax_id)
SELECT id, payee_phone, payee_iban, payee_name, payee_tax_id FROM transfers
WHERE payee_phone IS NOT NULL OR payee_iban IS NOT NULL OR payee_name IS NOT NULL OR payee_tax_id IS NOT NULL;

ALTER TABLE operation_disputes DROP CONSTRAINT operation_disputes_transfer_id_fkey;
ALTER TABLE operation_disputes RENAME COLUMN transfer_id TO operation_id;
ALTER TABLE operation_disputes ADD FOREIGN KEY (operation_id) REFERENCES operations (id);

-- modules/risk: every decision whether money may leave. Its locks and counters are its own.
-- The per-customer lock under which limits are decided (was transfer_limit_locks) and the
-- low-value exemption counters (RTS art. 16, was sca_low_value_counters).
ALTER TABLE transfer_limit_locks RENAME TO risk_limit_locks;
ALTER INDEX transfer_limit_locks_pkey RENAME TO risk_limit_locks_pkey;
ALTER TABLE sca_low_value_counters RENAME TO risk_low_value_counters;
ALTER INDEX sca_low_value_counters_pkey RENAME TO risk_low_value_counters_pkey;

-- What a customer sent to other people per calendar day of the bank (limits per day and month),
-- and what left each e-wallet per day (its identification level's day cap): counted when the
-- money moves, read under the customer's limit lock. They replace sums over the transfers.
CREATE TABLE risk_customer_days (
  customer_id text NOT NULL,
  day date NOT NULL,
  spent_minor bigint NOT NULL CHECK (spent_minor >= 0),
  PRIMARY KEY (customer_id, day)
);
CREATE TABLE risk_account_days (
  account_id text NOT NULL,
  day date NOT NULL,
  debited_minor bigint NOT NULL CHECK (debited_minor >= 0),
  PRIMARY KEY (account_id, day)
);

-- The counters of the money that moved before this migration, by the bank's calendar day
-- (migrate.ts sets kassa.bank_time_zone from BANK_TIME_ZONE).
INSERT INTO risk_customer_days (customer_id, day, spent_minor)
SELECT customer_id, (completed_at AT TIME ZONE current_setting('kassa.bank_time_zone'))::date, sum(amount_minor)
FROM transfers WHERE status IN ('completed', 'sent') AND kind <> 'own'
GROUP BY 1, 2;
INSERT INTO risk_account_days (account_id, day, debited_minor)
SELECT t.source_account_id, (t.completed_at AT TIME ZONE current_setting('kassa.bank_time_zone'))::date, sum(t.amount_minor + t.fee_minor)
FROM transfers t JOIN ledger_accounts a ON a.id = t.source_account_id AND a.kind = 'ewallet'
WHERE t.status IN ('completed', 'sent')
GROUP BY 1, 2;

DROP TABLE transfers;
