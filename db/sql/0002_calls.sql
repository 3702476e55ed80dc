-- Call records and call event logs (R2.12, R2.15): rules the shared PostgreSQL database
-- enforces itself. Loaded by revision 0002; {seat_role} is filled in there. Uses the
-- session binding and ac_fence_stamp() of 0001_security.sql.

-- Calls: fenced and stamped like every business record. The job number that took the
-- call stays (ac_fence_stamp keeps it on UPDATE); who saved it last is stamped here, from
-- the session, so "changed elsewhere by 工号 X" names the right person.
DROP TRIGGER IF EXISTS calls_fence ON calls;
CREATE TRIGGER calls_fence BEFORE INSERT OR UPDATE OR DELETE ON calls
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();

CREATE OR REPLACE FUNCTION ac_calls_stamp_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NOT NULL THEN
    NEW.updated_by_job_no := b.job_no;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.version <= OLD.version THEN
    -- Optimistic concurrency holds even for a client that skips the application.
    RAISE EXCEPTION 'call % was saved without a new version', OLD.id USING ERRCODE = 'ACC02';
  END IF;
  RETURN NEW;
END $$;

-- Trigger names order their firing: the fence (and its refusal) comes first.
DROP TRIGGER IF EXISTS calls_stamp_update ON calls;
CREATE TRIGGER calls_stamp_update BEFORE INSERT OR UPDATE ON calls
  FOR EACH ROW EXECUTE FUNCTION ac_calls_stamp_update();

-- Call events: append-only. A seat may only insert, from its active session (a
-- superseded seat's late events are refused), stamped with that session.
DROP TRIGGER IF EXISTS call_events_fence ON call_events;
CREATE TRIGGER call_events_fence BEFORE INSERT ON call_events
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();

CREATE OR REPLACE FUNCTION ac_call_events_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'call events are append-only' USING ERRCODE = 'ACC01';
END $$;

DROP TRIGGER IF EXISTS call_events_immutable ON call_events;
CREATE TRIGGER call_events_immutable BEFORE UPDATE OR DELETE ON call_events
  FOR EACH ROW EXECUTE FUNCTION ac_call_events_immutable();
DROP TRIGGER IF EXISTS call_events_no_truncate ON call_events;
CREATE TRIGGER call_events_no_truncate BEFORE TRUNCATE ON call_events
  FOR EACH STATEMENT EXECUTE FUNCTION ac_call_events_immutable();

REVOKE ALL ON FUNCTION ac_calls_stamp_update(), ac_call_events_immutable() FROM PUBLIC;
REVOKE ALL ON calls, call_events FROM {seat_role};
GRANT SELECT, INSERT, UPDATE ON calls TO {seat_role};
GRANT SELECT, INSERT ON call_events TO {seat_role};
