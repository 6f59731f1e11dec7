-- 3-D Secure 2 (issue 15 item 4; modules/acs; docs/3ds.md): the bank's access control server and,
-- beside it, the 3-D Secure Server of Kassa the acquirer. Two roles, two tables: each keeps only
-- what its own side of the EMV 3DS 2.2 messages knows. No PAN: the card is its keyed hash (an HMAC
-- under the keyring, as card_network_messages' fingerprint) and first6••••••last4.
--
-- acs_transactions: one authentication as the ACS decided it (AReq -> ARes), and its challenge.
-- trans_status transitions (acs challenge.service.ts; each UPDATE names the state it comes from):
--   C -> Y   the right code within 3 tries and 5 minutes
--   C -> N   3 wrong codes, the challenge expired, or the cardholder cancelled
--   Y, A, N, R, U are final (frictionless Y, or R before any code is sent, are final at insert).
CREATE TABLE acs_transactions (
  acs_trans_id uuid PRIMARY KEY,
  three_ds_server_trans_id uuid NOT NULL UNIQUE,
  ds_trans_id uuid NOT NULL UNIQUE,
  -- Kassa's own card, or a sandbox card of the test double's table (no card row, no SMS).
  issuer text NOT NULL CHECK (issuer IN ('kassa', 'sandbox')),
  card_id text REFERENCES cards (id),
  customer_id text,
  pan_hash text NOT NULL CHECK (pan_hash ~ '^[0-9a-f]{64}$'),
  masked_card text NOT NULL CHECK (masked_card ~ '^[0-9]{6}•{2,9}[0-9]{4}$'),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  -- ISO 4217 numeric (purchaseCurrency) and its exponent, as the AReq carried them.
  currency_numeric text NOT NULL CHECK (currency_numeric ~ '^[0-9]{3}$'),
  currency_exponent smallint NOT NULL CHECK (currency_exponent BETWEEN 0 AND 4),
  merchant_id text NOT NULL CHECK (char_length(merchant_id) BETWEEN 1 AND 35),
  merchant_name text NOT NULL CHECK (char_length(merchant_name) BETWEEN 1 AND 40),
  mcc text NOT NULL CHECK (mcc ~ '^[0-9]{4}$'),
  trans_status text NOT NULL CHECK (trans_status IN ('Y', 'N', 'U', 'A', 'C', 'R')),
  -- EMV transStatusReason (2 digits) and the ACS's own reason, kept for the history and support.
  trans_status_reason text CHECK (trans_status_reason ~ '^[0-9]{2}$'),
  reason text CHECK (char_length(reason) BETWEEN 1 AND 40),
  -- The challenge: where the code went (a Kassa card only), its keyed hash, the tries and time left.
  phone text,
  language text NOT NULL CHECK (language IN ('ru', 'kk', 'en')),
  code_hash text CHECK (code_hash ~ '^[0-9a-f]{64}$'),
  attempts smallint NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 3),
  resends smallint NOT NULL DEFAULT 0 CHECK (resends >= 0),
  expires_at timestamptz,
  resend_available_at timestamptz,
  -- The authentication value (a CAVV-like MAC, base64 of 20 bytes) and its ECI, for Y and A only.
  authentication_value text CHECK (authentication_value ~ '^[A-Za-z0-9+/]{27}=$'),
  eci text CHECK (eci ~ '^[0-9]{2}$'),
  -- The issuer's engine used the value once (the authorisation's DE37), and approved that purchase.
  av_used_at timestamptz,
  av_used_rrn text,
  purchase_approved_at timestamptz,
  -- The RReq was answered by the directory server with an RRes (a challenge's result delivered).
  result_delivered_at timestamptz,
  created_at timestamptz NOT NULL,
  completed_at timestamptz,
  CHECK ((trans_status IN ('Y', 'A')) = (authentication_value IS NOT NULL)),
  CHECK ((trans_status = 'C') = (completed_at IS NULL)),
  CHECK (issuer = 'sandbox' OR card_id IS NOT NULL OR trans_status IN ('N', 'R', 'U')),
  CHECK (av_used_at IS NULL OR authentication_value IS NOT NULL),
  CHECK (purchase_approved_at IS NULL OR av_used_at IS NOT NULL)
);
-- "Has this card paid this merchant before" (the frictionless decision) reads this index.
CREATE INDEX acs_transactions_card_merchant ON acs_transactions (card_id, merchant_id) WHERE purchase_approved_at IS NOT NULL;

-- threeds_server_transactions: the 3-D Secure Server's (Kassa the acquirer's) record of one
-- authentication it asked for, for one payment. result_at is set once: from the ARes (frictionless,
-- R, U) or from the RReq after a challenge, never changed afterwards (one authentication, one result).
CREATE TABLE threeds_server_transactions (
  three_ds_server_trans_id uuid PRIMARY KEY,
  payment_id text NOT NULL CHECK (char_length(payment_id) BETWEEN 1 AND 64),
  acs_trans_id uuid,
  ds_trans_id uuid,
  trans_status text CHECK (trans_status IN ('Y', 'N', 'U', 'A', 'C', 'R')),
  trans_status_reason text CHECK (trans_status_reason ~ '^[0-9]{2}$'),
  eci text CHECK (eci ~ '^[0-9]{2}$'),
  authentication_value text CHECK (authentication_value ~ '^[A-Za-z0-9+/]{27}=$'),
  created_at timestamptz NOT NULL,
  result_at timestamptz,
  CHECK ((result_at IS NULL) = (trans_status IS NULL OR trans_status = 'C'))
);
CREATE INDEX threeds_server_transactions_payment ON threeds_server_transactions (payment_id, created_at);
