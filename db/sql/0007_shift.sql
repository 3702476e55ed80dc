-- Shift records (R4.1, R4.2), revision 0007. {seat_role} is filled in.
-- Uses ac_fence_stamp() and ac_bound_session() of 0001, ac_calls_stamp_update() of 0002
-- and ac_call_events_immutable() of 0002.

DROP TRIGGER IF EXISTS shift_checks_fence ON shift_checks;
CREATE TRIGGER shift_checks_fence BEFORE INSERT ON shift_checks
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS shift_checks_immutable ON shift_checks;
CREATE TRIGGER shift_checks_immutable BEFORE UPDATE OR DELETE ON shift_checks
  FOR EACH ROW EXECUTE FUNCTION ac_call_events_immutable();

-- A handover: written by the outgoing agent; its notes corrected only by them, only
-- until it is acknowledged; never deleted.
DROP TRIGGER IF EXISTS handovers_fence ON handovers;
CREATE TRIGGER handovers_fence BEFORE INSERT OR UPDATE OR DELETE ON handovers
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS handovers_stamp_update ON handovers;
CREATE TRIGGER handovers_stamp_update BEFORE INSERT OR UPDATE ON handovers
  FOR EACH ROW EXECUTE FUNCTION ac_calls_stamp_update();

CREATE OR REPLACE FUNCTION ac_handovers_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'handover records are kept' USING ERRCODE = 'ACH01';
  END IF;
  IF EXISTS (SELECT 1 FROM handover_acks WHERE handover_id = OLD.id) THEN
    RAISE EXCEPTION 'handover % was acknowledged: it can no longer change', OLD.id
      USING ERRCODE = 'ACH01';
  END IF;
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NOT NULL AND b.job_no IS DISTINCT FROM OLD.job_no THEN
    RAISE EXCEPTION 'only the outgoing agent corrects a handover' USING ERRCODE = 'ACH02';
  END IF;
  IF NEW.id <> OLD.id OR NEW.seat <> OLD.seat OR NEW.summary <> OLD.summary
     OR NEW.created_at <> OLD.created_at OR NEW.shift_start <> OLD.shift_start
     OR NEW.shift_end <> OLD.shift_end OR NEW.shift_name <> OLD.shift_name THEN
    RAISE EXCEPTION 'only the notes of a handover may be corrected' USING ERRCODE = 'ACH01';
  END IF;
  RETURN NEW;  -- the fence keeps job_no: the author stays the author
END $$;

-- Named to fire after the fence and the stamp (triggers fire in name order).
DROP TRIGGER IF EXISTS handovers_zguard ON handovers;
CREATE TRIGGER handovers_zguard BEFORE UPDATE OR DELETE ON handovers
  FOR EACH ROW EXECUTE FUNCTION ac_handovers_guard();
DROP TRIGGER IF EXISTS handovers_no_truncate ON handovers;
CREATE TRIGGER handovers_no_truncate BEFORE TRUNCATE ON handovers
  FOR EACH STATEMENT EXECUTE FUNCTION ac_call_events_immutable();

-- The acknowledgment: by another agent than the author, under their own session
-- (the fence stamps job_no from it), once, never changed.
CREATE OR REPLACE FUNCTION ac_handover_acks_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM handovers h WHERE h.id = NEW.handover_id AND h.job_no = NEW.job_no) THEN
    RAISE EXCEPTION 'the incoming agent acknowledges, not the author' USING ERRCODE = 'ACH02';
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS handover_acks_fence ON handover_acks;
CREATE TRIGGER handover_acks_fence BEFORE INSERT ON handover_acks
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS handover_acks_zguard ON handover_acks;
CREATE TRIGGER handover_acks_zguard BEFORE INSERT ON handover_acks
  FOR EACH ROW EXECUTE FUNCTION ac_handover_acks_guard();
DROP TRIGGER IF EXISTS handover_acks_immutable ON handover_acks;
CREATE TRIGGER handover_acks_immutable BEFORE UPDATE OR DELETE ON handover_acks
  FOR EACH ROW EXECUTE FUNCTION ac_call_events_immutable();
DROP TRIGGER IF EXISTS handover_acks_no_truncate ON handover_acks;
CREATE TRIGGER handover_acks_no_truncate BEFORE TRUNCATE ON handover_acks
  FOR EACH STATEMENT EXECUTE FUNCTION ac_call_events_immutable();

REVOKE ALL ON FUNCTION ac_handovers_guard(), ac_handover_acks_guard() FROM PUBLIC;
REVOKE ALL ON shift_checks, handovers, handover_acks FROM {seat_role};
GRANT SELECT, INSERT ON shift_checks, handover_acks TO {seat_role};
GRANT SELECT, INSERT, UPDATE ON handovers TO {seat_role};
