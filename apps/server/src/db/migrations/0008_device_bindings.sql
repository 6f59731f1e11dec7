-- Binding a device is strong authentication (SECURITY.md 32, RTS art. 4): a session alone never
-- mints a lasting authenticator. A binding is started from a password + SMS session, an SMS code
-- names the device (dynamic linking: name, kind and, for PIN, the device key), and the device is
-- bound only when that code comes back from the same session with the same name, kind and key.
-- Status transitions: pending -> bound | failed (code void, expired or out of tries).
CREATE TABLE device_bindings (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  session_id text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('pin', 'webauthn')),
  name text NOT NULL,
  public_key_jwk jsonb,
  challenge_id text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'bound', 'failed')),
  device_id text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX device_bindings_customer ON device_bindings (customer_id, created_at DESC);
