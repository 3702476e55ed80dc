-- An administrator working without a session (the command line, server init, the
-- scheduled jobs) is named in the audit trail as 'admin:' || the database role, cut to
-- the 16 characters of audit_log.actor_job_no — as the Python side and
-- ac_admin_job_no() (0012) already cut it. Before this, an owner role named with more
-- than 10 characters (console_owner) could not write a single audited change.

CREATE OR REPLACE FUNCTION ac_audit(p_kind text, p_payload text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    IF NOT ac_is_admin_connection() THEN
      RAISE EXCEPTION 'this console''s session is no longer active' USING ERRCODE = 'ACS01';
    END IF;
    RETURN ac_audit_append(left('admin:' || session_user, 16), NULL, p_kind, p_payload);
  END IF;
  RETURN ac_audit_append(b.agent_job_no, b.seat, p_kind, p_payload);
END $$;
