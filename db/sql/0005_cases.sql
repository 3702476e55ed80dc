-- Cases, their timelines, SLA clocks and the callback list (R3): rules the shared
-- PostgreSQL database enforces itself. Loaded by revision 0005; {seat_role} is filled in.
-- Uses ac_bound_session() and ac_fence_stamp() of 0001 and ac_calls_stamp_update() of 0002
-- (it stamps updated_by_job_no and refuses an UPDATE without a new version, for any
-- table with those columns).

-- Every business row: fenced (only the active session writes) and stamped.
DROP TRIGGER IF EXISTS cases_fence ON cases;
CREATE TRIGGER cases_fence BEFORE INSERT OR UPDATE OR DELETE ON cases
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS cases_stamp_update ON cases;
CREATE TRIGGER cases_stamp_update BEFORE INSERT OR UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION ac_calls_stamp_update();

DROP TRIGGER IF EXISTS case_clocks_fence ON case_clocks;
CREATE TRIGGER case_clocks_fence BEFORE INSERT OR UPDATE OR DELETE ON case_clocks
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();

DROP TRIGGER IF EXISTS callbacks_fence ON callbacks;
CREATE TRIGGER callbacks_fence BEFORE INSERT OR UPDATE OR DELETE ON callbacks
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();

-- R3.1: the first-contact owner stays until a supervisor (or an administrator)
-- transfers the case; a claim on a callback is the claiming session's own.
CREATE OR REPLACE FUNCTION ac_cases_owner_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    RETURN NEW;  -- the schema owner's administrative connection (fenced elsewhere)
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.owner_job_no IS DISTINCT FROM b.job_no AND b.role NOT IN ('supervisor', 'admin') THEN
      RAISE EXCEPTION 'a case is owned by the agent who opens it' USING ERRCODE = 'ACC03';
    END IF;
  ELSIF NEW.owner_job_no IS DISTINCT FROM OLD.owner_job_no
        AND b.role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION 'only a supervisor transfers a case' USING ERRCODE = 'ACC03';
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS cases_owner_guard ON cases;
CREATE TRIGGER cases_owner_guard BEFORE INSERT OR UPDATE ON cases
  FOR EACH ROW EXECUTE FUNCTION ac_cases_owner_guard();

-- Timelines are append-only, like call events.
DROP TRIGGER IF EXISTS case_events_fence ON case_events;
CREATE TRIGGER case_events_fence BEFORE INSERT ON case_events
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS case_events_immutable ON case_events;
CREATE TRIGGER case_events_immutable BEFORE UPDATE OR DELETE ON case_events
  FOR EACH ROW EXECUTE FUNCTION ac_call_events_immutable();
DROP TRIGGER IF EXISTS case_events_no_truncate ON case_events;
CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
  FOR EACH STATEMENT EXECUTE FUNCTION ac_call_events_immutable();

REVOKE ALL ON FUNCTION ac_cases_owner_guard() FROM PUBLIC;
REVOKE ALL ON cases, case_events, case_clocks, callbacks FROM {seat_role};
GRANT SELECT, INSERT, UPDATE ON cases, case_clocks, callbacks TO {seat_role};
GRANT SELECT, INSERT ON case_events TO {seat_role};
