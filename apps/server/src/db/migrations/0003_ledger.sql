-- Ledger: accounts, immutable double-entry operations and their postings, and holds.
-- Only the ledger module writes these tables; other modules call its exported functions.
--
-- Sign convention: a posting's amount_minor is positive for a credit and negative for a debit,
-- seen from the account holder. balance_minor is what the bank owes the holder (a customer's
-- money is positive); bank-owned accounts take the other side, so for each currency the
-- balances of all accounts sum to zero.

-- Account status transitions (enforced by the ledger service):
--   active -> frozen | closed;  frozen -> active | closed;  closed is final.
-- frozen refuses debits and new holds but accepts credits; closed refuses everything.
CREATE TABLE ledger_accounts (
  id text PRIMARY KEY,
  -- The customer who owns it; NULL for the bank's own (system) accounts.
  owner_id text,
  -- ISO 4217 alphabetic code; the list of supported codes and exponents lives in code.
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  kind text NOT NULL CHECK (kind IN ('customer_current', 'ewallet', 'bank_settlement', 'bank_fees', 'bank_suspense', 'bank_clearing')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'frozen', 'closed')),
  iban text UNIQUE CHECK (iban IS NULL OR iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  overdraft_limit_minor bigint NOT NULL DEFAULT 0 CHECK (overdraft_limit_minor >= 0),
  balance_minor bigint NOT NULL DEFAULT 0,
  -- The sum of this account's pending holds; money reserved but not yet debited.
  held_minor bigint NOT NULL DEFAULT 0 CHECK (held_minor >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT ledger_accounts_owned_by_kind CHECK ((owner_id IS NULL) = (kind LIKE 'bank\_%')),
  -- A backstop for the service's funds check: a customer account never goes below its overdraft.
  CONSTRAINT ledger_accounts_within_overdraft CHECK (kind NOT IN ('customer_current', 'ewallet') OR balance_minor - held_minor >= -overdraft_limit_minor)
);
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_id, created_at) WHERE owner_id IS NOT NULL;
-- One system account per (kind, currency).
CREATE UNIQUE INDEX ledger_accounts_system ON ledger_accounts (kind, currency) WHERE owner_id IS NULL;

-- An operation is a balanced set of postings, written once and never changed; a correction
-- is a new operation (a reversal names the one it reverses, and only one reversal may).
CREATE TABLE ledger_operations (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),
  kind text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{0,49}$'),
  description text CHECK (description IS NULL OR length(description) <= 500),
  reverses_operation_id text UNIQUE REFERENCES ledger_operations (id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The identity gives a stable order for statements and cursors. Ids are taken while the
-- account row is locked, so per account they follow the order in which balances changed,
-- and balance_after_minor is the running sum of the account's postings in id order.
CREATE TABLE ledger_postings (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  operation_id text NOT NULL REFERENCES ledger_operations (id),
  account_id text NOT NULL REFERENCES ledger_accounts (id),
  currency text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor <> 0),
  balance_after_minor bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_postings_account ON ledger_postings (account_id, id);
CREATE INDEX ledger_postings_operation ON ledger_postings (operation_id);

-- Operations and postings are immutable (SECURITY.md 28): refuse UPDATE and DELETE outright,
-- so not even a bug in this module can rewrite history.
CREATE FUNCTION ledger_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger history is immutable: % on % refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'restrict_violation';
END;
$$;
CREATE TRIGGER ledger_operations_immutable BEFORE UPDATE OR DELETE ON ledger_operations
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();
CREATE TRIGGER ledger_postings_immutable BEFORE UPDATE OR DELETE ON ledger_postings
  FOR EACH ROW EXECUTE FUNCTION ledger_refuse_change();

-- Two-phase debits. Status transitions: pending -> posted | voided; both are final.
-- A pending hold counts in its account's held_minor; posting debits up to its amount.
CREATE TABLE ledger_holds (
  id text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 100),
  account_id text NOT NULL REFERENCES ledger_accounts (id),
  currency text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'posted', 'voided')),
  description text CHECK (description IS NULL OR length(description) <= 500),
  -- Informational for the caller's expiry worker; the ledger never voids on its own.
  expires_at timestamptz,
  operation_id text REFERENCES ledger_operations (id),
  posted_amount_minor bigint CHECK (posted_amount_minor IS NULL OR posted_amount_minor > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  CHECK ((status = 'posted') = (operation_id IS NOT NULL AND posted_amount_minor IS NOT NULL)),
  CHECK (posted_amount_minor IS NULL OR posted_amount_minor <= amount_minor),
  CHECK ((status = 'pending') = (resolved_at IS NULL))
);
CREATE INDEX ledger_holds_pending ON ledger_holds (account_id) WHERE status = 'pending';

-- The bank's own accounts, one per (kind, currency). Ids are fixed so code can name them
-- without a lookup; ensureSystemAccounts() adds any a later currency needs.
INSERT INTO ledger_accounts (id, owner_id, currency, kind, display_name)
SELECT 'acc_sys_' || substr(k.kind, 6) || '_' || lower(c.currency), NULL, c.currency, k.kind,
       initcap(replace(k.kind, '_', ' ')) || ' ' || c.currency
FROM (VALUES ('bank_settlement'), ('bank_fees'), ('bank_suspense'), ('bank_clearing')) AS k (kind)
CROSS JOIN (VALUES ('KZT'), ('USD'), ('EUR'), ('RUB')) AS c (currency);
