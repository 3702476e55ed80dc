-- What the database refuses, revision 0017. {seat_role} is filled in.
--
--   * Sign-in only at a registered seat in service, from a database role the register
--     allows there (seats.db_role: one login role per seat, or one for the whole center).
--     A login repeated after its reply was lost (same token) gets its own session back.
--   * Seats write only their own kinds of audit entry (ac_seat_audit): administration,
--     sign-in and session entries come from the functions that do the thing.
--   * A call is changed only by the agent on it, while it is in progress; a finished
--     call's notes are corrected with ac_correct_call_notes, which keeps the text it
--     replaces (call_corrections) and audits the correction.
--   * Passwords are checked only for oneself (unlock, delegation approval).
--   * Administration without a session is audited as 'admin:' and the database role
--     (any length), with the operating-system user and host the command line reports.
--   * Who the schema owner is, is read when asked, not written into the functions.

-- The schema owner, whatever it is called today -------------------------------------------

CREATE OR REPLACE FUNCTION ac_is_admin_connection() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT pg_has_role(session_user, c.relowner, 'MEMBER')
    FROM pg_class c WHERE c.oid = 'public.agents'::regclass
$$;

-- Audit ----------------------------------------------------------------------------------

-- For the functions below and the owner (not granted to seats).
CREATE OR REPLACE FUNCTION ac_audit(p_kind text, p_payload text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    IF NOT ac_is_admin_connection() THEN
      RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
    END IF;
    -- The role is what the database vouches for; user@host is what the command line
    -- says it runs as (agent_console.operator, set for the transaction).
    RETURN ac_audit_append('admin:' || session_user,
      nullif(left(coalesce(current_setting('agent_console.operator', true), ''), 64), ''),
      p_kind, p_payload);
  END IF;
  RETURN ac_audit_append(b.agent_job_no, b.seat, p_kind, p_payload);
END $$;

CREATE OR REPLACE FUNCTION ac_audit_kind_for_functions(p_kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_kind ~ '^(agent|seat|session|login|logout|password|password_change|verify|delegation|delegation_approval)(\.|$)'
      OR p_kind = 'call.corrected'
$$;

CREATE OR REPLACE FUNCTION ac_audit_kind_for_admins(p_kind text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_kind ~ '^(department|knowledge|content|demo)(\.|$)'
$$;

-- What a seat writes itself: the entries of its own work. Administration and session
-- entries are refused here; an administrator's seat may write the entries of the
-- content it maintains (departments, knowledge, content versions).
CREATE OR REPLACE FUNCTION ac_seat_audit(p_kind text, p_payload text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    RETURN ac_audit(p_kind, p_payload);  -- the owner, or refused there
  END IF;
  IF ac_audit_kind_for_functions(p_kind)
     OR (ac_audit_kind_for_admins(p_kind) AND b.role IS DISTINCT FROM 'admin') THEN
    RAISE EXCEPTION 'a seat does not write audit entries of kind %', p_kind USING ERRCODE = 'ACA02';
  END IF;
  RETURN ac_audit_append(b.agent_job_no, b.seat, p_kind, p_payload);
END $$;

-- Sign-in ----------------------------------------------------------------------------------

-- Whether the connected role may sign in at a seat whose register allows p_db_role:
-- that role, a member of it, or the schema owner.
CREATE OR REPLACE FUNCTION ac_role_may_use_seat(p_db_role text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT ac_is_admin_connection() OR EXISTS (
    SELECT 1 FROM pg_roles r
     WHERE r.rolname = p_db_role AND pg_has_role(session_user, r.oid, 'MEMBER'))
$$;

CREATE OR REPLACE FUNCTION ac_login(p_job_no text, p_proof bytea, p_token_hash bytea, p_seat text)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v jsonb;
  o agent_sessions%ROWTYPE;
  st seats%ROWTYPE;
  pol security_policy%ROWTYPE;
  v_now timestamptz := clock_timestamp();
  v_sid int;
  v_lease timestamptz;
  v_refusal text;
BEGIN
  -- The register of seats: registered, in service, and allowed to this database role.
  SELECT * INTO st FROM seats WHERE code = p_seat;
  v_refusal := CASE WHEN NOT FOUND THEN 'seat_unknown'
                    WHEN NOT st.active THEN 'seat_out_of_service'
                    WHEN NOT ac_role_may_use_seat(st.db_role) THEN 'seat_not_allowed' END;
  IF v_refusal IS NOT NULL THEN
    PERFORM ac_audit_append(left(p_job_no, 16), left(p_seat, 64), 'login.refused',
      jsonb_build_object('reason', v_refusal, 'db_role', session_user)::text);
    RETURN jsonb_build_object('status', v_refusal);
  END IF;
  v := ac_check_password(p_job_no, p_proof, p_seat, 'login');
  IF v->>'status' <> 'ok' THEN
    RETURN v;
  END IF;
  SELECT * INTO pol FROM security_policy WHERE id = 1;
  -- R1.2: one open session per job number. A live lease refuses; a lapsed one is taken over.
  SELECT * INTO o FROM agent_sessions WHERE job_no = p_job_no AND ended_at IS NULL FOR UPDATE;
  IF FOUND AND o.token_hash = p_token_hash AND o.seat = p_seat THEN
    -- This very login, repeated because its reply was lost: the session it made.
    RETURN v || jsonb_build_object('session_id', o.id, 'started_at', o.started_at,
                                   'lease_until', o.lease_until, 'lease_seconds', pol.lease_seconds);
  END IF;
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

-- Passwords: only one's own ---------------------------------------------------------------

DROP FUNCTION IF EXISTS ac_verify_password(text, bytea);
CREATE OR REPLACE FUNCTION ac_verify_password(p_proof bytea) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  RETURN ac_check_password(b.agent_job_no, p_proof, b.seat, 'verify');
END $$;

-- R1.4: the supervisor and the owner each approve from their own session, confirming
-- with their own password.
DROP FUNCTION IF EXISTS ac_delegation_approve(int, text, bytea);
CREATE OR REPLACE FUNCTION ac_delegation_approve(p_id int, p_proof bytea)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; d delegations%ROWTYPE; v jsonb;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  SELECT * INTO d FROM delegations WHERE id = p_id FOR UPDATE;
  IF NOT FOUND OR d.revoked_at IS NOT NULL OR d.valid_until <= now() THEN
    RAISE EXCEPTION 'delegation % is not open', p_id USING ERRCODE = 'ACV03';
  END IF;
  IF b.agent_job_no = d.delegate_job_no
     OR (b.agent_job_no <> d.owner_job_no AND b.role NOT IN ('supervisor', 'admin')) THEN
    RAISE EXCEPTION 'only a supervisor or the owner approves a delegation' USING ERRCODE = 'ACR01';
  END IF;
  v := ac_check_password(b.agent_job_no, p_proof, b.seat, 'delegation_approval');
  IF v->>'status' <> 'ok' THEN
    RETURN v;
  END IF;
  IF b.agent_job_no = d.owner_job_no THEN
    UPDATE delegations SET owner_approved_at = now() WHERE id = p_id;
  ELSE
    UPDATE delegations SET supervisor_approved_at = now(), supervisor_job_no = b.agent_job_no
     WHERE id = p_id;
  END IF;
  PERFORM ac_audit_append(b.agent_job_no, b.seat, 'delegation.approved',
    jsonb_build_object('delegation_id', p_id)::text);
  RETURN jsonb_build_object('status', 'ok');
END $$;

-- The register of seats: the database role allowed at each ---------------------------------

CREATE OR REPLACE FUNCTION ac_check_seat_role(p_db_role text) RETURNS text
LANGUAGE plpgsql STABLE AS $$
DECLARE v_role text := coalesce(nullif(btrim(p_db_role), ''), '{seat_role}');
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = v_role) THEN
    RAISE EXCEPTION 'no database role %', v_role USING ERRCODE = 'ACG04';
  END IF;
  RETURN v_role;
END $$;

DROP FUNCTION IF EXISTS ac_admin_add_seat(text, text);
CREATE OR REPLACE FUNCTION ac_admin_add_seat(p_code text, p_location text, p_db_role text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_role text;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  PERFORM ac_check_seat_fields(p_code, p_location);
  v_role := ac_check_seat_role(p_db_role);
  IF EXISTS (SELECT 1 FROM seats WHERE code = p_code) THEN
    RAISE EXCEPTION 'seat % exists', p_code USING ERRCODE = 'ACG03';
  END IF;
  INSERT INTO seats (code, location, active, db_role) VALUES (p_code, btrim(p_location), true, v_role);
  PERFORM ac_audit('seat.added', jsonb_build_object('code', p_code,
    'location', btrim(p_location), 'db_role', v_role)::text);
END $$;

CREATE OR REPLACE FUNCTION ac_admin_set_seat_role(p_code text, p_db_role text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_old text; v_role text;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  v_role := ac_check_seat_role(p_db_role);
  SELECT db_role INTO v_old FROM seats WHERE code = p_code FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no seat %', p_code USING ERRCODE = 'ACG03';
  END IF;
  IF v_old IS NOT DISTINCT FROM v_role THEN
    RETURN false;
  END IF;
  UPDATE seats SET db_role = v_role WHERE code = p_code;
  PERFORM ac_audit('seat.role_changed', jsonb_build_object('code', p_code,
    'db_role', v_role, 'previous_db_role', v_old)::text);
  RETURN true;
END $$;

-- Calls: changed by the agent on them, while in progress --------------------------------
--
-- Security invoker on purpose: current_user is the seat's own role when a seat writes,
-- and the schema owner inside ac_correct_call_notes (or for the owner's own connection).

CREATE OR REPLACE FUNCTION ac_is_owner_role() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT pg_has_role(current_user, c.relowner, 'MEMBER')
    FROM pg_class c WHERE c.oid = 'public.calls'::regclass
$$;

CREATE OR REPLACE FUNCTION ac_calls_own_in_progress() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  IF ac_is_owner_role() THEN
    RETURN NEW;
  END IF;
  SELECT * INTO b FROM ac_bound_session();
  IF OLD.ended_at IS NOT NULL THEN
    RAISE EXCEPTION 'call % is finished: its notes are corrected, not rewritten', OLD.id
      USING ERRCODE = 'ACC04';
  END IF;
  IF OLD.job_no IS DISTINCT FROM b.job_no THEN
    RAISE EXCEPTION 'call % is another agent''s', OLD.id USING ERRCODE = 'ACC05';
  END IF;
  RETURN NEW;
END $$;

-- Named to fire after the fence and the stamp (triggers fire in name order).
DROP TRIGGER IF EXISTS calls_zown ON calls;
CREATE TRIGGER calls_zown BEFORE UPDATE ON calls
  FOR EACH ROW EXECUTE FUNCTION ac_calls_own_in_progress();

CREATE OR REPLACE FUNCTION ac_call_events_own_call() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = public, pg_temp AS $$
DECLARE b record; c record;
BEGIN
  IF ac_is_owner_role()
     -- A retried append: the event is there; ON CONFLICT DO NOTHING skips it.
     OR EXISTS (SELECT 1 FROM call_events WHERE call_id = NEW.call_id AND seq = NEW.seq) THEN
    RETURN NEW;
  END IF;
  SELECT * INTO b FROM ac_bound_session();
  SELECT job_no, ended_at INTO c FROM calls WHERE id = NEW.call_id;
  IF FOUND AND c.ended_at IS NOT NULL THEN
    RAISE EXCEPTION 'call % is finished: its events are complete', NEW.call_id
      USING ERRCODE = 'ACC04';
  END IF;
  IF FOUND AND c.job_no IS DISTINCT FROM b.job_no THEN
    RAISE EXCEPTION 'call % is another agent''s', NEW.call_id USING ERRCODE = 'ACC05';
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS call_events_zown ON call_events;
CREATE TRIGGER call_events_zown BEFORE INSERT ON call_events
  FOR EACH ROW EXECUTE FUNCTION ac_call_events_own_call();

-- Corrections: written by ac_correct_call_notes only, never changed.
DROP TRIGGER IF EXISTS call_corrections_fence ON call_corrections;
CREATE TRIGGER call_corrections_fence BEFORE INSERT ON call_corrections
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS call_corrections_immutable ON call_corrections;
CREATE TRIGGER call_corrections_immutable BEFORE UPDATE OR DELETE ON call_corrections
  FOR EACH ROW EXECUTE FUNCTION ac_call_events_immutable();
DROP TRIGGER IF EXISTS call_corrections_no_truncate ON call_corrections;
CREATE TRIGGER call_corrections_no_truncate BEFORE TRUNCATE ON call_corrections
  FOR EACH STATEMENT EXECUTE FUNCTION ac_call_events_immutable();

-- The agent who took the call, or a supervisor, corrects a finished call's notes with a
-- reason. Returns the call's new version. Repeating it after a lost reply is no conflict.
CREATE OR REPLACE FUNCTION ac_correct_call_notes(p_call_id text, p_expected_version int,
                                                 p_notes text, p_reason text)
RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; c calls%ROWTYPE;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  SELECT * INTO c FROM calls WHERE id = p_call_id FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no call %', p_call_id USING ERRCODE = 'ACC06';
  END IF;
  IF c.job_no IS DISTINCT FROM b.job_no AND b.role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'call % is another agent''s', c.id USING ERRCODE = 'ACC05';
  END IF;
  IF c.ended_at IS NULL THEN
    RAISE EXCEPTION 'call % is in progress: its seat saves it', c.id USING ERRCODE = 'ACC07';
  END IF;
  IF p_notes IS NULL OR char_length(p_notes) > 4000
     OR p_reason IS NULL OR char_length(btrim(p_reason)) NOT BETWEEN 1 AND 500 THEN
    RAISE EXCEPTION 'a correction needs notes of at most 4000 characters and a reason'
      USING ERRCODE = 'ACC08';
  END IF;
  IF c.version <> p_expected_version THEN
    IF c.version = p_expected_version + 1 AND c.notes = p_notes AND EXISTS (
         SELECT 1 FROM call_corrections WHERE call_id = c.id AND version = p_expected_version
            AND session_id = b.session_id) THEN
      RETURN c.version;
    END IF;
    RAISE EXCEPTION 'call % was changed meanwhile', c.id USING ERRCODE = 'ACC02';
  END IF;
  IF c.notes = p_notes THEN
    RETURN c.version;
  END IF;
  INSERT INTO call_corrections (call_id, version, previous_notes, notes, reason, corrected_at,
                                job_no, session_id)
  VALUES (c.id, c.version, c.notes, p_notes, btrim(p_reason), clock_timestamp(), b.job_no,
          b.session_id);
  UPDATE calls SET notes = p_notes, version = c.version + 1, updated_at = clock_timestamp()
   WHERE id = c.id;
  PERFORM ac_audit('call.corrected', jsonb_build_object('call_id', c.id, 'job_no', c.job_no,
    'version', c.version + 1, 'reason', btrim(p_reason))::text);
  RETURN c.version + 1;
END $$;

-- Grants ---------------------------------------------------------------------------------

REVOKE ALL ON FUNCTION
  ac_audit(text, text), ac_seat_audit(text, text), ac_audit_kind_for_functions(text),
  ac_audit_kind_for_admins(text), ac_role_may_use_seat(text), ac_verify_password(bytea),
  ac_delegation_approve(int, bytea), ac_check_seat_role(text),
  ac_admin_add_seat(text, text, text), ac_admin_set_seat_role(text, text),
  ac_is_owner_role(), ac_calls_own_in_progress(), ac_call_events_own_call(),
  ac_correct_call_notes(text, int, text, text), ac_is_admin_connection()
  FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION ac_audit(text, text) FROM {seat_role};
GRANT EXECUTE ON FUNCTION
  ac_seat_audit(text, text), ac_verify_password(bytea), ac_delegation_approve(int, bytea),
  ac_admin_add_seat(text, text, text), ac_admin_set_seat_role(text, text),
  ac_correct_call_notes(text, int, text, text),
  -- The invoker triggers on calls and call_events run with the seat's own rights.
  ac_is_owner_role()
  TO {seat_role};
REVOKE ALL ON call_corrections FROM {seat_role};
GRANT SELECT ON call_corrections TO {seat_role};
