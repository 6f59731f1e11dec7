-- Delivery receipts for SMS sent over SMPP (issue 17 item 1; notifications/smpp/, docs/sms-smpp.md).
-- The outbox status says whether the message left Kassa (pending -> delivered | dead); an SMS the
-- SMSC accepted also has a status of its own, set from its receipts:
--   sent (the SMSC answered submit_sm_resp with message ids) -> delivered | failed.
-- failed is final; delivered may still turn failed when a later part of a long message fails.
-- Other adapters give no message ids: their rows keep these columns NULL.
ALTER TABLE outbox_messages
  ADD COLUMN provider_message_ids text[],
  ADD COLUMN sms_delivery_status text CHECK (sms_delivery_status IN ('sent', 'delivered', 'failed')),
  ADD COLUMN delivery_receipt_stat text,
  ADD COLUMN delivery_receipt_at timestamptz;

-- Receipts find their row by any part's message id.
CREATE INDEX outbox_messages_provider_ids ON outbox_messages USING gin (provider_message_ids);
