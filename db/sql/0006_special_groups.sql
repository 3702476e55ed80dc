-- Special-group registration by seats (R3.9), revision 0006. {seat_role} is filled in.
-- A seat may change one column of a customer, special_group, and only from its active
-- session; everything else about customers stays read-only for seats.
CREATE OR REPLACE FUNCTION ac_customers_fence() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  IF NOT ac_is_admin_connection() THEN
    PERFORM ac_require_session();
  END IF;
  RETURN NEW;
END $$;

DROP TRIGGER IF EXISTS customers_fence ON customers;
CREATE TRIGGER customers_fence BEFORE UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION ac_customers_fence();

REVOKE ALL ON FUNCTION ac_customers_fence() FROM PUBLIC;
GRANT UPDATE (special_group) ON customers TO {seat_role};
