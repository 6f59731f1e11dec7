-- Favourites and scheduled payments for services (issue 16 item 4; modules/payments favourites.ts,
-- schedules.ts): a payment saved under a name, and a payment the bank makes on a date or monthly.

-- RTS art. 14: a series of payments to the same payee for the same amount needs strong
-- authentication once, when the series is set up; each later payment of it is exempt.
ALTER TABLE operations DROP CONSTRAINT operations_sca_exemption_check;
ALTER TABLE operations ADD CONSTRAINT operations_sca_exemption_check
  CHECK (sca_exemption IN ('own', 'trusted-payee', 'low-value', 'recurring'));

-- A favourite: the provider and the account (the fields as the provider's rules read them), an
-- amount to propose and the account to pay from, under the customer's name for it ("Мама Kcell").
-- One per provider and account: saving it again renames it. `remind`: a notice before the
-- provider's due day when nothing was paid to it this month (fetched bills: the utilities' 25th).
CREATE TABLE service_favourites (
  id text PRIMARY KEY CHECK (id ~ '^fav_[0-9a-f]{32}$'),
  customer_id text NOT NULL,
  provider_id text NOT NULL REFERENCES service_providers (id),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  account_label text NOT NULL CHECK (char_length(account_label) BETWEEN 1 AND 80),
  amount_minor bigint CHECK (amount_minor > 0),
  source_account_id text,
  remind boolean NOT NULL DEFAULT false,
  last_reminded_on date,
  created_at timestamptz NOT NULL,
  UNIQUE (customer_id, provider_id, account_label)
);
CREATE INDEX service_favourites_remind ON service_favourites (remind) WHERE remind;

-- A scheduled payment: once on a date, or monthly on a day (1-28, so every month has it), always
-- the same provider, account and amount from the same account. Set up with a code naming all of
-- that (status awaiting_confirmation until then); each run is an operation of its own, created
-- under the Idempotency-Key `schedule:<id>:<date>`, so a run happens once per date even across a
-- crash or with two servers.
--   status: awaiting_confirmation -> active | cancelled (the code never came)
--           active -> cancelled (by the customer) | finished (a once payment made, or its provider gone)
CREATE TABLE service_schedules (
  id text PRIMARY KEY CHECK (id ~ '^sch_[0-9a-f]{32}$'),
  customer_id text NOT NULL,
  provider_id text NOT NULL REFERENCES service_providers (id),
  name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 40),
  fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'object'),
  account_label text NOT NULL CHECK (char_length(account_label) BETWEEN 1 AND 80),
  source_account_id text NOT NULL,
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  frequency text NOT NULL CHECK (frequency IN ('once', 'monthly')),
  day_of_month integer CHECK (day_of_month BETWEEN 1 AND 28),
  status text NOT NULL CHECK (status IN ('awaiting_confirmation', 'active', 'cancelled', 'finished')),
  challenge_id text,
  next_run_on date,
  last_run_on date,
  last_operation_id text,
  last_reminded_on date,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((frequency = 'monthly') = (day_of_month IS NOT NULL))
);
CREATE INDEX service_schedules_due ON service_schedules (next_run_on) WHERE status = 'active';
CREATE INDEX service_schedules_customer ON service_schedules (customer_id, created_at);
