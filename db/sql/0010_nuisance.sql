-- Nuisance callers (R2.18), revision 0010. {seat_role} is filled in.
-- Marked and cleared by supervisors (or administrators) only, from an active session.

DROP TRIGGER IF EXISTS nuisance_marks_fence ON nuisance_marks;
CREATE TRIGGER nuisance_marks_fence BEFORE INSERT OR UPDATE OR DELETE ON nuisance_marks
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();

CREATE OR REPLACE FUNCTION ac_supervisor_only() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NOT NULL AND b.role NOT IN ('supervisor', 'admin') THEN
    RAISE EXCEPTION '% is changed by a supervisor only', TG_TABLE_NAME USING ERRCODE = 'ACR01';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
DROP TRIGGER IF EXISTS nuisance_marks_zsupervisor ON nuisance_marks;
CREATE TRIGGER nuisance_marks_zsupervisor BEFORE INSERT OR UPDATE OR DELETE ON nuisance_marks
  FOR EACH ROW EXECUTE FUNCTION ac_supervisor_only();

REVOKE ALL ON FUNCTION ac_supervisor_only() FROM PUBLIC;
REVOKE ALL ON nuisance_marks FROM {seat_role};
GRANT SELECT, INSERT, UPDATE ON nuisance_marks TO {seat_role};
GRANT USAGE ON SEQUENCE nuisance_marks_id_seq TO {seat_role};
