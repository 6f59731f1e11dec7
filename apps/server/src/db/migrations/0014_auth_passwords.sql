-- The password hash moves to a table of auth's (issue 10, item 3): customers are identity's, and
-- no module reads another's table. auth_passwords holds one Argon2id hash per customer
-- (auth/passwords.repo.ts); identity creates a customer and gives auth the first password through
-- the passwords port (context.ts), in the same transaction.
--
-- Every customer's hash is copied as it is, so every password logs in as before; updated_at takes
-- the customer's last change, the nearest to the last password change the old table knew. Every
-- node must run this version before the next login: an older one reads customers.password_hash.
--
-- customers.iin stays for now: the start-up step of migration 0012 (identity/iin-at-rest.ts) still
-- reads it, for a database restored from before 0012 whose plaintext IINs are not sealed yet.
CREATE TABLE auth_passwords (
  customer_id text PRIMARY KEY REFERENCES customers (id),
  password_hash text NOT NULL,
  updated_at timestamptz NOT NULL
);
INSERT INTO auth_passwords (customer_id, password_hash, updated_at)
  SELECT id, password_hash, updated_at FROM customers;
ALTER TABLE customers DROP COLUMN password_hash;
