-- Agents and seats administration, revision 0012. {seat_role} is filled in.
--
-- An administrator changes people and seats from their own seat. The seats' role still
-- has no write grant on agents, seats or credentials: every change goes through one of
-- the security-definer functions below, which check that the transaction's bound
-- session is an active administrator's (or that this is the schema owner's own
-- connection: the command line), enforce the rules that keep the center able to run,
-- and write the audit row themselves, so a client that skips the console changes
-- nothing unchecked or unrecorded:
--   * nobody disables or demotes themselves;
--   * one active administrator always remains (a trigger: it holds for the owner too);
--   * disabling or demoting an agent ends their open session (their console signs out
--     at the next heartbeat);
--   * a temporary password is hashed at the policy's strength and must be changed at
--     the next login.

-- Who administers: the bound session's agent (an administrator), or the owner. ---------

CREATE OR REPLACE FUNCTION ac_require_admin(
  OUT admin_job_no text, OUT admin_session_id int)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    IF NOT ac_is_admin_connection() THEN
      RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
    END IF;
    admin_job_no := left('admin:' || session_user, 16);
    RETURN;
  END IF;
  IF b.role IS DISTINCT FROM 'admin' THEN
    RAISE EXCEPTION 'people and seats are changed by an administrator only' USING ERRCODE = 'ACR01';
  END IF;
  admin_job_no := b.agent_job_no;
  admin_session_id := b.session_id;
END $$;

CREATE OR REPLACE FUNCTION ac_check_new_credential(p_salt bytea, p_t int, p_m int, p_verifier bytea)
RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  -- OWASP minimums for argon2id: 19 MiB, 2 passes (as ac_set_password).
  IF p_m < 19456 OR p_t < 2 OR length(p_salt) < 16 OR length(p_verifier) <> 32 THEN
    RAISE EXCEPTION 'password hash parameters below the policy' USING ERRCODE = 'ACP01';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ac_check_agent_fields(p_job_no text, p_name text, p_role text)
RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_job_no IS NULL OR p_job_no !~ '^[0-9A-Za-z]{1,16}$'
     OR p_name IS NULL OR char_length(btrim(p_name)) NOT BETWEEN 1 AND 64
     OR p_role IS NULL OR p_role NOT IN ('agent', 'supervisor', 'admin') THEN
    RAISE EXCEPTION 'not a valid job number, name or role' USING ERRCODE = 'ACG03';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ac_role_rank(p_role text) RETURNS int
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE p_role WHEN 'agent' THEN 1 WHEN 'supervisor' THEN 2 WHEN 'admin' THEN 3 ELSE 0 END
$$;

-- Ends the open sessions of an agent who was disabled or demoted (not granted: called
-- by the functions below only).
CREATE OR REPLACE FUNCTION ac_admin_end_sessions(p_agent_id int, p_reason text, p_by text)
RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE r record; n int := 0;
BEGIN
  FOR r IN UPDATE agent_sessions SET ended_at = clock_timestamp(), end_reason = p_reason,
                  ended_by_job_no = p_by
            WHERE agent_id = p_agent_id AND ended_at IS NULL
        RETURNING id, job_no, seat LOOP
    PERFORM ac_audit('session.ended', jsonb_build_object('session_id', r.id,
      'job_no', r.job_no, 'seat', r.seat, 'reason', p_reason)::text);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

-- One active administrator always remains, whoever writes. -----------------------------

CREATE OR REPLACE FUNCTION ac_agents_keep_an_admin() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF OLD.role = 'admin' AND OLD.active
     AND (TG_OP = 'DELETE' OR NOT (NEW.role = 'admin' AND NEW.active)) THEN
    -- Two administrators demoting each other at once: the second waits here, then
    -- sees the first one's change (each statement of a volatile function reads anew).
    PERFORM pg_advisory_xact_lock(7355609);
    IF NOT EXISTS (SELECT 1 FROM agents WHERE role = 'admin' AND active AND id <> OLD.id) THEN
      RAISE EXCEPTION 'at least one active administrator must remain' USING ERRCODE = 'ACG02';
    END IF;
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

DROP TRIGGER IF EXISTS agents_keep_an_admin ON agents;
CREATE TRIGGER agents_keep_an_admin BEFORE UPDATE OR DELETE ON agents
  FOR EACH ROW EXECUTE FUNCTION ac_agents_keep_an_admin();

-- Agents ---------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION ac_admin_add_agent(p_job_no text, p_name text, p_role text,
  p_salt bytea, p_t int, p_m int, p_p int, p_verifier bytea) RETURNS int
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_id int;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  PERFORM ac_check_agent_fields(p_job_no, p_name, p_role);
  PERFORM ac_check_new_credential(p_salt, p_t, p_m, p_verifier);
  IF EXISTS (SELECT 1 FROM agents WHERE job_no = p_job_no) THEN
    RAISE EXCEPTION 'job number % exists', p_job_no USING ERRCODE = 'ACG03';
  END IF;
  INSERT INTO agents (job_no, name, role, active, must_change_password, created_at)
  VALUES (p_job_no, btrim(p_name), p_role, true, true, clock_timestamp()) RETURNING id INTO v_id;
  INSERT INTO agent_credentials (agent_id, salt, time_cost, memory_kib, parallelism, verifier,
                                 failed_count, locked_until, changed_at)
  VALUES (v_id, p_salt, p_t, p_m, p_p, p_verifier, 0, NULL, clock_timestamp());
  PERFORM ac_audit('agent.added', jsonb_build_object('job_no', p_job_no, 'name', btrim(p_name),
                                                     'role', p_role)::text);
  RETURN v_id;
END $$;

-- Name and role. A demoted agent is signed out: their console must not keep rights the
-- database no longer gives them. Returns whether anything changed.
CREATE OR REPLACE FUNCTION ac_admin_edit_agent(p_job_no text, p_name text, p_role text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; a agents%ROWTYPE;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  PERFORM ac_check_agent_fields(p_job_no, p_name, p_role);
  SELECT * INTO a FROM agents WHERE job_no = p_job_no FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no job number %', p_job_no USING ERRCODE = 'ACG03';
  END IF;
  IF a.job_no = b.admin_job_no AND p_role <> a.role THEN
    RAISE EXCEPTION 'an administrator does not change their own role' USING ERRCODE = 'ACG01';
  END IF;
  IF a.name = btrim(p_name) AND a.role = p_role THEN
    RETURN false;
  END IF;
  UPDATE agents SET name = btrim(p_name), role = p_role WHERE id = a.id;
  PERFORM ac_audit('agent.edited', jsonb_build_object('job_no', p_job_no,
    'name', btrim(p_name), 'role', p_role, 'previous_name', a.name,
    'previous_role', a.role)::text);
  IF ac_role_rank(p_role) < ac_role_rank(a.role) THEN
    PERFORM ac_admin_end_sessions(a.id, 'role_changed', b.admin_job_no);
  END IF;
  RETURN true;
END $$;

-- Disable (ends the open session) or re-enable. Returns whether anything changed.
CREATE OR REPLACE FUNCTION ac_admin_set_agent_active(p_job_no text, p_active boolean, p_reason text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; a agents%ROWTYPE;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  SELECT * INTO a FROM agents WHERE job_no = p_job_no FOR UPDATE;
  IF NOT FOUND OR p_active IS NULL THEN
    RAISE EXCEPTION 'no job number %', p_job_no USING ERRCODE = 'ACG03';
  END IF;
  IF a.job_no = b.admin_job_no AND NOT p_active THEN
    RAISE EXCEPTION 'an administrator does not disable themselves' USING ERRCODE = 'ACG01';
  END IF;
  IF a.active = p_active THEN
    RETURN false;
  END IF;
  UPDATE agents SET active = p_active WHERE id = a.id;
  PERFORM ac_audit(CASE WHEN p_active THEN 'agent.enabled' ELSE 'agent.disabled' END,
    jsonb_build_object('job_no', p_job_no, 'reason', coalesce(p_reason, ''))::text);
  IF NOT p_active THEN
    PERFORM ac_admin_end_sessions(a.id, 'agent_disabled', b.admin_job_no);
  END IF;
  RETURN true;
END $$;

-- A temporary password: a clean slate (no failures, no lock), changed at the next login.
CREATE OR REPLACE FUNCTION ac_admin_reset_password(p_job_no text, p_salt bytea, p_t int,
  p_m int, p_p int, p_verifier bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; a agents%ROWTYPE;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  PERFORM ac_check_new_credential(p_salt, p_t, p_m, p_verifier);
  SELECT * INTO a FROM agents WHERE job_no = p_job_no;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no job number %', p_job_no USING ERRCODE = 'ACG03';
  END IF;
  UPDATE agent_credentials SET salt = p_salt, time_cost = p_t, memory_kib = p_m,
         parallelism = p_p, verifier = p_verifier, failed_count = 0, locked_until = NULL,
         changed_at = clock_timestamp()
   WHERE agent_id = a.id;
  UPDATE agents SET must_change_password = true WHERE id = a.id;
  PERFORM ac_audit('agent.password_reset', jsonb_build_object('job_no', p_job_no)::text);
END $$;

CREATE OR REPLACE FUNCTION ac_admin_unlock(p_job_no text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; a agents%ROWTYPE;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  SELECT * INTO a FROM agents WHERE job_no = p_job_no;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no job number %', p_job_no USING ERRCODE = 'ACG03';
  END IF;
  UPDATE agent_credentials SET failed_count = 0, locked_until = NULL WHERE agent_id = a.id;
  PERFORM ac_audit('agent.unlocked', jsonb_build_object('job_no', p_job_no)::text);
END $$;

-- Which job numbers are locked, for the administrators' list (seats cannot read
-- agent_credentials).
CREATE OR REPLACE FUNCTION ac_admin_locks()
RETURNS TABLE (job_no text, locked_until timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  RETURN QUERY SELECT a.job_no::text, c.locked_until FROM agents a
    JOIN agent_credentials c ON c.agent_id = a.id
   WHERE c.locked_until > clock_timestamp();
END $$;

-- Seats ----------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION ac_check_seat_fields(p_code text, p_location text)
RETURNS void LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF p_code IS NULL OR char_length(btrim(p_code)) NOT BETWEEN 1 AND 64 OR p_code <> btrim(p_code)
     OR p_code ~ '[[:cntrl:]]' OR p_location IS NULL OR char_length(p_location) > 128
     OR p_location ~ '[[:cntrl:]]' THEN
    RAISE EXCEPTION 'not a valid seat code or location' USING ERRCODE = 'ACG03';
  END IF;
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

CREATE OR REPLACE FUNCTION ac_admin_edit_seat(p_code text, p_location text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_old text;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  PERFORM ac_check_seat_fields(p_code, p_location);
  SELECT location INTO v_old FROM seats WHERE code = p_code FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no seat %', p_code USING ERRCODE = 'ACG03';
  END IF;
  IF v_old = btrim(p_location) THEN
    RETURN false;
  END IF;
  UPDATE seats SET location = btrim(p_location) WHERE code = p_code;
  PERFORM ac_audit('seat.edited', jsonb_build_object('code', p_code,
    'location', btrim(p_location), 'previous_location', v_old)::text);
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION ac_admin_set_seat_active(p_code text, p_active boolean, p_reason text)
RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_active boolean;
BEGIN
  SELECT * INTO b FROM ac_require_admin();
  SELECT active INTO v_active FROM seats WHERE code = p_code FOR UPDATE;
  IF NOT FOUND OR p_active IS NULL THEN
    RAISE EXCEPTION 'no seat %', p_code USING ERRCODE = 'ACG03';
  END IF;
  IF v_active = p_active THEN
    RETURN false;
  END IF;
  UPDATE seats SET active = p_active WHERE code = p_code;
  PERFORM ac_audit(CASE WHEN p_active THEN 'seat.enabled' ELSE 'seat.disabled' END,
    jsonb_build_object('code', p_code, 'reason', coalesce(p_reason, ''))::text);
  RETURN true;
END $$;

-- Grants ---------------------------------------------------------------------------------

REVOKE ALL ON FUNCTION
  ac_require_admin(), ac_check_new_credential(bytea, int, int, bytea),
  ac_check_agent_fields(text, text, text), ac_role_rank(text),
  ac_admin_end_sessions(int, text, text), ac_agents_keep_an_admin(),
  ac_check_seat_fields(text, text)
  FROM PUBLIC;
REVOKE ALL ON FUNCTION
  ac_admin_add_agent(text, text, text, bytea, int, int, int, bytea),
  ac_admin_edit_agent(text, text, text), ac_admin_set_agent_active(text, boolean, text),
  ac_admin_reset_password(text, bytea, int, int, int, bytea), ac_admin_unlock(text),
  ac_admin_locks(), ac_admin_add_seat(text, text), ac_admin_edit_seat(text, text),
  ac_admin_set_seat_active(text, boolean, text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION
  ac_admin_add_agent(text, text, text, bytea, int, int, int, bytea),
  ac_admin_edit_agent(text, text, text), ac_admin_set_agent_active(text, boolean, text),
  ac_admin_reset_password(text, bytea, int, int, int, bytea), ac_admin_unlock(text),
  ac_admin_locks(), ac_admin_add_seat(text, text), ac_admin_edit_seat(text, text),
  ac_admin_set_seat_active(text, boolean, text)
  TO {seat_role};
