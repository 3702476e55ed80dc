-- Back to one audit chain (downgrade of 0025): ac_audit_append as revision 0001 made it.
-- Entries already written on other chains stay where they are; only new ones go to the
-- single chain again.

DROP FUNCTION IF EXISTS ac_audit_seal();
DROP FUNCTION IF EXISTS ac_audit_take_chain();
DROP FUNCTION IF EXISTS ac_audit_chains();

CREATE OR REPLACE FUNCTION ac_audit_append(p_actor text, p_seat text, p_kind text, p_payload text)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_prev text;
  v_id bigint;
  v_at timestamptz := clock_timestamp();
  v_hash text;
BEGIN
  -- One writer at a time, so each row links to the row before it.
  PERFORM pg_advisory_xact_lock(7355608);
  SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  v_hash := encode(sha256(convert_to(concat_ws(E'\n', v_prev, v_id::text,
              to_char(v_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'),
              coalesce(p_actor, ''), coalesce(p_seat, ''), p_kind, p_payload), 'UTF8')), 'hex');
  INSERT INTO audit_log (id, at, actor_job_no, seat, kind, payload, prev_hash, hash)
  VALUES (v_id, v_at, p_actor, p_seat, p_kind, p_payload, v_prev, v_hash);
  RETURN v_id;
END $$;
