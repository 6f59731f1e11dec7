-- The ledger's check-and-write, and the batch of immediate operations, as functions on the
-- database server (issue 11, docs/BENCHMARKS.md): a transaction that holds account locks never
-- waits on a round trip to the application between its statements.
--
-- ledger_post_batch is the ledger's one writer of postings (modules/ledger/ledger.postings.ts
-- calls it for every operation, reversal and posted hold; no other SQL writes ledger_operations,
-- ledger_postings or balances). It locks every account of the batch once, in id order, checks
-- the operations one after another against the balances the earlier ones leave, and writes the
-- accepted ones set-based. Business declines come back as values, one per operation. A failure
-- that is no decline (an unknown account, an operation id already used, a hold no longer
-- pending) comes back as `failure`, the ledger's problem code, with the id it concerns; it is
-- found before anything is written, so the batch writes nothing and the caller's transaction
-- stays usable.
--
-- Inputs are parallel arrays. Operations are numbered from 1 in input order; every posting,
-- balance ceiling and hold release names its operation by that number, and postings come grouped
-- by operation in ascending order.
CREATE FUNCTION ledger_post_batch(
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
    -- A customer account never goes below its overdraft, counting money reserved by holds.
    IF decline IS NULL THEN
      FOR j IN first_posting[i] .. last_posting[i] LOOP
        k := account_of[j];
        seen_before := false;
        FOR m IN first_posting[i] .. j - 1 LOOP
          IF account_of[m] = k THEN seen_before := true; END IF;
        END LOOP;
        CONTINUE WHEN seen_before OR kinds[k] NOT IN ('customer_current', 'ewallet');
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

-- A batch of immediate operations (modules/operations/batcher.ts) in one statement, and so in
-- one round trip with its commit when called outside a transaction: the Idempotency-Key claims
-- in (customer, key) order, the ledger's postings, the operation records and their answers.
--
-- `claims` and `records` are JSON arrays in batch order: rows of operation_idempotency_keys
-- (with the answer each request gives if its operation completes) and of operations (in state
-- completed). The ledger arrays hold one operation per batch entry, in the same order.
--
-- A key claimed before (a retry) comes back with its stored answer and its operation is not run.
-- When the ledger declines an operation and `declines_raise` is set, it raises SQLSTATE KO001 so
-- that the whole statement writes nothing: a declined operation needs notices written in its
-- transaction, which the caller then runs with `declines_raise` false inside a transaction of
-- its own, writing the declined records, their answers and notices after this call.
CREATE FUNCTION operations_immediate_batch(
  claims jsonb, records jsonb,
  ledger_ids text[], ledger_kinds text[], ledger_descriptions text[],
  posting_ops int[], posting_accounts text[], posting_currencies text[], posting_amounts bigint[],
  declines_raise boolean,
  OUT claimed boolean[], OUT stored_hashes text[], OUT stored_statuses int[], OUT stored_bodies jsonb[],
  OUT declines text[], OUT decline_accounts text[]
) LANGUAGE plpgsql
-- Plans as ledger_post_batch's, for the same reasons.
SET plan_cache_mode = force_generic_plan SET enable_seqscan = off SET enable_hashjoin = off SET enable_mergejoin = off
AS $$
DECLARE
  entry_count int := jsonb_array_length(claims);
  fresh_of int[];
  fresh_count int := 0;
  ledger record;
  i int; j int; inserted_count int; completed_count int := 0;
BEGIN
  declines := array_fill(NULL::text, ARRAY[entry_count]);
  decline_accounts := array_fill(NULL::text, ARRAY[entry_count]);
  WITH input AS (
    SELECT c.customer_id, c.key, c.request_hash, c.response_status, c.response_body, c.created_at, x.n
    FROM jsonb_array_elements(claims) WITH ORDINALITY AS x (e, n),
      LATERAL jsonb_populate_record(NULL::operation_idempotency_keys, x.e) AS c
  ), inserted AS (
    INSERT INTO operation_idempotency_keys (customer_id, key, request_hash, response_status, response_body, created_at)
    SELECT customer_id, key, request_hash, response_status, response_body, created_at FROM input
    ORDER BY customer_id, key
    ON CONFLICT DO NOTHING RETURNING customer_id, key
  )
  SELECT array_agg(i2.key IS NOT NULL ORDER BY input.n) INTO claimed
  FROM input LEFT JOIN inserted AS i2 USING (customer_id, key);

  -- Retries: the answer stored by whoever claimed the key first (committed by now: the insert
  -- above waited for it). A released claim has no row: the caller treats it as a mismatch.
  IF false = ANY (claimed) THEN
    SELECT array_agg(k.request_hash ORDER BY x.n), array_agg(k.response_status ORDER BY x.n), array_agg(k.response_body ORDER BY x.n)
      INTO stored_hashes, stored_statuses, stored_bodies
      FROM jsonb_array_elements(claims) WITH ORDINALITY AS x (e, n)
      LEFT JOIN operation_idempotency_keys k
        ON NOT claimed[x.n] AND k.customer_id = x.e ->> 'customer_id' AND k.key = x.e ->> 'key';
  END IF;

  -- The fresh entries, renumbered for the ledger (all of them, but for retries).
  fresh_of := array_fill(0, ARRAY[entry_count]);
  FOR i IN 1 .. entry_count LOOP
    IF claimed[i] THEN fresh_count := fresh_count + 1; fresh_of[i] := fresh_count; END IF;
  END LOOP;
  IF fresh_count = 0 THEN RETURN; END IF;
  IF fresh_count = entry_count THEN
    SELECT * INTO ledger FROM ledger_post_batch(ledger_ids, ledger_kinds, ledger_descriptions, array_fill(NULL::text, ARRAY[fresh_count]),
      posting_ops, posting_accounts, posting_currencies, posting_amounts, '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}');
  ELSE
    SELECT * INTO ledger FROM ledger_post_batch(
      (SELECT array_agg(v ORDER BY n) FROM unnest(ledger_ids, claimed) WITH ORDINALITY AS t (v, c, n) WHERE c),
      (SELECT array_agg(v ORDER BY n) FROM unnest(ledger_kinds, claimed) WITH ORDINALITY AS t (v, c, n) WHERE c),
      (SELECT array_agg(v ORDER BY n) FROM unnest(ledger_descriptions, claimed) WITH ORDINALITY AS t (v, c, n) WHERE c),
      array_fill(NULL::text, ARRAY[fresh_count]),
      (SELECT array_agg(fresh_of[op] ORDER BY n) FROM unnest(posting_ops) WITH ORDINALITY AS p (op, n) WHERE claimed[op]),
      (SELECT array_agg(a ORDER BY n) FROM unnest(posting_accounts, posting_ops) WITH ORDINALITY AS p (a, op, n) WHERE claimed[op]),
      (SELECT array_agg(cur ORDER BY n) FROM unnest(posting_currencies, posting_ops) WITH ORDINALITY AS p (cur, op, n) WHERE claimed[op]),
      (SELECT array_agg(amount ORDER BY n) FROM unnest(posting_amounts, posting_ops) WITH ORDINALITY AS p (amount, op, n) WHERE claimed[op]),
      '{}', '{}', '{}', '{}', '{}', '{}', '{}', '{}');
  END IF;
  IF ledger.failure IS NOT NULL THEN
    RAISE EXCEPTION '%', ledger.failure USING ERRCODE = 'KL001', DETAIL = ledger.failure_subject;
  END IF;
  FOR i IN 1 .. entry_count LOOP
    CONTINUE WHEN fresh_of[i] = 0;
    j := fresh_of[i];
    IF ledger.declines[j] IS NOT NULL THEN
      IF declines_raise THEN
        RAISE EXCEPTION 'operations-batch-declined' USING ERRCODE = 'KO001';
      END IF;
      declines[i] := ledger.declines[j];
      decline_accounts[i] := ledger.decline_accounts[j];
    ELSE
      completed_count := completed_count + 1;
    END IF;
  END LOOP;

  INSERT INTO operations
    SELECT r.* FROM jsonb_array_elements(records) WITH ORDINALITY AS x (e, n),
      LATERAL jsonb_populate_record(NULL::operations, x.e) AS r
    WHERE claimed[x.n] AND declines[x.n] IS NULL
    ORDER BY x.n;
  GET DIAGNOSTICS inserted_count = ROW_COUNT;
  IF inserted_count <> completed_count THEN
    RAISE EXCEPTION 'operations_immediate_batch: % records of %', inserted_count, completed_count;
  END IF;
END
$$;
