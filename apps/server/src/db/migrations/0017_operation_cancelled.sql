-- A transfer awaiting its code can be cancelled by the customer (issue 12 item 4): a new final
-- state, `cancelled`, reached only from `awaiting_confirmation`. No money has moved by then (a
-- waiting operation holds nothing and counts toward no limit), so nothing is undone; the code's
-- challenge is voided in the same transaction (operations/cancel.ts). A cancelled operation has
-- no decline reason: the customer chose it, the bank refused nothing.
--
-- Life cycle (operations.types.ts OPERATION_TRANSITIONS, enforced by the trigger below):
--   created               -> awaiting_confirmation | completed | sent | declined
--   awaiting_confirmation -> completed | sent | declined | expired | cancelled
--   completed, sent, declined, expired, cancelled: final.
ALTER TABLE operations DROP CONSTRAINT operations_status_check;
ALTER TABLE operations ADD CONSTRAINT operations_status_check
  CHECK (status IN ('created', 'awaiting_confirmation', 'completed', 'sent', 'declined', 'expired', 'cancelled'));

CREATE OR REPLACE FUNCTION operations_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.status, NEW.status) IN (
    ('created', 'awaiting_confirmation'), ('created', 'completed'), ('created', 'sent'), ('created', 'declined'),
    ('awaiting_confirmation', 'completed'), ('awaiting_confirmation', 'sent'), ('awaiting_confirmation', 'declined'),
    ('awaiting_confirmation', 'expired'), ('awaiting_confirmation', 'cancelled')
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'operation %: % -> % is not a step of the operation life cycle', OLD.id, OLD.status, NEW.status
    USING ERRCODE = 'check_violation';
END
$$;
