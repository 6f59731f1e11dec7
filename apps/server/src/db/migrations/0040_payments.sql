-- The payment API (issue 15 item 2; modules/acquiring/payments, docs/acquiring-payments.md): what a
-- merchant's buyer sees of it (the DE43 name) and what Kassa charges it (the MDR), the payments,
-- their refunds, and the merchant's Idempotency-Key records.

-- DE43 (ISO 8583 card acceptor name): 1-25 printable ASCII, on the buyer's statement and the
-- checkout. Backfilled from the legal name: Cyrillic transliterated (Russian and Kazakh letters),
-- the legal form's quotes and anything else non-ASCII dropped, spaces collapsed, cut to 25.
ALTER TABLE merchants ADD COLUMN display_name text;
ALTER TABLE merchants ADD COLUMN mdr_bps integer NOT NULL DEFAULT 150 CHECK (mdr_bps BETWEEN 0 AND 1000);
CREATE FUNCTION kassa_0040_de43(legal_name text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  -- Each pair: a Cyrillic letter (Russian and Kazakh, either case) and its Latin spelling; upper()
  -- runs on the ASCII result only, as a C-locale database folds nothing else.
  pairs text[] := ARRAY['щ','shch','ш','sh','ч','ch','ж','zh','ю','yu','я','ya','ц','ts','х','kh','а','a','б','b','в','v',
    'г','g','д','d','е','e','ё','e','з','z','и','i','й','i','к','k','л','l','м','m','н','n','о','o','п','p','р','r','с','s',
    'т','t','у','u','ф','f','ы','y','э','e','ъ','','ь','','ә','a','ғ','g','қ','q','ң','n','ө','o','ұ','u','ү','u','һ','h','і','i',
    'Щ','SHCH','Ш','SH','Ч','CH','Ж','ZH','Ю','YU','Я','YA','Ц','TS','Х','KH','А','A','Б','B','В','V','Г','G','Д','D','Е','E',
    'Ё','E','З','Z','И','I','Й','I','К','K','Л','L','М','M','Н','N','О','O','П','P','Р','R','С','S','Т','T','У','U','Ф','F',
    'Ы','Y','Э','E','Ъ','','Ь','','Ә','A','Ғ','G','Қ','Q','Ң','N','Ө','O','Ұ','U','Ү','U','Һ','H','І','I'];
  name text := legal_name;
  i int := 1;
BEGIN
  WHILE i < array_length(pairs, 1) LOOP
    name := replace(name, pairs[i], pairs[i + 1]);
    i := i + 2;
  END LOOP;
  name := upper(trim(regexp_replace(regexp_replace(name, '[^ -~]', '', 'g'), ' +', ' ', 'g')));
  name := rtrim(left(name, 25));
  RETURN CASE WHEN name = '' THEN 'MERCHANT' ELSE name END;
END
$$;
UPDATE merchants SET display_name = kassa_0040_de43(legal_name);
DROP FUNCTION kassa_0040_de43(text);
ALTER TABLE merchants ALTER COLUMN display_name SET NOT NULL;
ALTER TABLE merchants ADD CONSTRAINT merchants_display_name_de43 CHECK (display_name ~ '^[ -~]{1,25}$' AND display_name = trim(display_name));

-- A payment. Status transitions (payments.state.ts TRANSITIONS, every change through transition()):
--   requires_payment_method -> requires_action | requires_capture | succeeded | failed | canceled
--   requires_action         -> requires_capture | succeeded | failed | canceled
--   requires_capture        -> succeeded | canceled
--   succeeded, failed, canceled: final (refunds do not change the status).
-- pending_step: a money call recorded before it is made (the call runs outside any transaction and
-- is idempotent on its ids), cleared by the transaction that records its result; the sweep finishes
-- steps a crash left. Never a PAN: the card is its brand and last 4 digits.
CREATE TABLE payments (
  id text PRIMARY KEY CHECK (id ~ '^pay_[0-9a-f]{32}$'),
  merchant_id text NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  status text NOT NULL CHECK (status IN ('requires_payment_method', 'requires_action', 'requires_capture', 'succeeded', 'failed', 'canceled')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0 AND amount_minor <= 100000000000),
  currency text NOT NULL CHECK (currency = 'KZT'),
  capture_method text NOT NULL CHECK (capture_method IN ('automatic', 'manual')),
  description text CHECK (char_length(description) <= 500),
  merchant_order_id text CHECK (char_length(merchant_order_id) BETWEEN 1 AND 100),
  return_url text NOT NULL CHECK (char_length(return_url) <= 2048),
  metadata jsonb NOT NULL CHECK (jsonb_typeof(metadata) = 'object' AND octet_length(metadata::text) <= 8192),
  authorised_minor bigint NOT NULL DEFAULT 0 CHECK (authorised_minor >= 0),
  captured_minor bigint NOT NULL DEFAULT 0 CHECK (captured_minor >= 0),
  refunded_minor bigint NOT NULL DEFAULT 0 CHECK (refunded_minor >= 0),
  failure_code text CHECK (char_length(failure_code) <= 64),
  issuer text CHECK (issuer IN ('kassa', 'other', 'sandbox')),
  rrn text CHECK (rrn ~ '^[0-9]{12}$'),
  authorisation_code text CHECK (char_length(authorisation_code) <= 12),
  card_brand text CHECK (char_length(card_brand) <= 20),
  card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$'),
  attempt integer NOT NULL DEFAULT 0 CHECK (attempt BETWEEN 0 AND 10),
  pending_step text CHECK (pending_step IN ('authorise', 'capture', 'release')),
  pending_capture_id text CHECK (pending_capture_id ~ '^cap_[0-9a-f]{32}$'),
  pending_amount_minor bigint CHECK (pending_amount_minor > 0),
  pending_since timestamptz,
  -- The checkout link's token as a keyed hash (HMAC under the keyring); the token itself is in the create answer only.
  checkout_token_hash text NOT NULL CHECK (checkout_token_hash ~ '^[0-9a-f]{64}$'),
  authentication_started_at timestamptz,
  cancellation_reason text CHECK (cancellation_reason IN ('duplicate', 'fraudulent', 'requested_by_customer', 'abandoned')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (captured_minor <= authorised_minor AND refunded_minor <= captured_minor AND authorised_minor <= amount_minor),
  CHECK ((pending_step IS NULL) = (pending_since IS NULL)),
  CHECK ((pending_step = 'capture') = (pending_capture_id IS NOT NULL AND pending_amount_minor IS NOT NULL)),
  CHECK ((status = 'failed') = (failure_code IS NOT NULL))
);
CREATE INDEX payments_merchant ON payments (merchant_id, mode, created_at DESC, id DESC);
CREATE INDEX payments_pending ON payments (pending_since) WHERE pending_step IS NOT NULL;

-- A refund of a payment: pending (recorded before the money call) -> succeeded | failed.
CREATE TABLE payment_refunds (
  id text PRIMARY KEY CHECK (id ~ '^re_[0-9a-f]{32}$'),
  payment_id text NOT NULL REFERENCES payments (id),
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency = 'KZT'),
  failure_code text CHECK (char_length(failure_code) <= 64),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((status = 'failed') = (failure_code IS NOT NULL))
);
CREATE INDEX payment_refunds_payment ON payment_refunds (payment_id, created_at DESC, id DESC);
CREATE INDEX payment_refunds_pending ON payment_refunds (created_at) WHERE status = 'pending';

-- A merchant's Idempotency-Key (SECURITY.md 28), per (merchant, mode, key): the request's hash and,
-- once answered, the answer. response_status 0: claimed, the answer not written yet.
CREATE TABLE payment_idempotency_keys (
  merchant_id text NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  key text NOT NULL CHECK (char_length(key) BETWEEN 1 AND 255),
  request_hash text NOT NULL CHECK (request_hash ~ '^[0-9a-f]{64}$'),
  response_status integer NOT NULL,
  response_body jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (merchant_id, mode, key)
);
CREATE INDEX payment_idempotency_keys_created ON payment_idempotency_keys (created_at);
