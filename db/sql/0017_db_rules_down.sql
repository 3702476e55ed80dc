-- Back to revision 0016's rules (downgrade of 0017). {seat_role} is filled in.
-- The owner stays read at call time (ac_is_admin_connection) and audit_log.actor_job_no
-- stays wide: both only ever accepted more.

DROP TRIGGER IF EXISTS calls_zown ON calls;
DROP TRIGGER IF EXISTS call_events_zown ON call_events;
DROP FUNCTION IF EXISTS ac_calls_own_in_progress();
DROP FUNCTION IF EXISTS ac_call_events_own_call();
DROP FUNCTION IF EXISTS ac_correct_call_notes(text, int, text, text);
DROP FUNCTION IF EXISTS ac_is_owner_role();
DROP FUNCTION IF EXISTS ac_seat_audit(text, text);
DROP FUNCTION IF EXISTS ac_audit_kind_for_functions(text);
DROP FUNCTION IF EXISTS ac_audit_kind_for_admins(text);
DROP FUNCTION IF EXISTS ac_admin_set_seat_role(text, text);
DROP FUNCTION IF EXISTS ac_admin_add_seat(text, text, text);
DROP FUNCTION IF EXISTS ac_check_seat_role(text);
DROP FUNCTION IF EXISTS ac_verify_password(bytea);
DROP FUNCTION IF EXISTS ac_delegation_approve(int, bytea);

CREATE OR REPLACE FUNCTION ac_login(p_job_no text, p_proof bytea, p_token_hash bytea, p_seat text)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v jsonb;
  o agent_sessions%ROWTYPE;
  pol security_policy%ROWTYPE;
  v_now timestamptz := clock_timestamp();
  v_sid int;
  v_lease timestamptz;
BEGIN
  v := ac_check_password(p_job_no, p_proof, p_seat, 'login');
  IF v->>'status' <> 'ok' THEN
    RETURN v;
  END IF;
  SELECT * INTO pol FROM security_policy WHERE id = 1;
  -- R1.2: one open session per job number. A live lease refuses; a lapsed one is taken over.
  SELECT * INTO o FROM agent_sessions WHERE job_no = p_job_no AND ended_at IS NULL FOR UPDATE;
  IF FOUND THEN
    IF o.lease_until > v_now THEN
      PERFORM ac_audit_append(p_job_no, p_seat, 'login.refused',
        jsonb_build_object('reason', 'busy', 'other_seat', o.seat)::text);
      RETURN jsonb_build_object('status', 'busy', 'other_seat', o.seat,
                                'other_since', o.started_at, 'free_at', o.lease_until);
    END IF;
    PERFORM ac_take_over(o, p_job_no, p_seat, v_now);
  END IF;
  -- One open session per seat, likewise.
  SELECT * INTO o FROM agent_sessions WHERE seat = p_seat AND ended_at IS NULL FOR UPDATE;
  IF FOUND THEN
    IF o.lease_until > v_now THEN
      PERFORM ac_audit_append(p_job_no, p_seat, 'login.refused',
        jsonb_build_object('reason', 'seat_busy', 'other_job_no', o.job_no)::text);
      RETURN jsonb_build_object('status', 'seat_busy', 'other_job_no', o.job_no,
                                'other_since', o.started_at, 'free_at', o.lease_until);
    END IF;
    PERFORM ac_take_over(o, p_job_no, p_seat, v_now);
  END IF;
  v_lease := v_now + make_interval(secs => pol.lease_seconds);
  INSERT INTO agent_sessions (agent_id, job_no, seat, token_hash, started_at, lease_until)
  VALUES ((v->>'agent_id')::int, p_job_no, p_seat, p_token_hash, v_now, v_lease)
  RETURNING id INTO v_sid;
  PERFORM ac_audit_append(p_job_no, p_seat, 'login.ok', jsonb_build_object('session_id', v_sid)::text);
  RETURN v || jsonb_build_object('session_id', v_sid, 'started_at', v_now, 'lease_until', v_lease,
                                 'lease_seconds', pol.lease_seconds);
END $$;

DROP FUNCTION IF EXISTS ac_role_may_use_seat(text);

CREATE OR REPLACE FUNCTION ac_verify_password(p_job_no text, p_proof bytea) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  RETURN ac_check_password(p_job_no, p_proof, b.seat, 'verify');
END $$;

CREATE OR REPLACE FUNCTION ac_delegation_approve(p_id int, p_approver text, p_proof bytea)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; d delegations%ROWTYPE; v jsonb;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  SELECT * INTO d FROM delegations WHERE id = p_id FOR UPDATE;
  IF NOT FOUND OR d.revoked_at IS NOT NULL OR d.valid_until <= now() THEN
    RAISE EXCEPTION 'delegation % is not open', p_id USING ERRCODE = 'ACV03';
  END IF;
  IF p_approver = d.delegate_job_no THEN
    RAISE EXCEPTION 'the delegate cannot approve their own delegation' USING ERRCODE = 'ACR01';
  END IF;
  v := ac_check_password(p_approver, p_proof, b.seat, 'delegation_approval');
  IF v->>'status' <> 'ok' THEN
    RETURN v;
  END IF;
  IF p_approver = d.owner_job_no THEN
    UPDATE delegations SET owner_approved_at = now() WHERE id = p_id;
  ELSIF v->>'role' IN ('supervisor', 'admin') THEN
    UPDATE delegations SET supervisor_approved_at = now(), supervisor_job_no = p_approver WHERE id = p_id;
  ELSE
    RAISE EXCEPTION 'only a supervisor or the owner approves a delegation' USING ERRCODE = 'ACR01';
  END IF;
  PERFORM ac_audit_append(p_approver, b.seat, 'delegation.approved',
    jsonb_build_object('delegation_id', p_id)::text);
  RETURN jsonb_build_object('status', 'ok');
END $$;

CREATE OR REPLACE FUNCTION ac_admin_add_seat(p_code text, p_location text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  PERFORM ac_check_seat_fields(p_code, p_location);
  IF EXISTS (SELECT 1 FROM seats WHERE code = p_code) THEN
    RAISE EXCEPTION 'seat % exists', p_code USING ERRCODE = 'ACG03';
  END IF;
  INSERT INTO seats (code, location, active) VALUES (p_code, btrim(p_location), true);
  PERFORM ac_audit('seat.added', jsonb_build_object('code', p_code,
                                                    'location', btrim(p_location))::text);
END $$;

REVOKE ALL ON FUNCTION ac_verify_password(text, bytea), ac_delegation_approve(int, text, bytea),
  ac_admin_add_seat(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ac_audit(text, text), ac_verify_password(text, bytea),
  ac_delegation_approve(int, text, bytea), ac_admin_add_seat(text, text) TO {seat_role};
