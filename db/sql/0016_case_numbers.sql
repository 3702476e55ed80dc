-- Case numbers and the audit chain's head on printed reports, revision 0016.
-- {seat_role} is filled in.

-- The yearly counter of case numbers only goes up, like the print registry's.
CREATE OR REPLACE FUNCTION ac_case_serials_up() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.last <= OLD.last OR NEW.year <> OLD.year THEN
    RAISE EXCEPTION 'case numbers only go up' USING ERRCODE = 'ACC09';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS case_serials_up ON case_serials;
CREATE TRIGGER case_serials_up BEFORE UPDATE OR DELETE ON case_serials
  FOR EACH ROW EXECUTE FUNCTION ac_case_serials_up();

-- A case is opened with its number, and the number a customer was told never changes.
-- (Named to fire after cases_fence and cases_owner_guard: their refusals come first.)
CREATE OR REPLACE FUNCTION ac_cases_case_no() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.case_no IS NULL
     OR (TG_OP = 'UPDATE' AND NEW.case_no IS DISTINCT FROM OLD.case_no
         AND OLD.case_no IS NOT NULL) THEN
    RAISE EXCEPTION 'a case number is given once and never changes' USING ERRCODE = 'ACC09';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS cases_serial_number ON cases;
CREATE TRIGGER cases_serial_number BEFORE INSERT OR UPDATE OF case_no ON cases
  FOR EACH ROW EXECUTE FUNCTION ac_cases_case_no();

-- A registered report names the audit chain's head it was printed at: an entry the
-- chain holds, so that ``audit verify`` can later check the chain still holds it.
CREATE OR REPLACE FUNCTION ac_print_registry_head() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM audit_log
                 WHERE id = NEW.audit_head_id AND hash = NEW.audit_head_hash) THEN
    RAISE EXCEPTION 'a printed report names an entry of the audit chain' USING ERRCODE = 'ACQ01';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS print_registry_head ON print_registry;
CREATE TRIGGER print_registry_head BEFORE INSERT ON print_registry
  FOR EACH ROW EXECUTE FUNCTION ac_print_registry_head();

REVOKE ALL ON FUNCTION ac_case_serials_up(), ac_cases_case_no(), ac_print_registry_head()
  FROM PUBLIC;
REVOKE ALL ON case_serials FROM {seat_role};
GRANT SELECT, INSERT, UPDATE ON case_serials TO {seat_role};
