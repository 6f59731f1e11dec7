-- A WebAuthn security key as a staff member's second factor, beside TOTP (issue 13 item 1;
-- SECURITY.md 7: staff MFA is TOTP or WebAuthn). Owned by modules/staff.
--
-- staff_security_keys.status transitions: active -> revoked (removed by its owner); a revoked key
-- is never active again, and goes after the sessions' retention window (staff.retention.ts). The
-- public key is the COSE key the authenticator gave at registration (base64url), the credential id
-- its base64url id; sign_count is the highest signature counter accepted so far (a WebAuthn
-- counter is an unsigned 32-bit number).
CREATE TABLE staff_security_keys (
  id text PRIMARY KEY,
  staff_id text NOT NULL REFERENCES staff_users (id),
  credential_id text NOT NULL CHECK (length(credential_id) BETWEEN 1 AND 1024),
  public_key text NOT NULL,
  sign_count bigint NOT NULL DEFAULT 0 CHECK (sign_count BETWEEN 0 AND 4294967295),
  transports text[] NOT NULL DEFAULT '{}',
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
);
-- One active key per credential: a login finds the key by the credential id the browser sends.
CREATE UNIQUE INDEX staff_security_keys_credential ON staff_security_keys (credential_id) WHERE status = 'active';
CREATE INDEX staff_security_keys_staff ON staff_security_keys (staff_id) WHERE status = 'active';
CREATE INDEX staff_security_keys_purge ON staff_security_keys (revoked_at) WHERE status = 'revoked';

-- The WebAuthn challenges (≥ 16 random bytes, SECURITY.md 4): single use (used_at is set by the
-- first answer, right or wrong), a short life, and bound to what they were issued for. A
-- registration challenge belongs to the staff session that asked for it; a login challenge to the
-- pending login (step 1 done) of one staff member. Rows go with the login or the session they
-- belong to, and otherwise after the challenges' retention window.
CREATE TABLE staff_webauthn_challenges (
  id text PRIMARY KEY,
  purpose text NOT NULL CHECK (purpose IN ('register', 'login')),
  staff_id text NOT NULL REFERENCES staff_users (id),
  login_id text REFERENCES staff_login_attempts (id) ON DELETE CASCADE,
  session_id text REFERENCES staff_sessions (id) ON DELETE CASCADE,
  challenge text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK ((purpose = 'login') = (login_id IS NOT NULL)),
  CHECK ((purpose = 'register') = (session_id IS NOT NULL))
);
CREATE INDEX staff_webauthn_challenges_login ON staff_webauthn_challenges (login_id) WHERE login_id IS NOT NULL;
CREATE INDEX staff_webauthn_challenges_session ON staff_webauthn_challenges (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX staff_webauthn_challenges_purge ON staff_webauthn_challenges (expires_at);
