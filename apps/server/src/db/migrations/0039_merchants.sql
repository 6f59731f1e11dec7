-- Merchants and their API keys (issue 15 item 1; modules/acquiring): the businesses that take card
-- payments through Kassa's payment API, created by staff in the back office.
--
-- merchants: one row per legal entity. Status transitions (acquiring merchants.types.ts
-- MERCHANT_TRANSITIONS; each UPDATE names the state it may come from):
--   active -> suspended
--   suspended -> active
-- A suspended merchant's keys authenticate nothing; its rows stay (payments will point at them).
CREATE TABLE merchants (
  id text PRIMARY KEY CHECK (id ~ '^mch_[0-9a-f]{32}$'),
  legal_name text NOT NULL CHECK (char_length(legal_name) BETWEEN 1 AND 200),
  -- The business identification number (KAZAKHSTAN.md): 12 digits, checked by the service.
  bin text NOT NULL UNIQUE CHECK (bin ~ '^[0-9]{12}$'),
  -- ISO 18245 merchant category code.
  mcc text NOT NULL CHECK (mcc ~ '^[0-9]{4}$'),
  -- Where payouts go: a KZ IBAN in its electronic form (ISO 13616, checked by the service).
  settlement_iban text NOT NULL CHECK (settlement_iban ~ '^KZ[0-9]{2}[0-9A-Z]{16}$'),
  -- The origins a payment's return URL may be on (https://shop.kz; http://localhost outside production).
  return_origins text[] NOT NULL CHECK (cardinality(return_origins) BETWEEN 1 AND 10),
  status text NOT NULL CHECK (status IN ('active', 'suspended')),
  status_reason text CHECK (char_length(status_reason) <= 500),
  -- Which keys may authenticate: test keys reach only the sandbox, live keys move money.
  test_mode_enabled boolean NOT NULL,
  live_mode_enabled boolean NOT NULL,
  created_by_staff_id text NOT NULL REFERENCES staff_users (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (test_mode_enabled OR live_mode_enabled)
);
CREATE INDEX merchants_created ON merchants (created_at DESC, id DESC);

-- API keys: `sk_test_…` / `sk_live_…`, shown once at creation. Only a keyed hash (HMAC under the
-- keyring, SECURITY.md 35) and the first characters for display are kept. Several may be active at
-- once (rotation). Status: active -> revoked (final).
CREATE TABLE merchant_api_keys (
  id text PRIMARY KEY CHECK (id ~ '^mkey_[0-9a-f]{32}$'),
  merchant_id text NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  key_hash text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
  key_prefix text NOT NULL CHECK (key_prefix ~ '^sk_(test|live)_[A-Za-z0-9_-]{4}$'),
  label text CHECK (char_length(label) BETWEEN 1 AND 100),
  status text NOT NULL CHECK (status IN ('active', 'revoked')),
  created_by_staff_id text NOT NULL REFERENCES staff_users (id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by_staff_id text REFERENCES staff_users (id),
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL)),
  CHECK (key_prefix LIKE 'sk_' || mode || '_%')
);
CREATE INDEX merchant_api_keys_merchant ON merchant_api_keys (merchant_id, created_at DESC, id DESC);
