-- Merchant webhooks (issue 15 item 6; modules/acquiring/webhooks, docs/acquiring-webhooks.md): the
-- merchant's endpoints, the events of its payments, and one delivery per event and endpoint. An
-- event and its deliveries are written in the transaction of the state change they report (the
-- outbox), and a worker POSTs them after commit, signed, at least once.

-- An endpoint: an https URL of the merchant (http://127.0.0.1 / localhost outside production only,
-- checked by the service), in one mode. The signing secret (`whsec_…`) is shown once at creation and
-- kept sealed under the keyring (AES-256-GCM, bound to the endpoint's id), because signing needs it
-- back; a disabled endpoint signs nothing again, so its secret is erased (SECURITY.md 35).
-- Status: enabled -> disabled (final: the merchant deleted it).
CREATE TABLE merchant_webhook_endpoints (
  id text PRIMARY KEY CHECK (id ~ '^we_[0-9a-f]{32}$'),
  merchant_id text NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  url text NOT NULL CHECK (char_length(url) BETWEEN 8 AND 2048 AND url ~ '^https?://'),
  description text CHECK (char_length(description) BETWEEN 1 AND 200),
  -- The event types it takes; '{*}' for every type.
  enabled_events text[] NOT NULL CHECK (cardinality(enabled_events) BETWEEN 1 AND 32),
  secret_sealed text CHECK (secret_sealed LIKE 'ks1.%'),
  secret_prefix text NOT NULL CHECK (secret_prefix ~ '^whsec_[A-Za-z0-9_-]{4}$'),
  status text NOT NULL CHECK (status IN ('enabled', 'disabled')),
  created_at timestamptz NOT NULL,
  disabled_at timestamptz,
  CHECK ((status = 'disabled') = (disabled_at IS NOT NULL)),
  CHECK ((status = 'enabled') = (secret_sealed IS NOT NULL))
);
CREATE INDEX merchant_webhook_endpoints_merchant ON merchant_webhook_endpoints (merchant_id, mode, created_at DESC, id DESC);

-- An event: what happened to one of the merchant's objects, with the object's public view as it was
-- (data). Immutable once written; the merchant de-duplicates deliveries by its id.
CREATE TABLE merchant_events (
  id text PRIMARY KEY CHECK (id ~ '^evt_[0-9a-f]{32}$'),
  merchant_id text NOT NULL REFERENCES merchants (id),
  mode text NOT NULL CHECK (mode IN ('test', 'live')),
  type text NOT NULL CHECK (type ~ '^[a-z_]{1,40}(\.[a-z_]{1,40}){1,3}$'),
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  created_at timestamptz NOT NULL
);
CREATE INDEX merchant_events_merchant ON merchant_events (merchant_id, mode, created_at DESC, id DESC);
CREATE INDEX merchant_events_created ON merchant_events (created_at);

-- A delivery of an event to an endpoint. Status transitions (webhooks.types.ts DELIVERY_TRANSITIONS):
--   pending -> delivered   (a 2xx answer)
--   pending -> failed      (attempts spent, ~3 days of backoff, or the endpoint was disabled)
--   delivered | failed -> pending   (the merchant asked for a redelivery)
-- A worker claims a due delivery for a lease (locked_until) under a claim id; only the claim that is
-- still current may record the outcome, so a redelivery during an attempt is not overwritten.
CREATE TABLE merchant_webhook_deliveries (
  id text PRIMARY KEY CHECK (id ~ '^whd_[0-9a-f]{32}$'),
  event_id text NOT NULL REFERENCES merchant_events (id) ON DELETE CASCADE,
  endpoint_id text NOT NULL REFERENCES merchant_webhook_endpoints (id),
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL,
  locked_until timestamptz,
  claim_id text,
  last_attempt_at timestamptz,
  last_http_status integer CHECK (last_http_status BETWEEN 100 AND 599),
  -- Why the last attempt failed, in words that hold no secret (no URL, no body, no signature).
  last_error text CHECK (char_length(last_error) <= 200),
  delivered_at timestamptz,
  created_at timestamptz NOT NULL,
  UNIQUE (event_id, endpoint_id),
  CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
);
CREATE INDEX merchant_webhook_deliveries_due ON merchant_webhook_deliveries (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX merchant_webhook_deliveries_endpoint ON merchant_webhook_deliveries (endpoint_id) WHERE status = 'pending';
