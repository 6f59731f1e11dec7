-- One maker-checker (issue 13 item 10): unblocking a customer is an approval request of kind
-- `unblock` (modules/approvals, approval_requests, subject the block's id), decided by another
-- security officer; its executor lifts the block in the decision's transaction. The block row no
-- longer carries a maker-checker of its own.
--
-- customer_blocks keeps its lift (lifted_at, lifted_by_staff_id: the checker) and names the
-- approval that lifted it. The columns of the old request (unblock_requested_by_staff_id,
-- unblock_requested_at, unblock_request_note) are kept, not dropped: rows lifted before this
-- migration have their maker there and nowhere else but the audit log. Nothing writes them now.
ALTER TABLE customer_blocks ADD COLUMN lifted_by_approval_id text REFERENCES approval_requests (id);

-- The CHECKs of migration 0021 that tied a lift to the row's own request were not named; they are
-- found by what they say. The one left holds the two columns of a request together, for old rows.
DO $$
DECLARE
  name text;
BEGIN
  FOR name IN
    SELECT conname FROM pg_constraint
    WHERE conrelid = 'customer_blocks'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%lifted_at IS NULL%unblock_requested_at IS NOT NULL%'
  LOOP
    EXECUTE format('ALTER TABLE customer_blocks DROP CONSTRAINT %I', name);
  END LOOP;
END $$;

-- A lift names its approval, or is an old one with its own request (maker and checker apart).
-- An old request left pending on a block in force stays as it was; it lifts nothing any more.
ALTER TABLE customer_blocks ADD CONSTRAINT customer_blocks_lift_approved CHECK (
  lifted_at IS NULL
  OR lifted_by_approval_id IS NOT NULL
  OR (unblock_requested_at IS NOT NULL AND lifted_by_staff_id <> unblock_requested_by_staff_id)
);
-- An approval lifts at most one block.
CREATE UNIQUE INDEX customer_blocks_lifted_by_approval ON customer_blocks (lifted_by_approval_id) WHERE lifted_by_approval_id IS NOT NULL;
-- The staff's list of blocks in force, newest first (blocks.staff-routes.ts).
CREATE INDEX customer_blocks_active ON customer_blocks (created_at DESC, id DESC) WHERE lifted_at IS NULL;
