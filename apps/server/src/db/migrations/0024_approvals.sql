-- Maker-checker requests for the risky staff actions (issue 13 item 10, modules/approvals): one
-- staff member asks (the maker, with a reason), another decides (the checker). An approval runs the
-- kind's executor in the same transaction as the decision, so a request is executed exactly once.
--
-- Status transitions (approvals.types.ts APPROVAL_TRANSITIONS): pending -> approved | rejected |
-- expired; the three others are final. The checker and decided_at come with approved or rejected,
-- the executor's result with approved, expired_at with expired. A request is evidence of a staff
-- action, like the audit log: it has no retention window and is never purged.
CREATE TABLE approval_requests (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('unblock', 'limit_raise', 'refund_above_threshold', 'role_change')),
  -- A customer id, a staff id or a case id, by kind (approvals.types.ts APPROVAL_SUBJECTS).
  subject_id text NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 64),
  -- The customer the request is about, when there is one (the subject itself, or a case's customer):
  -- the audit rows of the request and its decision carry it, so the customer's trail shows them.
  customer_id text REFERENCES customers (id),
  payload jsonb NOT NULL,
  maker_staff_id text NOT NULL REFERENCES staff_users (id),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'expired')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
  checker_staff_id text REFERENCES staff_users (id),
  decided_at timestamptz,
  decision_note text CHECK (length(decision_note) <= 500),
  expired_at timestamptz,
  result jsonb,
  CHECK ((status IN ('approved', 'rejected')) = (checker_staff_id IS NOT NULL)),
  CHECK ((status IN ('approved', 'rejected')) = (decided_at IS NOT NULL)),
  CHECK ((status = 'expired') = (expired_at IS NOT NULL)),
  CHECK ((status = 'approved') = (result IS NOT NULL)),
  -- Four eyes: whoever asked never decides (the service refuses it first, and audits the attempt).
  CHECK (checker_staff_id <> maker_staff_id)
);
-- One open request per kind and subject: a second unblock of the same customer waits for the first.
CREATE UNIQUE INDEX approval_requests_one_pending ON approval_requests (kind, subject_id) WHERE status = 'pending';
-- The queue (by status, oldest first) and the expiry sweep.
CREATE INDEX approval_requests_queue ON approval_requests (status, created_at, id);
CREATE INDEX approval_requests_expiry ON approval_requests (expires_at) WHERE status = 'pending';

-- The audit viewer (modules/audit) filters by the staff member who acted, whom every staff event
-- names as details.staffId: newest first, like audit_events_customer for the customer column.
CREATE INDEX audit_events_staff ON audit_events ((details ->> 'staffId'), seq DESC);
