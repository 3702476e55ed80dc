-- Content versions and departments, revision 0013. {seat_role} is filled in.
-- A version is written once, by an administrator's active session (stamped with it) or
-- by the schema owner from the command line, and never changed or removed. Departments
-- are added and renamed by administrators only, never deleted (cases refer to them).

CREATE OR REPLACE FUNCTION ac_content_admin_only() RETURNS trigger
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
  IF b.role <> 'admin' THEN
    RAISE EXCEPTION '% is changed by an administrator only', TG_TABLE_NAME
      USING ERRCODE = 'ACK01';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '% rows are never deleted', TG_TABLE_NAME USING ERRCODE = 'ACK02';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION ac_content_versions_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'content versions are never changed or removed' USING ERRCODE = 'ACK03';
END $$;

DROP TRIGGER IF EXISTS content_versions_fence ON content_versions;
CREATE TRIGGER content_versions_fence BEFORE INSERT ON content_versions
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS content_versions_zadmin ON content_versions;
CREATE TRIGGER content_versions_zadmin BEFORE INSERT ON content_versions
  FOR EACH ROW EXECUTE FUNCTION ac_content_admin_only();
DROP TRIGGER IF EXISTS content_versions_immutable ON content_versions;
CREATE TRIGGER content_versions_immutable BEFORE UPDATE OR DELETE ON content_versions
  FOR EACH ROW EXECUTE FUNCTION ac_content_versions_immutable();
DROP TRIGGER IF EXISTS content_versions_no_truncate ON content_versions;
CREATE TRIGGER content_versions_no_truncate BEFORE TRUNCATE ON content_versions
  FOR EACH STATEMENT EXECUTE FUNCTION ac_content_versions_immutable();

DROP TRIGGER IF EXISTS departments_admin ON departments;
CREATE TRIGGER departments_admin BEFORE INSERT OR UPDATE OR DELETE ON departments
  FOR EACH ROW EXECUTE FUNCTION ac_content_admin_only();

REVOKE ALL ON FUNCTION ac_content_admin_only() FROM PUBLIC;
REVOKE ALL ON FUNCTION ac_content_versions_immutable() FROM PUBLIC;
REVOKE ALL ON content_versions FROM {seat_role};
GRANT SELECT, INSERT ON content_versions TO {seat_role};
GRANT USAGE ON SEQUENCE content_versions_id_seq TO {seat_role};
GRANT INSERT, UPDATE ON departments TO {seat_role};
