-- The automatic score's privacy, revision 0024. {seat_role} is filled in.
-- Like a quality review (0020), a call's compliance score is the business of the agent
-- concerned, the supervisors and the administrators. A seat reads calls column by
-- column, every column but the score's two, and reads scores through call_scores,
-- which shows only the rows it may see. A later migration that adds a column to calls
-- grants SELECT on that column to the seat role itself (a column grant does not cover
-- columns added afterwards).

REVOKE SELECT ON calls FROM {seat_role};
DO $grant$
DECLARE cols text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
    FROM information_schema.columns
   WHERE table_schema = current_schema() AND table_name = 'calls'
     AND column_name NOT IN ('compliance_score', 'compliance_verdicts');
  EXECUTE 'GRANT SELECT (' || cols || ') ON calls TO {seat_role}';
END $grant$;

-- Who is reading, evaluated once per query: everyone's scores for the owner's own
-- connection and a supervisor's or an administrator's session; else the job number of
-- the agent signed in (NULL without a session: nothing).
CREATE OR REPLACE FUNCTION ac_score_reader(OUT everyone boolean, OUT job_no text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT ac_is_admin_connection() OR coalesce(b.role IN ('supervisor', 'admin'), false),
         b.agent_job_no
    FROM ac_bound_session() b
$$;
REVOKE ALL ON FUNCTION ac_score_reader() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ac_score_reader() TO {seat_role};

-- security_barrier: a function of the reader's own in a WHERE on the view never sees
-- the rows the view leaves out. The agent's calls are those taken in their name or,
-- under a delegation, by them.
CREATE OR REPLACE VIEW call_scores WITH (security_barrier) AS
  SELECT c.id AS call_id, c.job_no, c.delegate_job_no, c.compliance_score AS score,
         c.compliance_verdicts AS verdicts
    FROM calls c CROSS JOIN ac_score_reader() r
   WHERE r.everyone OR r.job_no = c.job_no OR r.job_no = c.delegate_job_no;
REVOKE ALL ON call_scores FROM PUBLIC;
GRANT SELECT ON call_scores TO {seat_role};
