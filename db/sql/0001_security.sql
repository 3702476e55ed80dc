-- Rules the shared PostgreSQL database enforces itself, whatever the client does
-- (SECURITY.md). Loaded by the migrations; {owner} and {seat_role} are filled in there.
--
-- A seat binds its session to each transaction with
--     SELECT set_config('agent_console.token', '<hex token>', true)
-- and every function and trigger below reads it from there. The database stores only
-- sha256(token); the seat role cannot read credentials, cannot write sessions or the
-- audit log directly, and cannot write business rows without an active session.

CREATE OR REPLACE FUNCTION ac_is_admin_connection() RETURNS boolean
LANGUAGE sql STABLE AS $$ SELECT pg_has_role(session_user, '{owner}', 'MEMBER') $$;

CREATE OR REPLACE FUNCTION ac_token_hash() RETURNS bytea
LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN coalesce(current_setting('agent_console.token', true), '') = '' THEN NULL
              ELSE sha256(decode(current_setting('agent_console.token', true), 'hex')) END
$$;

-- Audit ------------------------------------------------------------------------------

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

CREATE OR REPLACE FUNCTION ac_audit_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only' USING ERRCODE = 'ACA01';
END $$;

DROP TRIGGER IF EXISTS audit_log_immutable ON audit_log;
CREATE TRIGGER audit_log_immutable BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION ac_audit_immutable();
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION ac_audit_immutable();

-- The bound session -------------------------------------------------------------------

CREATE OR REPLACE FUNCTION ac_bound_session(
  OUT session_id int, OUT job_no text, OUT delegate_job_no text,
  OUT agent_job_no text, OUT role text, OUT seat text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  s agent_sessions%ROWTYPE;
  d delegations%ROWTYPE;
BEGIN
  SELECT * INTO s FROM agent_sessions
   WHERE token_hash = ac_token_hash() AND ended_at IS NULL;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  session_id := s.id;
  seat := s.seat;
  agent_job_no := s.job_no;
  SELECT a.role INTO role FROM agents a WHERE a.id = s.agent_id;
  IF s.delegation_id IS NULL THEN
    job_no := s.job_no;
  ELSE
    SELECT * INTO d FROM delegations WHERE id = s.delegation_id;
    IF d.revoked_at IS NOT NULL OR d.valid_until <= now()
       OR d.supervisor_approved_at IS NULL OR d.owner_approved_at IS NULL THEN
      RAISE EXCEPTION 'delegation % is no longer valid', d.id USING ERRCODE = 'ACD01';
    END IF;
    job_no := d.owner_job_no;
    delegate_job_no := s.job_no;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ac_require_session(
  OUT session_id int, OUT job_no text, OUT delegate_job_no text,
  OUT agent_job_no text, OUT role text, OUT seat text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  SELECT * INTO session_id, job_no, delegate_job_no, agent_job_no, role, seat FROM ac_bound_session();
  IF session_id IS NULL THEN
    RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ac_audit(p_kind text, p_payload text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    IF NOT ac_is_admin_connection() THEN
      RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
    END IF;
    RETURN ac_audit_append('admin:' || session_user, NULL, p_kind, p_payload);
  END IF;
  RETURN ac_audit_append(b.agent_job_no, b.seat, p_kind, p_payload);
END $$;

-- Fencing and stamping of business rows -------------------------------------------------

CREATE OR REPLACE FUNCTION ac_fence_stamp() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    IF ac_is_admin_connection() THEN
      RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
  END IF;
  IF TG_OP = 'INSERT' THEN
    -- R1.3: the job number comes from the session, never from the client's values.
    NEW.job_no := b.job_no;
    NEW.delegate_job_no := b.delegate_job_no;
    NEW.session_id := b.session_id;
  ELSIF TG_OP = 'UPDATE' THEN
    NEW.job_no := OLD.job_no;
    NEW.delegate_job_no := OLD.delegate_job_no;
    NEW.session_id := OLD.session_id;
  ELSE
    RETURN OLD;
  END IF;
  RETURN NEW;
END $$;

-- Passwords and sessions ----------------------------------------------------------------

CREATE OR REPLACE FUNCTION ac_challenge(p_job_no text) RETURNS jsonb
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  c agent_credentials%ROWTYPE;
  pol security_policy%ROWTYPE;
BEGIN
  SELECT cr.* INTO c FROM agent_credentials cr JOIN agents a ON a.id = cr.agent_id
   WHERE a.job_no = p_job_no AND a.active;
  IF FOUND THEN
    RETURN jsonb_build_object('salt', encode(c.salt, 'hex'), 't', c.time_cost,
                              'm', c.memory_kib, 'p', c.parallelism);
  END IF;
  -- An unknown job number gets a stable decoy salt: the answer does not tell it apart.
  SELECT * INTO pol FROM security_policy WHERE id = 1;
  RETURN jsonb_build_object(
    'salt', encode(substring(sha256(pol.decoy_key || convert_to(p_job_no, 'UTF8')) FROM 1 FOR 16), 'hex'),
    't', pol.decoy_time_cost, 'm', pol.decoy_memory_kib, 'p', pol.decoy_parallelism);
END $$;

-- Checks a password proof and keeps the failure counter exact under concurrency
-- (the credential row is locked). Returns {status: ok|bad|locked, ...}.
CREATE OR REPLACE FUNCTION ac_check_password(p_job_no text, p_proof bytea, p_seat text, p_purpose text)
RETURNS jsonb LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  a agents%ROWTYPE;
  c agent_credentials%ROWTYPE;
  pol security_policy%ROWTYPE;
  v_now timestamptz := clock_timestamp();
  v_until timestamptz;
BEGIN
  SELECT * INTO pol FROM security_policy WHERE id = 1;
  SELECT * INTO a FROM agents WHERE job_no = p_job_no AND active;
  IF NOT FOUND THEN
    PERFORM ac_audit_append(left(p_job_no, 16), p_seat, p_purpose || '.failed',
                            jsonb_build_object('reason', 'unknown')::text);
    RETURN jsonb_build_object('status', 'bad');
  END IF;
  SELECT * INTO c FROM agent_credentials WHERE agent_id = a.id FOR UPDATE;
  IF c.locked_until IS NOT NULL AND c.locked_until > v_now THEN
    PERFORM ac_audit_append(left(p_job_no, 16), p_seat, p_purpose || '.refused',
                            jsonb_build_object('reason', 'locked')::text);
    RETURN jsonb_build_object('status', 'locked', 'locked_until', c.locked_until);
  END IF;
  IF sha256(p_proof) <> c.verifier THEN
    IF c.failed_count + 1 >= pol.lockout_threshold THEN
      v_until := v_now + make_interval(mins => pol.lockout_minutes);
      UPDATE agent_credentials SET failed_count = 0, locked_until = v_until WHERE agent_id = a.id;
      PERFORM ac_audit_append(left(p_job_no, 16), p_seat, p_purpose || '.locked',
                              jsonb_build_object('locked_until', v_until)::text);
      RETURN jsonb_build_object('status', 'locked', 'locked_until', v_until);
    END IF;
    UPDATE agent_credentials SET failed_count = c.failed_count + 1 WHERE agent_id = a.id;
    PERFORM ac_audit_append(left(p_job_no, 16), p_seat, p_purpose || '.failed',
                            jsonb_build_object('reason', 'password')::text);
    RETURN jsonb_build_object('status', 'bad',
                              'attempts_left', pol.lockout_threshold - c.failed_count - 1);
  END IF;
  UPDATE agent_credentials SET failed_count = 0, locked_until = NULL WHERE agent_id = a.id;
  RETURN jsonb_build_object('status', 'ok', 'agent_id', a.id, 'job_no', a.job_no,
                            'name', a.name, 'role', a.role, 'must_change', a.must_change_password);
END $$;

-- Ends a session whose lease lapsed (its seat crashed or lost power), for p_job_no
-- signing in at p_seat; the take-over is audited (R1.2).
CREATE OR REPLACE FUNCTION ac_take_over(o agent_sessions, p_job_no text, p_seat text,
                                        p_now timestamptz) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE agent_sessions SET ended_at = p_now, end_reason = 'taken_over',
         ended_by_job_no = p_job_no WHERE id = o.id;
  PERFORM ac_audit_append(p_job_no, p_seat, 'session.taken_over',
    jsonb_build_object('session_id', o.id, 'job_no', o.job_no, 'seat', o.seat,
                       'lease_until', o.lease_until)::text);
END $$;

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

CREATE OR REPLACE FUNCTION ac_verify_password(p_job_no text, p_proof bytea) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  RETURN ac_check_password(p_job_no, p_proof, b.seat, 'verify');
END $$;

CREATE OR REPLACE FUNCTION ac_heartbeat() RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_lease timestamptz;
  pol security_policy%ROWTYPE;
BEGIN
  SELECT * INTO pol FROM security_policy WHERE id = 1;
  UPDATE agent_sessions SET lease_until = clock_timestamp() + make_interval(secs => pol.lease_seconds)
   WHERE token_hash = ac_token_hash() AND ended_at IS NULL
   RETURNING lease_until INTO v_lease;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
  END IF;
  RETURN jsonb_build_object('lease_until', v_lease, 'db_now', clock_timestamp());
END $$;

CREATE OR REPLACE FUNCTION ac_logout() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v_id int; v_job text; v_seat text;
BEGIN
  UPDATE agent_sessions SET ended_at = clock_timestamp(), end_reason = 'logout', ended_by_job_no = job_no
   WHERE token_hash = ac_token_hash() AND ended_at IS NULL
   RETURNING id, job_no, seat INTO v_id, v_job, v_seat;
  IF FOUND THEN
    PERFORM ac_audit_append(v_job, v_seat, 'logout', jsonb_build_object('session_id', v_id)::text);
  END IF;
END $$;

CREATE OR REPLACE FUNCTION ac_end_session(p_session_id int, p_reason text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_job text; v_seat text;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  IF b.role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'ending another session needs a supervisor' USING ERRCODE = 'ACR01';
  END IF;
  UPDATE agent_sessions SET ended_at = clock_timestamp(), end_reason = 'ended_by_supervisor',
         ended_by_job_no = b.agent_job_no
   WHERE id = p_session_id AND ended_at IS NULL RETURNING job_no, seat INTO v_job, v_seat;
  IF NOT FOUND THEN
    RETURN false;
  END IF;
  PERFORM ac_audit_append(b.agent_job_no, b.seat, 'session.ended',
    jsonb_build_object('session_id', p_session_id, 'job_no', v_job, 'seat', v_seat,
                       'reason', p_reason)::text);
  RETURN true;
END $$;

CREATE OR REPLACE FUNCTION ac_set_password(p_old_proof bytea, p_salt bytea, p_t int, p_m int,
                                           p_p int, p_verifier bytea) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v jsonb;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  -- OWASP minimums for argon2id: 19 MiB, 2 passes.
  IF p_m < 19456 OR p_t < 2 OR length(p_salt) < 16 OR length(p_verifier) <> 32 THEN
    RAISE EXCEPTION 'password hash parameters below the policy' USING ERRCODE = 'ACP01';
  END IF;
  v := ac_check_password(b.agent_job_no, p_old_proof, b.seat, 'password_change');
  IF v->>'status' <> 'ok' THEN
    RETURN v;
  END IF;
  UPDATE agent_credentials SET salt = p_salt, time_cost = p_t, memory_kib = p_m,
         parallelism = p_p, verifier = p_verifier, changed_at = clock_timestamp()
   WHERE agent_id = (v->>'agent_id')::int;
  UPDATE agents SET must_change_password = false WHERE id = (v->>'agent_id')::int;
  PERFORM ac_audit_append(b.agent_job_no, b.seat, 'password.changed', '{}');
  RETURN jsonb_build_object('status', 'ok');
END $$;

-- Delegation (R1.4) ---------------------------------------------------------------------

CREATE OR REPLACE FUNCTION ac_delegation_request(p_owner text, p_valid_until timestamptz, p_reason text)
RETURNS int LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_id int;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  IF NOT EXISTS (SELECT 1 FROM agents WHERE job_no = p_owner AND active) OR p_owner = b.agent_job_no THEN
    RAISE EXCEPTION 'no such job number to work under' USING ERRCODE = 'ACV01';
  END IF;
  IF p_valid_until <= now() OR p_valid_until > now() + interval '12 hours' THEN
    RAISE EXCEPTION 'a delegation lasts at most 12 hours' USING ERRCODE = 'ACV02';
  END IF;
  INSERT INTO delegations (owner_job_no, delegate_job_no, reason, requested_at, valid_until)
  VALUES (p_owner, b.agent_job_no, p_reason, now(), p_valid_until) RETURNING id INTO v_id;
  PERFORM ac_audit_append(b.agent_job_no, b.seat, 'delegation.requested',
    jsonb_build_object('delegation_id', v_id, 'owner', p_owner, 'valid_until', p_valid_until)::text);
  RETURN v_id;
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

CREATE OR REPLACE FUNCTION ac_delegation_start(p_id int) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; d delegations%ROWTYPE;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  SELECT * INTO d FROM delegations WHERE id = p_id;
  IF NOT FOUND OR d.delegate_job_no <> b.agent_job_no OR d.revoked_at IS NOT NULL
     OR d.valid_until <= now() OR d.supervisor_approved_at IS NULL OR d.owner_approved_at IS NULL THEN
    RAISE EXCEPTION 'delegation % is not approved for this agent', p_id USING ERRCODE = 'ACV03';
  END IF;
  UPDATE agent_sessions SET delegation_id = p_id WHERE id = b.session_id;
  PERFORM ac_audit_append(b.agent_job_no, b.seat, 'delegation.started',
    jsonb_build_object('delegation_id', p_id, 'owner', d.owner_job_no)::text);
END $$;

CREATE OR REPLACE FUNCTION ac_delegation_stop() RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE v_id int; v_job text; v_seat text; v_del int;
BEGIN
  SELECT id, job_no, seat, delegation_id INTO v_id, v_job, v_seat, v_del FROM agent_sessions
   WHERE token_hash = ac_token_hash() AND ended_at IS NULL;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
  END IF;
  IF v_del IS NOT NULL THEN
    UPDATE agent_sessions SET delegation_id = NULL WHERE id = v_id;
    PERFORM ac_audit_append(v_job, v_seat, 'delegation.stopped',
      jsonb_build_object('delegation_id', v_del)::text);
  END IF;
END $$;

-- Grants --------------------------------------------------------------------------------

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {seat_role};
GRANT SELECT ON agents, agent_sessions, delegations, audit_log, seats, departments, customers
  TO {seat_role};
-- Seats check the schema version at start (and refuse to run against an older one).
GRANT SELECT ON alembic_version TO {seat_role};
GRANT SELECT, INSERT ON agent_state_events TO {seat_role};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {seat_role};
GRANT EXECUTE ON FUNCTION
  ac_challenge(text), ac_login(text, bytea, bytea, text), ac_verify_password(text, bytea),
  ac_heartbeat(), ac_logout(), ac_end_session(int, text),
  ac_set_password(bytea, bytea, int, int, int, bytea), ac_audit(text, text),
  ac_bound_session(), ac_delegation_request(text, timestamptz, text),
  ac_delegation_approve(int, text, bytea), ac_delegation_start(int), ac_delegation_stop()
  TO {seat_role};

DROP TRIGGER IF EXISTS agent_state_events_fence ON agent_state_events;
CREATE TRIGGER agent_state_events_fence BEFORE INSERT OR UPDATE OR DELETE ON agent_state_events
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
