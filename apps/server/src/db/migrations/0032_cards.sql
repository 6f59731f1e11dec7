-- Cards (issue 14 items 1, 4, 5; modules/cards): virtual and single-use debit cards on a
-- customer's account, their controls and internet limits, the day counters of internet spending,
-- the requests to raise a limit (confirmed by a code) and the log of details shown after a code.
--
-- No PAN and no CVC2 here, nor anywhere: the PAN is the vault's (migration 0031, modules/cards/vault),
-- named by its vault id; the masked parts (first 6, last 4) are all a card row shows. The CVC2 is
-- computed from the PAN, the expiry and the card-verification key when it is needed, never stored.

-- cards: one row per card. Status transitions (cards.types.ts CARD_TRANSITIONS; each UPDATE names
-- the states it may come from, so any other step changes no row):
--   active -> frozen | closed | expired
--   frozen -> active | closed | expired
--   closed, expired: final.
-- `expired` is also read from the date (expiry month passed) before the row says so: a card is
-- never usable after its expiry, whether or not a write has caught up with it.
-- The currency is the account's: a card spends from that account only.
CREATE TABLE cards (
  id text PRIMARY KEY CHECK (id ~ '^crd_[0-9a-f]{32}$'),
  customer_id text NOT NULL REFERENCES customers (id),
  account_id text NOT NULL REFERENCES ledger_accounts (id),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  -- The PAN's row in the vault; only the vault reads it (integrity only, no join reaches it).
  vault_id text NOT NULL UNIQUE REFERENCES card_vault_pans (id),
  first6 text NOT NULL CHECK (first6 ~ '^[0-9]{6}$'),
  last4 text NOT NULL CHECK (last4 ~ '^[0-9]{4}$'),
  expiry_month smallint NOT NULL CHECK (expiry_month BETWEEN 1 AND 12),
  expiry_year smallint NOT NULL CHECK (expiry_year BETWEEN 2000 AND 2099),
  -- ICAO 9303 Latin letters, as embossed: upper case, spaces, hyphens, apostrophes; 26 at most.
  cardholder_name text NOT NULL CHECK (cardholder_name ~ '^[A-Z][A-Z ''-]{0,25}$'),
  kind text NOT NULL CHECK (kind IN ('virtual', 'single_use')),
  product_name text NOT NULL CHECK (char_length(product_name) BETWEEN 1 AND 60),
  status text NOT NULL CHECK (status IN ('active', 'frozen', 'closed', 'expired')),
  -- Why a card closed: the customer, or a single-use card after its first approved purchase.
  close_reason text CHECK (close_reason IN ('customer', 'single_use_spent')),
  -- The customer's Idempotency-Key of the issuing request and a hash of its body (a retry
  -- answers the same card; the same key with another body is refused).
  idempotency_key text NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 255),
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz,
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK ((status = 'closed') = (close_reason IS NOT NULL)),
  CHECK (close_reason <> 'single_use_spent' OR kind = 'single_use')
);
CREATE UNIQUE INDEX cards_idempotency ON cards (customer_id, idempotency_key);
CREATE INDEX cards_customer ON cards (customer_id, created_at DESC, id DESC);

-- The controls the customer sets in one tap, one row per card, written with the card. Limits are
-- for internet payments, in the card's currency; `unlimited_until` is "no limit for a while":
-- until that instant the limits do not apply, after it they do again (read by the time, no job).
CREATE TABLE card_controls (
  card_id text PRIMARY KEY REFERENCES cards (id),
  internet_enabled boolean NOT NULL,
  contactless_enabled boolean NOT NULL,
  cash_enabled boolean NOT NULL,
  per_operation_minor bigint NOT NULL CHECK (per_operation_minor >= 0),
  per_day_minor bigint NOT NULL CHECK (per_day_minor >= 0),
  per_month_minor bigint NOT NULL CHECK (per_month_minor >= 0),
  unlimited_until timestamptz,
  updated_at timestamptz NOT NULL,
  CHECK (per_operation_minor <= per_day_minor AND per_day_minor <= per_month_minor)
);

-- Internet spending per card and bank calendar day (BANK_TIME_ZONE), counted by cards'
-- chargeInternetSpend when the authorisation engine approves a purchase (and given back on a
-- reversal); the month is the sum of its days. cards owns the counting, so the limits are
-- checked and counted in one place, under the card's row lock.
CREATE TABLE card_internet_days (
  card_id text NOT NULL REFERENCES cards (id),
  day date NOT NULL,
  spent_minor bigint NOT NULL CHECK (spent_minor >= 0),
  PRIMARY KEY (card_id, day)
);

-- A raise of the internet limits above the default, or "no limit for N days", waiting for its
-- code (sca purpose card_limit, bound to the card and the values asked). Lowering needs none and
-- never comes here. Status: pending -> applied | void (a failed or superseded code).
CREATE TABLE card_limit_requests (
  id text PRIMARY KEY CHECK (id ~ '^clr_[0-9a-f]{32}$'),
  card_id text NOT NULL REFERENCES cards (id),
  customer_id text NOT NULL REFERENCES customers (id),
  challenge_id text NOT NULL UNIQUE,
  per_operation_minor bigint CHECK (per_operation_minor >= 0),
  per_day_minor bigint CHECK (per_day_minor >= 0),
  per_month_minor bigint CHECK (per_month_minor >= 0),
  unlimited_days integer CHECK (unlimited_days BETWEEN 1 AND 366),
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'void')),
  created_at timestamptz NOT NULL,
  decided_at timestamptz,
  -- Either new limits or a period without them, never both.
  CHECK ((unlimited_days IS NULL) = (per_operation_minor IS NOT NULL AND per_day_minor IS NOT NULL AND per_month_minor IS NOT NULL)),
  CHECK ((status = 'pending') = (decided_at IS NULL))
);
CREATE INDEX card_limit_requests_card ON card_limit_requests (card_id) WHERE status = 'pending';

-- The log of card details shown (issue 14 item 4): each request for a code (sca purpose
-- card_reveal, bound to the card) and, once the code passed, when the details were shown. What
-- was shown is in no row: it is computed for the answer and forgotten.
-- Status: requested -> revealed | void.
CREATE TABLE card_reveals (
  id text PRIMARY KEY CHECK (id ~ '^crv_[0-9a-f]{32}$'),
  card_id text NOT NULL REFERENCES cards (id),
  customer_id text NOT NULL REFERENCES customers (id),
  challenge_id text NOT NULL UNIQUE,
  status text NOT NULL CHECK (status IN ('requested', 'revealed', 'void')),
  requested_at timestamptz NOT NULL,
  revealed_at timestamptz,
  CHECK ((status = 'revealed') = (revealed_at IS NOT NULL))
);
CREATE INDEX card_reveals_card ON card_reveals (card_id, requested_at DESC);
