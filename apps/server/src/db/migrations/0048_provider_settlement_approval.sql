-- Maker-checker for a service provider's settlement details (issue 16 item 1; modules/payments
-- provider-settlement-approval.ts): a staff member asks for a new legal name, BIN or settlement
-- IBAN, another approves, and the executor writes them. The subject is the provider (its id).
-- Only the kinds of migration 0024's CHECK widen; the CHECK was unnamed, so it has Postgres's name.
ALTER TABLE approval_requests DROP CONSTRAINT approval_requests_kind_check;
ALTER TABLE approval_requests ADD CONSTRAINT approval_requests_kind_check
  CHECK (kind IN ('unblock', 'limit_raise', 'refund_above_threshold', 'role_change', 'provider_settlement'));
