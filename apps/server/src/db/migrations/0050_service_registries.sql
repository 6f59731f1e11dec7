-- The provider's side of service payments (issue 16 item 6; modules/payments/registry,
-- docs/payments-providers.md "Registry and reconciliation"): the daily registry file of each
-- provider's payments, and the reconciliation reports of the provider's confirmations against them.

-- One registry per provider and bank calendar day (BANK_TIME_ZONE), made once by the first
-- retention pass after the day ends: the primary key is what makes a second pass or a second
-- server write nothing. The file is kept as it was served, never rewritten: `sha256` is the digest
-- of all of `csv`'s UTF-8 bytes (the file's last line carries the digest of the bytes before it).
-- Immutable: nothing updates or deletes a row (a registry is what the bank told the provider).
CREATE TABLE service_registries (
  provider_id text NOT NULL REFERENCES service_providers (id),
  day date NOT NULL,
  csv text NOT NULL CHECK (octet_length(csv) <= 33554432),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  payment_count integer NOT NULL CHECK (payment_count >= 0),
  total_minor bigint NOT NULL CHECK (total_minor >= 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (provider_id, day)
);

-- A reconciliation run by staff for a provider and day: the counts of each outcome and the lists
-- of what differs (each list at most RECONCILIATION_LIST_MAX entries; the counts are exact).
-- Every run is kept, so a report made before a late confirmation and one after both stay.
--   missing_at_provider: [{paymentId, amountMinor}]               the bank paid, the provider lists nothing
--   missing_at_bank:     [{paymentId, amountMinor, providerReference}] the provider lists a payment the bank does not have
--   amount_mismatches:   [{paymentId, bankAmountMinor, providerAmountMinor}]
-- Amounts in the lists are strings of minor units (jsonb numbers are not bigint).
CREATE TABLE service_reconciliations (
  id text PRIMARY KEY CHECK (id ~ '^rcn_[0-9a-f]{32}$'),
  provider_id text NOT NULL REFERENCES service_providers (id),
  day date NOT NULL,
  staff_id text NOT NULL,
  matched_count integer NOT NULL CHECK (matched_count >= 0),
  missing_at_provider_count integer NOT NULL CHECK (missing_at_provider_count >= 0),
  missing_at_bank_count integer NOT NULL CHECK (missing_at_bank_count >= 0),
  amount_mismatch_count integer NOT NULL CHECK (amount_mismatch_count >= 0),
  missing_at_provider jsonb NOT NULL CHECK (jsonb_typeof(missing_at_provider) = 'array'),
  missing_at_bank jsonb NOT NULL CHECK (jsonb_typeof(missing_at_bank) = 'array'),
  amount_mismatches jsonb NOT NULL CHECK (jsonb_typeof(amount_mismatches) = 'array'),
  created_at timestamptz NOT NULL
);
CREATE INDEX service_reconciliations_provider ON service_reconciliations (provider_id, created_at DESC, id DESC);
