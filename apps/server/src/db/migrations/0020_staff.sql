-- The bank's staff (issue 13 item 1): back-office users with a role, their own sessions and their
-- own lock, apart from the customers' tables so that no customer session can ever pass as a staff
-- one, nor the reverse (modules/staff).
--
-- staff_users.status transitions: active -> disabled -> active (by an admin); a row is never deleted,
-- the audit log names it. The TOTP secret is sealed by the keyring (shared/keyring.ts), bound to the
-- staff id; it is NULL until the first login enrols it (totp_enrolled_at set in the same update).
CREATE TABLE staff_users (
  id text PRIMARY KEY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z][a-z0-9._-]{1,63}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
  role text NOT NULL CHECK (role IN ('operator', 'security_officer', 'admin')),
  language text NOT NULL CHECK (language IN ('ru', 'kk', 'en')),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  password_hash text NOT NULL,
  totp_secret_sealed text,
  totp_enrolled_at timestamptz,
  created_by text REFERENCES staff_users (id),
  -- The demo staff of development (DEMO_DATA), whose password and TOTP secrets are in the README:
  -- production refuses to start on a database that holds one (SECURITY.md 39).
  demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((totp_secret_sealed IS NULL) = (totp_enrolled_at IS NULL))
);

-- RFC 6238 §5.2: a code is accepted once. The highest time step a staff member's code was accepted
-- for; a code of that step or an earlier one is refused (and audited as a reuse).
CREATE TABLE staff_totp_used (
  staff_id text PRIMARY KEY REFERENCES staff_users (id),
  last_step bigint NOT NULL,
  used_at timestamptz NOT NULL
);

-- Step 1 of a login done (username and password right), waiting for the TOTP code.
-- Status transitions: pending -> succeeded | failed. An enrolment login carries the new secret,
-- sealed, until its first code confirms it onto staff_users.
CREATE TABLE staff_login_attempts (
  id text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff_users (id),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  enrol_secret_sealed text,
  code_tries integer NOT NULL DEFAULT 0,
  ip text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);

-- The failure counter and the lock, per username as typed (lowercased), known or not: an unknown
-- username locks exactly like a known one, so the lock tells nobody which names exist.
CREATE TABLE staff_lockouts (
  username text PRIMARY KEY CHECK (length(username) BETWEEN 1 AND 64),
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  updated_at timestamptz NOT NULL
);

-- A session ends once, with a reason; it is never reopened. Only the token's keyed hash is kept.
CREATE TABLE staff_sessions (
  id text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff_users (id),
  token_hash text NOT NULL UNIQUE,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  ended_at timestamptz,
  end_reason text
);
CREATE INDEX staff_sessions_live ON staff_sessions (staff_id) WHERE ended_at IS NULL;
CREATE INDEX staff_sessions_purge ON staff_sessions ((coalesce(ended_at, expires_at)));
CREATE INDEX staff_login_attempts_purge ON staff_login_attempts (expires_at);
CREATE INDEX staff_lockouts_purge ON staff_lockouts (updated_at);
