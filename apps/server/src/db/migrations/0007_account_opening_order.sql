-- An owner's accounts are listed in the order they were opened. created_at alone cannot say it
-- when two accounts share a timestamp (PGlite's clock ticks in milliseconds, and one agreement
-- may open two accounts at once), and the random id is no order at all: a sequence is.
ALTER TABLE ledger_accounts ADD COLUMN opened_seq bigserial;
DROP INDEX ledger_accounts_owner;
CREATE INDEX ledger_accounts_owner ON ledger_accounts (owner_id, created_at, opened_seq) WHERE owner_id IS NOT NULL;
