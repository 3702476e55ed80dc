-- Call transfer, revision 0027. {seat_role} is filled in.
-- A seat reads calls column by column (0024): the new columns are granted by name.
GRANT SELECT (transferred_to, transferred_from) ON calls TO {seat_role};

-- A transfer, once on a record, stays as it happened: the call that came of it is
-- linked at its start and never re-linked, and a call is handed over at most once.
CREATE OR REPLACE FUNCTION ac_calls_transfer_fixed() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = public, pg_temp AS $$
BEGIN
  IF NEW.transferred_from IS DISTINCT FROM OLD.transferred_from
     OR (OLD.transferred_to IS NOT NULL
         AND NEW.transferred_to IS DISTINCT FROM OLD.transferred_to) THEN
    RAISE EXCEPTION 'call % was transferred already: the transfer is not rewritten', OLD.id
      USING ERRCODE = 'ACC10';
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION ac_calls_transfer_fixed() FROM PUBLIC;

DROP TRIGGER IF EXISTS calls_transfer_fixed ON calls;
CREATE TRIGGER calls_transfer_fixed BEFORE UPDATE ON calls
  FOR EACH ROW EXECUTE FUNCTION ac_calls_transfer_fixed();
