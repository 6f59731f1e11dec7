-- The card-data vault (issue 14 item 2; SECURITY.md 18-20; PCI DSS 3.4.1, 3.5.1, 3.6.1;
-- docs/card-vault.md), owned by modules/cards/vault and named by no other module's SQL.
--
-- The key hierarchy: CARD_KEK (configuration, never in the database) wraps the data keys kept
-- here; a data key encrypts PANs. A PAN is kept encrypted (AES-256-GCM, bound to its vault id) with
-- an HMAC-SHA256 of it for look-ups, under the look-up key, itself a data key wrapped by CARD_KEK.
-- No plaintext PAN, and no CVC2 (or PIN, or track data) in any column, here or anywhere: the CVC2
-- is computed from the PAN, the expiry and CARD_CVK when it is needed, and forgotten.

-- Data keys: 32 random bytes each, stored only wrapped (AES-256-GCM under an HKDF sub-key of the
-- CARD_KEK key named by kek_id, the key's id and purpose as associated data).
--   purpose pan-encryption: one current key (retired_at NULL) encrypts new PANs; the vault retires
--     it and makes the next after PANS_PER_DATA_KEY_MAX PANs or DATA_KEY_AGE_DAYS_MAX days
--     (vault/data-keys.ts). A retired key stays, to decrypt the PANs it encrypted.
--   purpose pan-lookup: the one key of the look-up HMAC, made once and never retired: a new one
--     would change every PAN's HMAC (docs/card-vault.md, "The look-up HMAC").
-- cards:rotate-key re-wraps rows under an older kek_id with the current one: kek_id, wrap_iv,
-- wrapped_key and wrap_tag change together, rewrapped_at says when; the key inside never changes.
CREATE TABLE card_vault_data_keys (
  id text PRIMARY KEY CHECK (id ~ '^vdk_[0-9a-f]{32}$'),
  purpose text NOT NULL CHECK (purpose IN ('pan-encryption', 'pan-lookup')),
  kek_id text NOT NULL CHECK (kek_id ~ '^[a-z0-9-]{1,16}$'),
  wrap_iv bytea NOT NULL CHECK (octet_length(wrap_iv) = 12),
  wrapped_key bytea NOT NULL CHECK (octet_length(wrapped_key) = 32),
  wrap_tag bytea NOT NULL CHECK (octet_length(wrap_tag) = 16),
  -- The value of card_vault_pan_seq when the key became current: the PANs it encrypted are at
  -- most the sequence's progress since (the rotation rule counts without a counter row to lock).
  pan_seq_start bigint CHECK (pan_seq_start >= 0),
  created_at timestamptz NOT NULL,
  retired_at timestamptz,
  rewrapped_at timestamptz,
  CHECK ((purpose = 'pan-encryption') = (pan_seq_start IS NOT NULL)),
  CHECK (purpose = 'pan-encryption' OR retired_at IS NULL),
  CHECK (retired_at IS NULL OR retired_at >= created_at)
);
-- One current key per purpose: two servers that rotate at once cannot both make one.
CREATE UNIQUE INDEX card_vault_data_keys_current ON card_vault_data_keys (purpose) WHERE retired_at IS NULL;
-- cards:rotate-key and the start-up check find the keys by the KEK that wraps them.
CREATE INDEX card_vault_data_keys_kek ON card_vault_data_keys (kek_id, id);

-- Counts the PANs encrypted (a sequence, so counting takes no lock); gaps only rotate a key sooner.
CREATE SEQUENCE card_vault_pan_seq;

-- PANs. ciphertext is the PAN's ASCII digits under the data key (so its length is the PAN's, 12
-- to 19), with the vault id as associated data: a ciphertext copied onto another row does not
-- open there. pan_hmac is unique: one PAN, one vault id (issuing retries a number already taken).
-- first6 and last4 are what PCI DSS 3.4.1 lets anyone see; the cards keep their own copy.
CREATE TABLE card_vault_pans (
  id text PRIMARY KEY CHECK (id ~ '^vlt_[0-9a-f]{32}$'),
  data_key_id text NOT NULL REFERENCES card_vault_data_keys (id),
  iv bytea NOT NULL CHECK (octet_length(iv) = 12),
  ciphertext bytea NOT NULL CHECK (octet_length(ciphertext) BETWEEN 12 AND 19),
  tag bytea NOT NULL CHECK (octet_length(tag) = 16),
  pan_hmac bytea NOT NULL UNIQUE CHECK (octet_length(pan_hmac) = 32),
  first6 text NOT NULL CHECK (first6 ~ '^[0-9]{6}$'),
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  created_at timestamptz NOT NULL
);
CREATE INDEX card_vault_pans_data_key ON card_vault_pans (data_key_id);
