-- The issuer's authorisation engine (issue 14 item 6; modules/card-network, docs/card-network.md):
-- the messages a card network sends (authorisation, advice, reversal, clearing) and the card
-- purchases they make, which are operations of kind card.purchase in the customer's history.
--
-- No PAN, no CVC2 and no unkeyed hash of either in any column here: a message is named by its
-- network and retrieval reference number (DE37), the card by its id, and a message's fingerprint
-- is an HMAC under SECRET_KEY (a plain SHA-256 of a body that holds a PAN is a hash of the PAN:
-- with the BIN and the Luhn digit known, a few hundred million guesses find it; PCI DSS 3.5.1).

-- operations: the kind card.purchase, and the two states a purchase needs beside the others.
--   authorised: approved, the money held on the account (a ledger hold), not yet debited.
--   reversed:   the hold was voided (the merchant's reversal, or no clearing within the hold's
--               days): nothing was debited. Final; no decline reason (the bank refused nothing).
-- Life cycle (operations.types.ts OPERATION_TRANSITIONS, enforced by the trigger below):
--   created               -> awaiting_confirmation | authorised | completed | sent | declined
--   awaiting_confirmation -> completed | sent | declined | expired | cancelled
--   authorised            -> completed (cleared) | reversed
--   completed, sent, declined, expired, cancelled, reversed: final.
ALTER TABLE operations DROP CONSTRAINT operations_kind_check;
ALTER TABLE operations ADD CONSTRAINT operations_kind_check
  CHECK (kind IN ('transfer.own', 'transfer.phone', 'transfer.iban', 'refund.dispute', 'card.purchase'));

ALTER TABLE operations DROP CONSTRAINT operations_status_check;
ALTER TABLE operations ADD CONSTRAINT operations_status_check
  CHECK (status IN ('created', 'awaiting_confirmation', 'authorised', 'completed', 'sent', 'declined', 'expired', 'cancelled', 'reversed'));

CREATE OR REPLACE FUNCTION operations_status_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (OLD.status, NEW.status) IN (
    ('created', 'awaiting_confirmation'), ('created', 'authorised'), ('created', 'completed'), ('created', 'sent'),
    ('created', 'declined'),
    ('awaiting_confirmation', 'completed'), ('awaiting_confirmation', 'sent'), ('awaiting_confirmation', 'declined'),
    ('awaiting_confirmation', 'expired'), ('awaiting_confirmation', 'cancelled'),
    ('authorised', 'completed'), ('authorised', 'reversed')
  ) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'operation %: % -> % is not a step of the operation life cycle', OLD.id, OLD.status, NEW.status
    USING ERRCODE = 'check_violation';
END
$$;

-- Every message a network sent and was answered, by its network, kind, DE37 and DE11: a retry of
-- one (the same RRN and STAN, the same body) is answered with the stored answer and changes
-- nothing; the same RRN and STAN with another body is answered 94 (duplicate transmission), and so
-- is a second purchase (authorisation or advice) under a DE37 that already has one. A reversal or
-- a clearing refused (a wrong amount) may come again under its purchase's DE37 with a new DE11.
-- A message refused before it
-- was authenticated (a bad signature, a stale time, an unknown key) is in no row: it is audited.
-- Unknown cards (14) are here only: no customer has them in a history.
CREATE TABLE card_network_messages (
  network text NOT NULL CHECK (network ~ '^[a-z0-9-]{1,32}$'),
  message_type text NOT NULL CHECK (message_type IN ('authorisation', 'advice', 'reversal', 'clearing')),
  rrn text NOT NULL CHECK (rrn ~ '^[0-9A-Za-z]{12}$'),
  stan text NOT NULL CHECK (stan ~ '^[0-9]{6}$'),
  key_id text NOT NULL,
  -- HMAC-SHA256 under SECRET_KEY of the body as received, with the id of the key ("k1:…").
  fingerprint text NOT NULL,
  response_code text NOT NULL CHECK (response_code ~ '^[0-9A-Z]{2}$'),
  -- The answer as first sent (masked PAN only), replayed to a retry.
  response jsonb NOT NULL,
  card_id text,
  operation_id text,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (network, message_type, rrn, stan)
);

-- A card purchase: the detail row of its operation (kind card.purchase), with the network's
-- identifiers, the merchant as the network named it, and the hold. One per (network, RRN).
-- Status (authorisation.types.ts AUTHORISATION_TRANSITIONS; each UPDATE names its from-state):
--   approved -> cleared | reversed | expired
--   declined, cleared, reversed, expired: final.
-- The operation follows: approved = authorised, cleared = completed, reversed and expired = reversed.
CREATE TABLE card_authorisations (
  operation_id text PRIMARY KEY REFERENCES operations (id),
  network text NOT NULL,
  rrn text NOT NULL,
  stan text NOT NULL,
  card_id text NOT NULL REFERENCES cards (id),
  customer_id text NOT NULL,
  account_id text NOT NULL,
  -- How the message came: an authorisation request (0100) or the network's advice (0120) of a
  -- decision it took for the bank (stand-in).
  source text NOT NULL CHECK (source IN ('authorisation', 'advice')),
  status text NOT NULL CHECK (status IN ('approved', 'declined', 'cleared', 'reversed', 'expired')),
  response_code text NOT NULL CHECK (response_code ~ '^[0-9A-Z]{2}$'),
  -- DE38, given with an approval only.
  authorisation_code text CHECK (authorisation_code ~ '^[0-9A-Z]{6}$'),
  hold_id text UNIQUE,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  cleared_amount_minor bigint CHECK (cleared_amount_minor > 0 AND cleared_amount_minor <= amount_minor),
  -- The internet spending counted on the card's day counters (cards) at the approval, given back
  -- on a reversal or an expiry: 0 for a purchase that was not made on the internet.
  internet_counted_minor bigint NOT NULL CHECK (internet_counted_minor >= 0),
  channel text NOT NULL CHECK (channel IN ('ecommerce', 'contactless', 'card_present')),
  pos_entry_mode text NOT NULL CHECK (pos_entry_mode ~ '^[0-9]{3}$'),
  mcc text NOT NULL CHECK (mcc ~ '^[0-9]{4}$'),
  merchant_id text NOT NULL CHECK (char_length(merchant_id) BETWEEN 1 AND 15),
  merchant_name text NOT NULL CHECK (char_length(merchant_name) BETWEEN 1 AND 25),
  merchant_city text CHECK (char_length(merchant_city) <= 13),
  merchant_country text CHECK (merchant_country ~ '^[A-Z]{2}$'),
  terminal_id text CHECK (char_length(terminal_id) <= 8),
  authorised_at timestamptz NOT NULL,
  hold_expires_at timestamptz,
  resolved_at timestamptz,
  UNIQUE (network, rrn),
  CHECK ((status = 'declined') = (hold_id IS NULL)),
  CHECK ((status = 'declined') = (authorisation_code IS NULL)),
  CHECK ((status IN ('approved', 'declined')) = (resolved_at IS NULL)),
  CHECK ((status = 'cleared') = (cleared_amount_minor IS NOT NULL)),
  CHECK (status = 'declined' OR hold_expires_at IS NOT NULL)
);
-- The expiry sweep (card-network/holds-expiry.ts) reads the oldest approved holds past their time.
CREATE INDEX card_authorisations_expiring ON card_authorisations (hold_expires_at) WHERE status = 'approved';
CREATE INDEX card_authorisations_card ON card_authorisations (card_id, authorised_at DESC);
