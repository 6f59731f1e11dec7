-- Paying for services (issue 16; modules/payments, docs/payments-providers.md): the catalogue of
-- categories and providers, the provider's settlement account in the ledger, the checks and bills
-- the provider answered, and each payment's own row with its delivery to the provider.

-- The catalogue's sections, in the order the app shows them.
CREATE TABLE service_categories (
  id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,39}$'),
  name_ru text NOT NULL CHECK (char_length(name_ru) BETWEEN 1 AND 80),
  name_kk text NOT NULL CHECK (char_length(name_kk) BETWEEN 1 AND 80),
  name_en text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 80),
  icon text NOT NULL CHECK (icon ~ '^[a-z][a-z0-9-]{1,39}$'),
  position integer NOT NULL CHECK (position BETWEEN 0 AND 1000)
);

-- A provider (biller): its names, its logo (a monogram on a colour: no file a member of staff
-- uploads is ever served to customers), its legal details, how the bank talks to it (mode and
-- endpoint), the fields a customer fills, the amount and fee rules (catalogue.types.ts documents
-- the jsonb shapes; the service validates them before writing). `version` counts every change, so
-- an edit made on a stale copy is refused, and the settlement details change only through
-- maker-checker (approvals kind `provider_settlement`).
--   status: active ⇄ suspended (a suspended provider is hidden and refuses new payments; payments
--   already sent are still delivered).
CREATE TABLE service_providers (
  id text PRIMARY KEY CHECK (id ~ '^prv_[0-9a-f]{32}$'),
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
  category_id text NOT NULL REFERENCES service_categories (id),
  name_ru text NOT NULL CHECK (char_length(name_ru) BETWEEN 1 AND 80),
  name_kk text NOT NULL CHECK (char_length(name_kk) BETWEEN 1 AND 80),
  name_en text NOT NULL CHECK (char_length(name_en) BETWEEN 1 AND 80),
  keywords text NOT NULL DEFAULT '' CHECK (char_length(keywords) <= 400),
  logo_text text NOT NULL CHECK (char_length(logo_text) BETWEEN 1 AND 3),
  logo_color text NOT NULL CHECK (logo_color ~ '^#[0-9a-f]{6}$'),
  legal_name text NOT NULL CHECK (char_length(legal_name) BETWEEN 2 AND 160),
  bin text NOT NULL CHECK (bin ~ '^[0-9]{12}$'),
  settlement_iban text NOT NULL CHECK (settlement_iban ~ '^KZ[0-9]{2}[0-9A-Z]{16}$'),
  mode text NOT NULL CHECK (mode IN ('fetch', 'validate', 'ad-hoc')),
  -- The provider's HTTP API (provider-http.ts); its shared secret sealed under SECRET_KEY (aad: the provider id).
  endpoint_url text NOT NULL CHECK (char_length(endpoint_url) BETWEEN 8 AND 500),
  endpoint_secret_sealed text NOT NULL CHECK (char_length(endpoint_secret_sealed) BETWEEN 1 AND 500),
  fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
  amount_rule jsonb NOT NULL CHECK (jsonb_typeof(amount_rule) = 'object'),
  fee_rule jsonb NOT NULL CHECK (jsonb_typeof(fee_rule) = 'object'),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status text NOT NULL CHECK (status IN ('active', 'suspended')),
  position integer NOT NULL DEFAULT 100 CHECK (position BETWEEN 0 AND 10000),
  version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX service_providers_category ON service_providers (category_id, position, id);

-- The provider's settlement account: a ledger account of its own kind owned by the provider (its
-- id in owner_id), credited by every payment to it (the hot account of the catalogue) and debited
-- by the daily transfer of the registry's total to the provider's IBAN. Never a customer's: the
-- funds check of ledger_post_batch does not apply to it.
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check
  CHECK (kind IN ('customer_current', 'ewallet', 'merchant_settlement', 'provider_settlement', 'bank_settlement', 'bank_fees',
                  'bank_suspense', 'bank_clearing', 'bank_dispute_loss'));

ALTER TABLE operations DROP CONSTRAINT operations_kind_check;
ALTER TABLE operations ADD CONSTRAINT operations_kind_check
  CHECK (kind IN ('transfer.own', 'transfer.phone', 'transfer.iban', 'refund.dispute', 'card.purchase', 'transfer.card',
                  'refund.card_transfer', 'refund.card_purchase', 'payment.service'));

-- What the provider answered for an account before the customer paid: that it exists (validate),
-- or its bill with lines (fetch). A payment names its check, so the amount owed and the holder's
-- name come from the provider, never from the client. Kept for CHECK_TTL (minutes).
CREATE TABLE service_checks (
  id text PRIMARY KEY CHECK (id ~ '^chk_[0-9a-f]{32}$'),
  customer_id text NOT NULL,
  provider_id text NOT NULL REFERENCES service_providers (id),
  fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  holder_name text CHECK (char_length(holder_name) <= 120),
  -- The bill as the provider sent it (fetch mode): {providerBillId, period, dueDate, lines: [{id, name, amountMinor}]}.
  bill jsonb CHECK (bill IS NULL OR jsonb_typeof(bill) = 'object'),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL CHECK (expires_at > created_at)
);
CREATE INDEX service_checks_expiry ON service_checks (expires_at);

-- A service payment's own row (the operation holds amount, fee, status): the provider, the
-- account as typed, the bill lines paid, and its delivery to the provider. Once the money is
-- posted (operation `sent`) the notify worker tells the provider, outside any transaction, until
-- the provider acknowledges it; the provider is idempotent by the operation id, so a retry after a
-- lost answer is never a second payment on its side. A row is due from its insert: the worker asks
-- operations for the operation's status first (awaiting its code: later; never posted: void).
--   provider_status: pending -> confirmed | awaiting-activation | rejected | void
--                    awaiting-activation -> confirmed (a transport card tapped on a validator)
--   rejected: the provider refused it for good (the bank returns the money, docs/payments-providers.md);
--   void: the operation moved no money (declined, expired, cancelled), so nothing is told.
CREATE TABLE service_payments (
  operation_id text PRIMARY KEY REFERENCES operations (id),
  -- The operation's customer, copied so payments can tell what a customer paid a provider this month (reminders.ts).
  customer_id text NOT NULL,
  provider_id text NOT NULL REFERENCES service_providers (id),
  check_id text CHECK (check_id ~ '^chk_[0-9a-f]{32}$'),
  account_label text NOT NULL CHECK (char_length(account_label) BETWEEN 1 AND 80),
  fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  lines jsonb CHECK (lines IS NULL OR jsonb_typeof(lines) = 'array'),
  provider_status text NOT NULL DEFAULT 'pending'
    CHECK (provider_status IN ('pending', 'confirmed', 'awaiting-activation', 'rejected', 'void')),
  provider_reference text CHECK (char_length(provider_reference) <= 100),
  notify_attempts integer NOT NULL DEFAULT 0 CHECK (notify_attempts >= 0),
  next_notify_at timestamptz,
  locked_until timestamptz,
  last_error text CHECK (char_length(last_error) <= 300),
  confirmed_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX service_payments_due ON service_payments (next_notify_at) WHERE next_notify_at IS NOT NULL;
CREATE INDEX service_payments_provider ON service_payments (provider_id, created_at);
CREATE INDEX service_payments_customer ON service_payments (customer_id, provider_id, created_at);
