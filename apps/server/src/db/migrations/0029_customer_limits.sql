-- A customer's raised transfer limits (modules/risk; issue 13 item 10, maker-checker limit_raise):
-- a staff member asks, a security officer approves, and the approval's executor writes the row.
-- Without a row a limit is the bank's default (TRANSFER_MAX_PER_OPERATION / _PER_DAY / _PER_MONTH);
-- with one, the row's amount is the customer's limit in its place. A later raise of the same limit
-- replaces the row (one per customer and limit); the audit log and the approval keep every step.
--
-- The amount never exceeds the ceiling of its limit (TRANSFER_LIMIT_RAISE_CEILING_*), which the
-- service checks at the request and again at the approval; e-money caps (EMONEY_*) are law and
-- no row here lifts them. The limits are counted in tenge, as the defaults are.
CREATE TABLE risk_customer_limits (
  customer_id text NOT NULL REFERENCES customers (id),
  limit_kind text NOT NULL CHECK (limit_kind IN ('per_operation', 'per_day', 'per_month')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency = 'KZT'),
  -- The approved request that set it: who asked and who approved are there, with the reason.
  approval_id text NOT NULL REFERENCES approval_requests (id),
  set_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, limit_kind)
);
