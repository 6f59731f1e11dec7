-- IINs encrypted at rest (issue 9, item 9; SECURITY.md 39). An IIN is kept sealed (AES-256-GCM
-- under a keyring sub-key, shared/keyring.ts: `ks1.<key id>.…`, bound to the customer's id) and
-- found through a keyed hash (HMAC-SHA256 under the key that sealed it), never in plaintext.
--
-- SQL cannot encrypt with the server's key, so this comes in two steps: here the columns, and at
-- every start (identity/iin-at-rest.ts, sealPlaintextIins, called by buildApp) each row that still
-- holds a plaintext IIN is sealed, hashed and its `iin` cleared, in batches that resume after a
-- crash. From then on `iin` is always NULL; a later migration drops it (follow-up: 0012's
-- plaintext column). Every node must run this version before new customers register: an older
-- one would write the IIN in plaintext and check uniqueness on `iin` alone (docs/OPERATIONS.md).
ALTER TABLE customers ALTER COLUMN iin DROP NOT NULL;
ALTER TABLE customers ADD COLUMN iin_sealed text;
ALTER TABLE customers ADD COLUMN iin_hash text CHECK (iin_hash ~ '^[0-9a-f]{64}$');
-- Written together, so the key id in iin_sealed is also the key of iin_hash (keys:rotate relies on it).
ALTER TABLE customers ADD CONSTRAINT customers_iin_sealed_with_hash CHECK ((iin_sealed IS NULL) = (iin_hash IS NULL));
ALTER TABLE customers ADD CONSTRAINT customers_iin_present CHECK (iin IS NOT NULL OR iin_sealed IS NOT NULL);

-- One active customer per IIN, now on the keyed hash. Right after a key rotation two hashes of one
-- IIN can exist (old key, new key); registration looks up every key's hash first
-- (identity/iin-at-rest.ts), and keys:rotate re-hashes every row under the current key.
DROP INDEX customers_active_iin;
CREATE UNIQUE INDEX customers_active_iin_hash ON customers (iin_hash) WHERE status <> 'closed';
-- The start-up step finds the rows still to seal without reading the whole table.
CREATE INDEX customers_iin_plaintext ON customers (id) WHERE iin IS NOT NULL;
-- The key ids IINs are sealed under (the second field of `ks1.<key id>.…`), read at every start to
-- refuse a SECRET_KEY that lost one of them: a walk over this index, a step per key id.
CREATE INDEX customers_iin_key_id ON customers ((split_part(iin_sealed, '.', 2))) WHERE iin_sealed IS NOT NULL;
