-- The money of online card payments (issue 15 item 5; modules/acquiring/money,
-- docs/acquiring-money.md): each merchant's settlement account in the ledger, the captures and
-- refunds that moved money, and the daily payouts to the merchant's IBAN.

-- The merchant's settlement account: a ledger account of its own kind, owned by the merchant (its
-- id in owner_id), credited by captures (less the MDR), debited by refunds and payouts. Like a
-- customer's account it never goes below zero: a refund or payout it cannot cover is declined.
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_kind_check;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_kind_check
  CHECK (kind IN ('customer_current', 'ewallet', 'merchant_settlement', 'bank_settlement', 'bank_fees', 'bank_suspense', 'bank_clearing',
                  'bank_dispute_loss'));
ALTER TABLE ledger_accounts DROP CONSTRAINT ledger_accounts_within_overdraft;
ALTER TABLE ledger_accounts ADD CONSTRAINT ledger_accounts_within_overdraft
  CHECK (kind NOT IN ('customer_current', 'ewallet', 'merchant_settlement') OR balance_minor - held_minor >= -overdraft_limit_minor);

-- ledger_post_batch as migration 0015 wrote it, with one rule changed (docs/adr/0007: a ledger rule
-- changes by replacing the function): the funds check covers merchant_settlement accounts too.
CREATE OR REPLACE FUNCTION ledger_post_batch(
  op_ids text[], op_kinds text[], op_descriptions text[], op_reverses text[],
  posting_ops int[], posting_accounts text[], posting_currencies text[], posting_amounts bigint[],
  ceiling_ops int[], ceiling_accounts text[], ceiling_maxima bigint[],
  release_ops int[], release_accounts text[], release_amounts bigint[], release_holds text[], release_posted bigint[],
  OUT declines text[], OUT decline_accounts text[], OUT balances_after bigint[], OUT failure text, OUT failure_subject text
) LANGUAGE plpgsql
-- Plans made once per connection and kept (no planning per call: a batch runs about twenty
-- statements), and never a plan that scans a table or hashes it whole: every statement here is
-- driven by the batch's own rows and finds the others by primary key, so a plan made while a
-- table was nearly empty must not turn into a full scan once it holds millions of rows.
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  op_count int := coalesce(array_length(op_ids, 1), 0);
  posting_count int := coalesce(array_length(posting_ops, 1), 0);
  ceiling_count int := coalesce(array_length(ceiling_ops, 1), 0);
  release_count int := coalesce(array_length(release_ops, 1), 0);
  -- The locked accounts, sorted by id, and each posting's index among them.
  ids text[]; currencies text[]; kinds text[]; statuses text[]; overdrafts bigint[]; balances bigint[]; held bigint[];
  touched boolean[];
  account_of int[];
  existing text[];
  first_posting int[]; last_posting int[];
  accepted boolean[];
  i int; j int; m int; k int; ceiling_i int; release_i int;
  decline text; decline_account text; delta bigint; held_delta bigint; seen_before boolean;
  written int; accepted_releases int := 0;
BEGIN
  declines := array_fill(NULL::text, ARRAY[op_count]);
  decline_accounts := array_fill(NULL::text, ARRAY[op_count]);
  balances_after := array_fill(NULL::bigint, ARRAY[posting_count]);
  accepted := array_fill(false, ARRAY[op_count]);
  IF op_count = 0 THEN RETURN; END IF;

  -- One lock statement, in id order: the order every ledger transaction locks in.
  SELECT coalesce(array_agg(l.id ORDER BY l.id), '{}'), array_agg(l.currency ORDER BY l.id), array_agg(l.kind ORDER BY l.id),
         array_agg(l.status ORDER BY l.id), array_agg(l.overdraft_limit_minor ORDER BY l.id),
         array_agg(l.balance_minor ORDER BY l.id), array_agg(l.held_minor ORDER BY l.id)
    INTO ids, currencies, kinds, statuses, overdrafts, balances, held
    FROM (SELECT a.id, a.currency, a.kind, a.status, a.overdraft_limit_minor, a.balance_minor, a.held_minor
          FROM ledger_accounts a WHERE a.id = ANY (posting_accounts) ORDER BY a.id FOR UPDATE) AS l;
  touched := array_fill(false, ARRAY[greatest(array_length(ids, 1), 1)]);
  SELECT array_agg(a.k ORDER BY p.n) INTO account_of
    FROM unnest(posting_accounts) WITH ORDINALITY AS p (id, n)
    LEFT JOIN unnest(ids) WITH ORDINALITY AS a (id, k) ON a.id = p.id;
  SELECT array_agg(o.id) INTO existing FROM ledger_operations o WHERE o.id = ANY (op_ids);

  -- Every hold change happens under its account's lock: read now, a hold's state is current.
  IF release_count > 0 THEN
    SELECT r.hold INTO decline_account FROM unnest(release_holds) AS r (hold)
      LEFT JOIN ledger_holds h ON h.id = r.hold
      WHERE h.status IS DISTINCT FROM 'pending' LIMIT 1;
    IF FOUND THEN failure := 'hold-not-pending'; failure_subject := decline_account; RETURN; END IF;
  END IF;

  first_posting := array_fill(0, ARRAY[op_count]);
  last_posting := array_fill(-1, ARRAY[op_count]);
  FOR j IN 1 .. posting_count LOOP
    i := posting_ops[j];
    IF first_posting[i] = 0 THEN first_posting[i] := j; END IF;
    last_posting[i] := j;
  END LOOP;

  FOR i IN 1 .. op_count LOOP
    IF existing IS NOT NULL AND op_ids[i] = ANY (existing) THEN
      failure := 'ledger-operation-exists'; failure_subject := op_ids[i]; RETURN;
    END IF;
    decline := NULL;
    -- SECURITY.md 25: the currency must match the account. An unknown account is no decline.
    FOR j IN first_posting[i] .. last_posting[i] LOOP
      k := account_of[j];
      IF k IS NULL THEN failure := 'account-not-found'; failure_subject := posting_accounts[j]; RETURN; END IF;
      IF currencies[k] <> posting_currencies[j] THEN
        decline := 'currency-mismatch'; decline_account := posting_accounts[j]; EXIT;
      END IF;
    END LOOP;
    IF decline IS NULL THEN
      FOR j IN first_posting[i] .. last_posting[i] LOOP
        k := account_of[j];
        IF statuses[k] = 'closed' THEN decline := 'account-closed'; decline_account := ids[k]; EXIT; END IF;
        IF statuses[k] = 'frozen' AND posting_amounts[j] < 0 THEN decline := 'account-frozen'; decline_account := ids[k]; EXIT; END IF;
      END LOOP;
    END IF;
    -- A customer's or a merchant's account never goes below its overdraft (a merchant's is 0), counting holds.
    IF decline IS NULL THEN
      FOR j IN first_posting[i] .. last_posting[i] LOOP
        k := account_of[j];
        seen_before := false;
        FOR m IN first_posting[i] .. j - 1 LOOP
          IF account_of[m] = k THEN seen_before := true; END IF;
        END LOOP;
        CONTINUE WHEN seen_before OR kinds[k] NOT IN ('customer_current', 'ewallet', 'merchant_settlement');
        delta := 0;
        FOR m IN j .. last_posting[i] LOOP
          IF account_of[m] = k THEN delta := delta + posting_amounts[m]; END IF;
        END LOOP;
        held_delta := 0;
        FOR release_i IN 1 .. release_count LOOP
          IF release_ops[release_i] = i AND release_accounts[release_i] = ids[k] THEN held_delta := held_delta - release_amounts[release_i]; END IF;
        END LOOP;
        IF balances[k] + delta - (held[k] + held_delta) < -overdrafts[k] THEN
          decline := 'insufficient-funds'; decline_account := ids[k]; EXIT;
        END IF;
      END LOOP;
    END IF;
    -- Only a raise is refused: a debit from an account already above a lowered cap passes.
    IF decline IS NULL THEN
      FOR ceiling_i IN 1 .. ceiling_count LOOP
        CONTINUE WHEN ceiling_ops[ceiling_i] <> i;
        k := array_position(ids, ceiling_accounts[ceiling_i]);
        delta := 0;
        FOR m IN first_posting[i] .. last_posting[i] LOOP
          IF account_of[m] = k THEN delta := delta + posting_amounts[m]; END IF;
        END LOOP;
        IF delta > 0 AND balances[k] + delta > ceiling_maxima[ceiling_i] THEN
          decline := 'balance-cap-exceeded'; decline_account := ceiling_accounts[ceiling_i]; EXIT;
        END IF;
      END LOOP;
    END IF;
    IF decline IS NOT NULL THEN
      declines[i] := decline;
      decline_accounts[i] := decline_account;
      CONTINUE;
    END IF;
    accepted[i] := true;
    FOR j IN first_posting[i] .. last_posting[i] LOOP
      k := account_of[j];
      balances[k] := balances[k] + posting_amounts[j];
      balances_after[j] := balances[k];
      touched[k] := true;
    END LOOP;
    FOR release_i IN 1 .. release_count LOOP
      CONTINUE WHEN release_ops[release_i] <> i;
      k := array_position(ids, release_accounts[release_i]);
      held[k] := held[k] - release_amounts[release_i];
      accepted_releases := accepted_releases + 1;
    END LOOP;
  END LOOP;

  IF NOT (true = ANY (accepted)) THEN RETURN; END IF;
  INSERT INTO ledger_operations (id, kind, description, reverses_operation_id)
    SELECT o.id, o.kind, o.description, o.reverses
    FROM unnest(op_ids, op_kinds, op_descriptions, op_reverses, accepted) WITH ORDINALITY AS o (id, kind, description, reverses, ok, n)
    WHERE o.ok ORDER BY o.n;
  INSERT INTO ledger_postings (operation_id, account_id, currency, amount_minor, balance_after_minor)
    SELECT op_ids[p.op], p.account, p.currency, p.amount, p.after
    FROM unnest(posting_ops, posting_accounts, posting_currencies, posting_amounts, balances_after)
      WITH ORDINALITY AS p (op, account, currency, amount, after, n)
    WHERE accepted[p.op] ORDER BY p.n;
  IF release_count > 0 THEN
    UPDATE ledger_holds AS h
      SET status = 'posted', operation_id = op_ids[r.op], posted_amount_minor = r.posted, resolved_at = now()
      FROM unnest(release_ops, release_holds, release_posted) AS r (op, hold, posted)
      WHERE accepted[r.op] AND h.id = r.hold AND h.status = 'pending';
    GET DIAGNOSTICS written = ROW_COUNT;
    IF written <> accepted_releases THEN RAISE EXCEPTION 'ledger_post_batch: % holds posted of %', written, accepted_releases; END IF;
  END IF;
  -- Absolute values: the rows are locked by this transaction, so nobody changed them meanwhile.
  UPDATE ledger_accounts AS a SET balance_minor = v.balance, held_minor = v.held
    FROM unnest(ids, balances, held, touched) AS v (id, balance, held, touched)
    WHERE v.touched AND a.id = v.id;
END
$$;

-- A merchant's refund of an online purchase back to the Kassa card that paid (operations card-refunds.ts).
ALTER TABLE operations DROP CONSTRAINT operations_kind_check;
ALTER TABLE operations ADD CONSTRAINT operations_kind_check
  CHECK (kind IN ('transfer.own', 'transfer.phone', 'transfer.iban', 'refund.dispute', 'card.purchase', 'transfer.card',
                  'refund.card_transfer', 'refund.card_purchase'));

-- A capture that moved money (captureCard): one row per capture id, written in the transaction that
-- posts the second step (bank_clearing or bank_settlement -> the merchant, and the MDR to bank_fees),
-- so a retry after a crash finds it and posts nothing again.
CREATE TABLE merchant_captures (
  capture_id text PRIMARY KEY CHECK (char_length(capture_id) BETWEEN 1 AND 100),
  payment_id text NOT NULL CHECK (char_length(payment_id) BETWEEN 1 AND 100),
  merchant_id text NOT NULL REFERENCES merchants (id),
  issuer text NOT NULL CHECK (issuer IN ('kassa', 'other')),
  rrn text NOT NULL CHECK (rrn ~ '^[0-9A-Za-z]{12}$'),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  fee_minor bigint NOT NULL CHECK (fee_minor >= 0 AND fee_minor <= amount_minor),
  ledger_operation_id text NOT NULL,
  captured_at timestamptz NOT NULL
);
CREATE INDEX merchant_captures_payment ON merchant_captures (payment_id);

-- A refund that moved money (refundCard): the merchant's account back to the card (a Kassa card's
-- account, or bank_settlement for another bank's card). One row per refund id.
CREATE TABLE merchant_refunds (
  refund_id text PRIMARY KEY CHECK (char_length(refund_id) BETWEEN 1 AND 100),
  payment_id text NOT NULL CHECK (char_length(payment_id) BETWEEN 1 AND 100),
  merchant_id text NOT NULL REFERENCES merchants (id),
  issuer text NOT NULL CHECK (issuer IN ('kassa', 'other')),
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  ledger_operation_id text NOT NULL,
  -- The cardholder's new operation (refund.card_purchase) for a Kassa card; NULL for another bank's.
  operation_id text,
  refunded_at timestamptz NOT NULL
);
CREATE INDEX merchant_refunds_payment ON merchant_refunds (payment_id);

-- The daily payout of a merchant's balance to its settlement IBAN: the merchant's account ->
-- bank_settlement (the bank's outgoing payment order carries it on). One per merchant, currency and
-- day (Asia/Almaty business day, as the worker computes it), written with its ledger operation.
CREATE TABLE merchant_payouts (
  id text PRIMARY KEY CHECK (id ~ '^po_[0-9a-f]{32}$'),
  merchant_id text NOT NULL REFERENCES merchants (id),
  payout_date date NOT NULL,
  currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  amount_minor bigint NOT NULL CHECK (amount_minor > 0),
  -- The IBAN as it was when paid out (the merchant's may change later).
  settlement_iban text NOT NULL CHECK (settlement_iban ~ '^KZ[0-9]{2}[0-9A-Z]{16}$'),
  ledger_operation_id text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (merchant_id, currency, payout_date)
);
CREATE INDEX merchant_payouts_merchant ON merchant_payouts (merchant_id, payout_date DESC);
