-- An administrator's end of a session is recorded as theirs, revision 0019.
--
-- ac_end_session stored 'ended_by_supervisor' whoever ended the session, so the console
-- whose session it was told the agent the duty manager had ended it when an
-- administrator had. The reason now names the ender's role; the rest is unchanged.

CREATE OR REPLACE FUNCTION ac_end_session(p_session_id int, p_reason text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record; v_job text; v_seat text;
BEGIN
  SELECT * INTO b FROM ac_require_session();
  IF b.role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'ending another session needs a supervisor' USING ERRCODE = 'ACR01';
  END IF;
  UPDATE agent_sessions SET ended_at = clock_timestamp(),
         end_reason = CASE b.role WHEN 'admin' THEN 'ended_by_admin' ELSE 'ended_by_supervisor' END,
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
