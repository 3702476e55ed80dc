-- The print registry (R6.3), revision 0008. {seat_role} is filled in.
-- Entries are written once, by the printing seat's active session (stamped with it),
-- and never changed or removed; the serial counter only ever goes up.

DROP TRIGGER IF EXISTS print_registry_fence ON print_registry;
CREATE TRIGGER print_registry_fence BEFORE INSERT ON print_registry
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS print_registry_immutable ON print_registry;
CREATE TRIGGER print_registry_immutable BEFORE UPDATE OR DELETE ON print_registry
  FOR EACH ROW EXECUTE FUNCTION ac_call_events_immutable();
DROP TRIGGER IF EXISTS print_registry_no_truncate ON print_registry;
CREATE TRIGGER print_registry_no_truncate BEFORE TRUNCATE ON print_registry
  FOR EACH STATEMENT EXECUTE FUNCTION ac_call_events_immutable();

CREATE OR REPLACE FUNCTION ac_report_serials_up() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.last <= OLD.last OR NEW.year <> OLD.year THEN
    RAISE EXCEPTION 'registry serial numbers only go up' USING ERRCODE = 'ACA01';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS report_serials_up ON report_serials;
CREATE TRIGGER report_serials_up BEFORE UPDATE OR DELETE ON report_serials
  FOR EACH ROW EXECUTE FUNCTION ac_report_serials_up();

REVOKE ALL ON FUNCTION ac_report_serials_up() FROM PUBLIC;
REVOKE ALL ON print_registry, report_serials FROM {seat_role};
GRANT SELECT, INSERT ON print_registry TO {seat_role};
GRANT SELECT, INSERT, UPDATE ON report_serials TO {seat_role};
