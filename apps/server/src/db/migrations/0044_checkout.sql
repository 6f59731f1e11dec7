-- The hosted checkout (issue 15 item 3; modules/acquiring/checkout, docs/acquiring-payments.md).

-- A card the buyer typed, held by the vault between the typing and the authorisation while the
-- 3-D Secure challenge runs (minutes at most): number, expiry and CVC2 sealed under CARD_KEK, bound
-- to the row's id, gone after the authorisation (or when it expires, by the retention pass). The
-- vault's only copy of a number that is not a Kassa card; the CVC2 is never kept past the
-- authorisation (PCI DSS 3.3.1).
CREATE TABLE card_vault_held_cards (
  id text PRIMARY KEY CHECK (id ~ '^hcd_[0-9a-f]{32}$'),
  sealed text NOT NULL CHECK (char_length(sealed) BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX card_vault_held_cards_expiry ON card_vault_held_cards (expires_at);

-- The checkout's 3-D Secure challenge of a payment: which authentication, which held card, and the
-- Idempotency-Key of the page's submission, so a repeated submit answers as the first did.
CREATE TABLE payment_authentications (
  payment_id text PRIMARY KEY REFERENCES payments (id),
  three_ds_server_trans_id uuid NOT NULL,
  acs_trans_id uuid NOT NULL,
  held_card_id text NOT NULL CHECK (held_card_id ~ '^hcd_[0-9a-f]{32}$'),
  created_at timestamptz NOT NULL
);

CREATE TABLE payment_checkout_submissions (
  payment_id text NOT NULL REFERENCES payments (id),
  idempotency_key text NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (payment_id, idempotency_key)
);
