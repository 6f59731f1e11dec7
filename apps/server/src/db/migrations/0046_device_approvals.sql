-- Approving a 3-D Secure challenge in the app (issue 15 item 4; modules/acs app-approval.ts,
-- modules/auth device-approval.ts): the customer's bound PIN device signs a server challenge that
-- names what it approves (the purchase's acsTransID, amount, currency and merchant) and the PIN
-- goes with it, as a PIN login's does. A challenge of its own purpose, so a login's can never
-- stand for an approval nor the other way round.
ALTER TABLE auth_challenges DROP CONSTRAINT auth_challenges_purpose_check;
ALTER TABLE auth_challenges ADD CONSTRAINT auth_challenges_purpose_check
  CHECK (purpose IN ('device_login', 'webauthn_register', 'webauthn_login', 'device_approval'));

-- The app's list of challenges waiting for its customer (acs selectPendingChallenges).
CREATE INDEX acs_transactions_pending_customer ON acs_transactions (customer_id, created_at DESC) WHERE trans_status = 'C';
-- The sweep that ends challenges nobody came back to (acs challenges-expiry.ts).
CREATE INDEX acs_transactions_challenge_expiry ON acs_transactions (expires_at) WHERE trans_status = 'C';
