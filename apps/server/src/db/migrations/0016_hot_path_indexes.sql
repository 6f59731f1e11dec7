-- Fewer index entries per own transfer (issue 11, docs/BENCHMARKS.md): both indexes below held an
-- entry for every operation, though only some operations are ever looked up through them.
--
-- A reversal names the operation it reverses, at most once (the unique index); an operation that
-- reverses nothing needs no entry. The constraint's name stays, so the ledger still recognises a
-- second concurrent reversal by it (ledger.postings.ts withUniquenessGuard).
ALTER TABLE ledger_operations DROP CONSTRAINT ledger_operations_reverses_operation_id_key;
CREATE UNIQUE INDEX ledger_operations_reverses_operation_id_key ON ledger_operations (reverses_operation_id)
  WHERE reverses_operation_id IS NOT NULL;

-- The payee's side of the history: money from someone else. A move between one's own accounts is
-- found through operations_customer already (operations.repo.ts selectHistory).
DROP INDEX operations_payee_customer;
CREATE INDEX operations_payee_customer ON operations (payee_customer_id, created_at DESC, id DESC)
  WHERE payee_customer_id IS NOT NULL AND payee_customer_id <> customer_id;
