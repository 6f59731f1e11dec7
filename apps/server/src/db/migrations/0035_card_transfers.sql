-- Transfers by card number (issue 14 item 7; modules/transfers by-card.ts, card-send.ts).
--   transfer.card:        to a card number: a Kassa card (credited at once to the card's account)
--                         or another bank's card (sent through the card-network port, status sent);
--   refund.card_transfer: the money of a transfer to another bank's card coming back from the
--                         bank's clearing account when that card's network declined the credit.
ALTER TABLE operations DROP CONSTRAINT operations_kind_check;
ALTER TABLE operations ADD CONSTRAINT operations_kind_check
  CHECK (kind IN ('transfer.own', 'transfer.phone', 'transfer.iban', 'refund.dispute', 'card.purchase', 'transfer.card',
                  'refund.card_transfer'));

-- What only a transfer by card number has. Never the PAN in clear (PCI DSS 3.5.1): a Kassa card by
-- its card id (the vault keeps its number), another bank's card by first6/last4 and an HMAC under
-- SECRET_KEY (pan_hmac: tells two transfers to one card apart without the number). The number of
-- another bank's card is needed once more after the customer's code, to send the credit, so it is
-- kept sealed (AES-256-GCM under SECRET_KEY, bound to the operation id) until then and wiped when
-- the credit is sent (pan_sealed NULL).
CREATE TABLE card_transfer_details (
  operation_id text PRIMARY KEY REFERENCES operations (id),
  card_id text,
  pan_first6 text NOT NULL CHECK (pan_first6 ~ '^[0-9]{6}$'),
  pan_last4 text NOT NULL CHECK (pan_last4 ~ '^[0-9]{4}$'),
  pan_hmac text NOT NULL CHECK (pan_hmac ~ '^[0-9a-f]{64}$'),
  pan_sealed text,
  -- The network's answer to the original credit (another bank's card only).
  network_rrn text CHECK (network_rrn ~ '^[0-9]{12}$'),
  network_stan text CHECK (network_stan ~ '^[0-9]{6}$'),
  network_response_code text CHECK (network_response_code ~ '^[0-9A-Z]{2}$'),
  network_authorisation_code text CHECK (network_authorisation_code ~ '^[0-9A-Z]{6}$'),
  network_sent_at timestamptz,
  refund_operation_id text REFERENCES operations (id),
  -- A Kassa card has no sealed number and sends nothing; another bank's card has no card id.
  CHECK (card_id IS NULL OR (pan_sealed IS NULL AND network_sent_at IS NULL)),
  CHECK ((network_sent_at IS NULL) = (network_response_code IS NULL))
);
