-- Audit: append-only and hash-chained (SECURITY.md 31). Each row's hash covers the previous
-- row's hash, so removing or editing a row breaks the chain from there on.
CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  occurred_at timestamptz NOT NULL,
  event text NOT NULL,
  customer_id text,
  ip text,
  user_agent text,
  request_id text,
  details jsonb NOT NULL DEFAULT '{}',
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_events_customer ON audit_events (customer_id, seq DESC);
CREATE TABLE audit_chain_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_chain_head (seq, hash) VALUES (0, 'genesis');
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Customers. One active customer per phone and per IIN.
-- Status transitions: active -> blocked -> active; active | blocked -> closed.
CREATE TABLE customers (
  id text PRIMARY KEY,
  full_name text NOT NULL,
  iin text NOT NULL CHECK (iin ~ '^[0-9]{12}$'),
  phone text NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  language text NOT NULL CHECK (language IN ('ru', 'kk', 'en')),
  password_hash text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'blocked', 'closed')),
  -- e-money identification level; limits per level live in configuration.
  identification_level text NOT NULL DEFAULT 'simplified' CHECK (identification_level IN ('none', 'simplified', 'full')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX customers_active_phone ON customers (phone) WHERE status <> 'closed';
CREATE UNIQUE INDEX customers_active_iin ON customers (iin) WHERE status <> 'closed';

CREATE TABLE agreements (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('emoney', 'banking')),
  number text NOT NULL UNIQUE,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'terminated')),
  signed_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (customer_id, kind)
);

-- One-time codes bound to a purpose and to the operation's details (RTS art. 5 dynamic linking).
-- Status transitions: pending -> used | void (wrong tries, resend, change) | expired.
CREATE TABLE sca_challenges (
  id text PRIMARY KEY,
  customer_id text,
  phone text NOT NULL,
  purpose text NOT NULL,
  details_hash text NOT NULL,
  code_hash text,
  attempts integer NOT NULL DEFAULT 0,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'used', 'void', 'expired')),
  void_reason text,
  ip text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  resend_available_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX sca_challenges_phone ON sca_challenges (phone, created_at DESC);
CREATE INDEX sca_challenges_ip ON sca_challenges (ip, created_at DESC);

-- Registration in progress: phone proven by a code, then details.
CREATE TABLE registrations (
  id text PRIMARY KEY,
  phone text NOT NULL,
  language text NOT NULL,
  challenge_id text NOT NULL,
  phone_verified_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Login in progress: the password was checked (right or wrong, kept private), then the code.
CREATE TABLE login_attempts (
  id text PRIMARY KEY,
  customer_id text,
  password_ok boolean NOT NULL,
  client text NOT NULL CHECK (client IN ('web', 'mobile')),
  challenge_id text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  ip text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- Consecutive authentication failures per customer, whatever the IP or session (RTS 4(3)(b)).
CREATE TABLE auth_lockouts (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  failures integer NOT NULL DEFAULT 0,
  locks integer NOT NULL DEFAULT 0,
  locked_until timestamptz
);

-- Session status: active -> ended (logout, idle, absolute, password change, revoked).
CREATE TABLE sessions (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  token_hash text NOT NULL UNIQUE,
  client text NOT NULL CHECK (client IN ('web', 'mobile')),
  method text NOT NULL CHECK (method IN ('password_sms', 'pin', 'webauthn')),
  device_id text,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  end_reason text
);
CREATE INDEX sessions_customer ON sessions (customer_id) WHERE ended_at IS NULL;

-- Bound mobile devices. kind pin: a P-256 device key + a PIN; kind webauthn: a platform credential.
-- Status transitions: active -> revoked.
CREATE TABLE devices (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  kind text NOT NULL CHECK (kind IN ('pin', 'webauthn')),
  name text NOT NULL,
  public_key_jwk jsonb,
  pin_hash text,
  pin_failures integer NOT NULL DEFAULT 0,
  credential_id text UNIQUE,
  credential_public_key text,
  sign_count bigint NOT NULL DEFAULT 0,
  transports jsonb,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoke_reason text
);
CREATE INDEX devices_customer ON devices (customer_id);

-- Single-use server challenges for device-key and WebAuthn ceremonies.
CREATE TABLE auth_challenges (
  id text PRIMARY KEY,
  customer_id text,
  device_id text,
  purpose text NOT NULL CHECK (purpose IN ('device_login', 'webauthn_register', 'webauthn_login')),
  challenge text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Browsers and apps a customer has logged in from, to tell them of a new one.
CREATE TABLE known_clients (
  customer_id text NOT NULL REFERENCES customers (id),
  client_hash text NOT NULL,
  first_seen_at timestamptz NOT NULL,
  PRIMARY KEY (customer_id, client_hash)
);

CREATE TABLE password_resets (
  id text PRIMARY KEY,
  customer_id text,
  challenge_id text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
