-- Cases the bank's staff work (issue 13 items 6 and 7): disputes ("this wasn't me", modules/disputes)
-- and security incidents (modules/incidents). Each case has an owner, a timeline and staff notes;
-- the notes are never shown to the customer, the timeline is (apart from who owns the case).
-- Staff ids name staff_users rows (modules/staff, migration 0020).

-- ---- Disputes ----
-- Status transitions (disputes.types.ts DISPUTE_TRANSITIONS; the UPDATE names the states it may
-- come from, so any other step changes no row):
--   new           -> investigating (staff) | withdrawn (the customer)
--   investigating -> refunded | rejected (staff) | withdrawn (the customer)
--   refunded, rejected, withdrawn: final.
-- The amount and currency disputed are copied from the operation: a refund is capped by them on
-- the row itself. The snapshot is the customer's sessions and devices around the operation's time
-- (ids and masked descriptions), taken when the case opens: sessions are purged after their
-- retention window, the case keeps what the investigation needs.
CREATE TABLE disputes (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  operation_id text NOT NULL REFERENCES operations (id),
  status text NOT NULL CHECK (status IN ('new', 'investigating', 'refunded', 'rejected', 'withdrawn')),
  comment text CHECK (length(comment) <= 1000),
  owner_staff_id text REFERENCES staff_users (id),
  due_at timestamptz NOT NULL,
  currency text NOT NULL,
  operation_amount_minor bigint NOT NULL CHECK (operation_amount_minor > 0),
  refund_amount_minor bigint CHECK (refund_amount_minor > 0 AND refund_amount_minor <= operation_amount_minor),
  -- The refund's record in operations (kind refund.dispute).
  refund_operation_id text REFERENCES operations (id),
  reject_reason text,
  access_snapshot jsonb,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK ((status = 'refunded') = (refund_operation_id IS NOT NULL AND refund_amount_minor IS NOT NULL)),
  CHECK ((status = 'rejected') = (reject_reason IS NOT NULL)),
  CHECK ((status IN ('refunded', 'rejected', 'withdrawn')) = (closed_at IS NOT NULL))
);
-- One open or decided case per customer and operation; after a withdrawal the customer may report again.
CREATE UNIQUE INDEX disputes_per_operation ON disputes (customer_id, operation_id) WHERE status <> 'withdrawn';
CREATE INDEX disputes_customer ON disputes (customer_id, created_at DESC, id DESC);
CREATE INDEX disputes_queue ON disputes (due_at, id) WHERE closed_at IS NULL;

-- What happened to a case, oldest first: what the customer's timeline shows (all but `assigned`),
-- with the words a staff member wrote for the customer.
CREATE TABLE dispute_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dispute_id text NOT NULL REFERENCES disputes (id),
  kind text NOT NULL CHECK (kind IN ('opened', 'commented', 'assigned', 'investigating', 'refunded', 'rejected', 'withdrawn')),
  actor text NOT NULL CHECK (actor IN ('customer', 'staff')),
  staff_id text REFERENCES staff_users (id),
  customer_message text CHECK (length(customer_message) <= 1000),
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  CHECK ((actor = 'staff') = (staff_id IS NOT NULL))
);
CREATE INDEX dispute_events_dispute ON dispute_events (dispute_id, id);

-- Staff notes: for the staff only, never in any customer answer.
CREATE TABLE dispute_notes (
  id text PRIMARY KEY,
  dispute_id text NOT NULL REFERENCES disputes (id),
  staff_id text NOT NULL REFERENCES staff_users (id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL
);
CREATE INDEX dispute_notes_dispute ON dispute_notes (dispute_id, created_at);

-- The reports of before (operation_disputes, owned by operations) become cases. Only `open` was
-- ever written; `in_review` is investigating, and `resolved`, which said nothing of the outcome,
-- is a rejection with the reason `other`. The due date is the default of DISPUTE_DUE_DAYS (10).
INSERT INTO disputes (id, customer_id, operation_id, status, comment, due_at, currency, operation_amount_minor, reject_reason,
  created_at, updated_at, closed_at)
SELECT d.id, d.customer_id, d.operation_id,
  CASE d.status WHEN 'open' THEN 'new' WHEN 'in_review' THEN 'investigating' ELSE 'rejected' END,
  left(d.comment, 1000), d.created_at + interval '10 days', o.currency, o.amount_minor,
  CASE WHEN d.status = 'resolved' THEN 'other' END, d.created_at, d.created_at,
  CASE WHEN d.status = 'resolved' THEN d.created_at END
FROM operation_disputes d JOIN operations o ON o.id = d.operation_id;
INSERT INTO dispute_events (dispute_id, kind, actor, created_at) SELECT id, 'opened', 'customer', created_at FROM disputes;
DROP TABLE operation_disputes;

-- A refund is an operation of its own kind: the bank credits the customer (operations.types.ts).
ALTER TABLE operations DROP CONSTRAINT operations_kind_check;
ALTER TABLE operations ADD CONSTRAINT operations_kind_check
  CHECK (kind IN ('transfer.own', 'transfer.phone', 'transfer.iban', 'refund.dispute'));

-- The bank's dispute-loss accounts (ledger.types.ts SYSTEM_ACCOUNT_KINDS): what the bank pays back
-- on disputes is its loss, kept apart from settlement so the accounts show it.
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check
  CHECK (kind IN ('customer_current', 'ewallet', 'bank_settlement', 'bank_fees', 'bank_suspense', 'bank_clearing', 'bank_dispute_loss'));
INSERT INTO ledger_accounts (id, owner_id, currency, kind, display_name)
SELECT 'acc_sys_dispute_loss_' || lower(c.currency), NULL, c.currency, 'bank_dispute_loss', 'Bank Dispute Loss ' || c.currency
FROM (SELECT DISTINCT currency FROM ledger_accounts WHERE owner_id IS NULL) AS c
ON CONFLICT DO NOTHING;

-- ---- Security incidents ----
-- Status transitions (incidents.types.ts INCIDENT_TRANSITIONS):
--   new         -> in_progress
--   in_progress -> resolved | rejected
--   resolved, rejected: final.
-- Reported by the customer in the app, or recorded by staff from a call (source operator, with
-- who recorded it and the call, if any). The operations the customer points at are at most 20.
CREATE TABLE incidents (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('told_code', 'lost_phone', 'fake_bank_call', 'unknown_operations', 'other')),
  priority text NOT NULL CHECK (priority IN ('high', 'normal')),
  status text NOT NULL CHECK (status IN ('new', 'in_progress', 'resolved', 'rejected')),
  source text NOT NULL CHECK (source IN ('customer', 'operator')),
  recorded_by_staff_id text REFERENCES staff_users (id),
  call_id text,
  description text CHECK (length(description) <= 2000),
  operation_ids text[] NOT NULL DEFAULT '{}' CHECK (cardinality(operation_ids) <= 20),
  owner_staff_id text REFERENCES staff_users (id),
  resolution text CHECK (length(resolution) <= 1000),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK ((source = 'operator') = (recorded_by_staff_id IS NOT NULL)),
  CHECK (source = 'operator' OR call_id IS NULL),
  CHECK ((status IN ('resolved', 'rejected')) = (closed_at IS NOT NULL))
);
CREATE INDEX incidents_queue ON incidents (status, priority, created_at, id);
CREATE INDEX incidents_customer ON incidents (customer_id, created_at DESC, id DESC);

-- The timeline of an incident: its steps and the actions taken from it (sessions ended, a device
-- revoked, a block), each with the staff member who took it.
CREATE TABLE incident_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  incident_id text NOT NULL REFERENCES incidents (id),
  kind text NOT NULL CHECK (kind IN ('reported', 'recorded', 'assigned', 'in_progress', 'resolved', 'rejected', 'action')),
  staff_id text REFERENCES staff_users (id),
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, id);

CREATE TABLE incident_notes (
  id text PRIMARY KEY,
  incident_id text NOT NULL REFERENCES incidents (id),
  staff_id text NOT NULL REFERENCES staff_users (id),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL
);
CREATE INDEX incident_notes_incident ON incident_notes (incident_id, created_at);
