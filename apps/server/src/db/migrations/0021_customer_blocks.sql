-- The emergency block (issue 13 item 4; SECURITY.md 6): a lost phone or a SIM that stopped working
-- is reported and everything stops at once: sessions, bound devices, codes, outgoing money.
-- modules/blocks owns the record; sca owns the hold on codes that goes with it.
--
-- customer_blocks: one row per block. Life cycle (blocks.types.ts BLOCK_STATES):
--   active -> unblock requested (by a security officer, the maker) -> lifted (by another one, the checker)
--   an unblock request past its time may be requested again; a lifted block is final.
-- source `self` is the customer on the web without the phone (no staff id); `operator` an
-- operator on an inbound call; `security` a security officer from an incident. The staff ids
-- are the back office's (modules/staff, migration 0020) and are kept as written: the audit log
-- names them too, and a staff member is never deleted.
CREATE TABLE customer_blocks (
  id text PRIMARY KEY CHECK (id ~ '^blk_[0-9a-f]{32}$'),
  customer_id text NOT NULL REFERENCES customers (id),
  source text NOT NULL CHECK (source IN ('self', 'operator', 'security')),
  reason text NOT NULL CHECK (reason IN ('lost_phone', 'sim_stopped', 'compromise', 'fraud_suspected', 'other')),
  -- For staff only (never shown to the customer, never in an SMS).
  note text CHECK (char_length(note) <= 500),
  created_by_staff_id text,
  created_at timestamptz NOT NULL,
  unblock_requested_by_staff_id text,
  unblock_requested_at timestamptz,
  unblock_request_note text CHECK (char_length(unblock_request_note) <= 500),
  lifted_at timestamptz,
  lifted_by_staff_id text,
  -- The customer blocks alone; staff always sign their block.
  CHECK ((source = 'self') = (created_by_staff_id IS NULL)),
  CHECK ((unblock_requested_at IS NULL) = (unblock_requested_by_staff_id IS NULL)),
  CHECK ((lifted_at IS NULL) = (lifted_by_staff_id IS NULL)),
  -- Maker-checker (issue 13 item 10): lifted only after a request, by someone else than its maker.
  CHECK (lifted_at IS NULL OR (unblock_requested_at IS NOT NULL AND lifted_by_staff_id <> unblock_requested_by_staff_id))
);
-- One block in force per customer at a time.
CREATE UNIQUE INDEX customer_blocks_one_active ON customer_blocks (customer_id) WHERE lifted_at IS NULL;
CREATE INDEX customer_blocks_customer ON customer_blocks (customer_id, created_at DESC);

-- sca_code_holds: while a row stands, no one-time code goes to that customer or to that phone
-- (sca/holds.ts), and no code already sent can pass. Written and deleted with the block, in the
-- same transaction; a row is the hold, there is no history here (the audit log has it).
CREATE TABLE sca_code_holds (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  phone text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  reason text NOT NULL CHECK (reason IN ('customer-blocked')),
  held_at timestamptz NOT NULL
);
CREATE INDEX sca_code_holds_phone ON sca_code_holds (phone);

-- The block voids every pending code of the customer at once: found by customer, not by phone.
CREATE INDEX sca_challenges_pending_customer ON sca_challenges (customer_id) WHERE status = 'pending';
