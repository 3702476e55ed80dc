-- Audit appends that do not queue behind each other (issue 19 item 7 c). Loaded by
-- migration 0025; {seat_role} is filled in there.
--
-- Until now every append took one advisory lock and held it to the end of its
-- transaction, so each entry could link to the one before it: 200 sign-outs at a shift
-- change went through one at a time, each waiting for the commit of the one before.
--
-- The log is now {chains} chains side by side (audit_log.chain). An append takes the
-- first chain no other transaction holds (pg_try_advisory_xact_lock never waits) and
-- links to that chain's newest entry; only when every chain is busy does it wait, for
-- one of them. A transaction keeps the chain it took for all its entries. Within a chain
-- the lock is still held to the commit, so its entries commit in id order and each links
-- to the one before it: every chain verifies as the single chain did, and an entry
-- changed or removed from the middle of any chain breaks its links.
--
-- A chain's newest entries removed would leave a shorter chain that still verifies, so a
-- printed report's head is a seal (ac_audit_seal): with every chain's lock taken (no
-- append in flight, so every smaller id is committed), an 'audit.sealed' entry whose
-- payload names each chain's newest entry (id and hash). The verifier, walking in id
-- order, checks that each chain ends there at that point (db/audit.py).

CREATE OR REPLACE FUNCTION ac_audit_chains() RETURNS int
LANGUAGE sql IMMUTABLE AS $$ SELECT {chains} $$;

CREATE OR REPLACE FUNCTION ac_audit_take_chain() RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  -- The chain this transaction took for an earlier entry: only a hint (anyone may set
  -- the setting), tried like any other chain; the lock is what counts.
  v_hint int := nullif(current_setting('agent_console.audit_chain', true), '')::int;
  v_start int := pg_backend_pid() % ac_audit_chains();
  k int;
BEGIN
  IF v_hint BETWEEN 0 AND ac_audit_chains() - 1
     AND pg_try_advisory_xact_lock(7355608, v_hint) THEN  -- a lock held is taken again
    RETURN v_hint;
  END IF;
  -- Starting at a place of its own, so that seats do not all try chain 0 first.
  FOR i IN 0 .. ac_audit_chains() - 1 LOOP
    k := (v_start + i) % ac_audit_chains();
    IF pg_try_advisory_xact_lock(7355608, k) THEN
      PERFORM set_config('agent_console.audit_chain', k::text, true);
      RETURN k;
    END IF;
  END LOOP;
  -- Every chain busy: wait for this backend's own.
  PERFORM pg_advisory_xact_lock(7355608, v_start);
  PERFORM set_config('agent_console.audit_chain', v_start::text, true);
  RETURN v_start;
END $$;

CREATE OR REPLACE FUNCTION ac_audit_append(p_actor text, p_seat text, p_kind text, p_payload text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_chain int := ac_audit_take_chain();
  v_prev text;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_hash text;
BEGIN
  SELECT hash INTO v_prev FROM audit_log WHERE chain = v_chain ORDER BY id DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  -- Taken under the chain's lock: within a chain, ids follow the order of commits.
  v_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  v_hash := encode(sha256(convert_to(concat_ws(E'\n', v_prev, v_id::text,
              to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
              coalesce(p_actor, ''), coalesce(p_seat, ''), p_kind, p_payload), 'UTF8')), 'hex');
  INSERT INTO audit_log (id, at, actor_job_no, seat, kind, payload, prev_hash, hash, chain)
  VALUES (v_id, v_at, p_actor, p_seat, p_kind, p_payload, v_prev, v_hash, v_chain);
  RETURN v_id;
END $$;

-- The head a report prints: a seal naming every chain's newest entry. Any seat may seal
-- (it adds an entry, and takes every chain for a moment: reports are printed rarely).
CREATE OR REPLACE FUNCTION ac_audit_seal(OUT entry_id bigint, OUT entry_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  b record;
  v_tails text;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL AND NOT ac_is_admin_connection() THEN
    RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
  END IF;
  -- In chain order, as every sealer does (two sealers never wait on each other in a
  -- circle; an appender holding a chain never waits for another).
  FOR k IN 0 .. ac_audit_chains() - 1 LOOP
    PERFORM pg_advisory_xact_lock(7355608, k);
  END LOOP;
  SELECT coalesce(jsonb_object_agg(t.chain::text, jsonb_build_array(t.id, t.hash)), '{}'::jsonb)::text
    INTO v_tails
    FROM (SELECT DISTINCT ON (chain) chain, id, hash FROM audit_log
           ORDER BY chain, id DESC) t;
  IF b.session_id IS NULL THEN
    entry_id := ac_audit_append('admin:' || session_user,
      nullif(left(coalesce(current_setting('agent_console.operator', true), ''), 64), ''),
      'audit.sealed', v_tails);
  ELSE
    entry_id := ac_audit_append(b.agent_job_no, b.seat, 'audit.sealed', v_tails);
  END IF;
  SELECT hash INTO entry_hash FROM audit_log WHERE id = entry_id;
END $$;

-- A seal is the database's own entry: no seat writes an 'audit…' entry itself (a made-up
-- seal would make the verifier cry wolf).
CREATE OR REPLACE FUNCTION ac_audit_kind_for_functions(p_kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_kind ~ '^(agent|seat|session|login|logout|password|password_change|verify|delegation|delegation_approval|audit)(\.|$)'
      OR p_kind = 'call.corrected'
$$;

REVOKE ALL ON FUNCTION ac_audit_take_chain(), ac_audit_seal() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ac_audit_seal() TO {seat_role};
