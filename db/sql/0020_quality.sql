-- Quality inspection (质检), revision 0020. {seat_role} is filled in.
-- Uses ac_fence_stamp(), ac_bound_session() and ac_is_admin_connection() of 0001 and
-- ac_calls_stamp_update() of 0002 (who saved last; every update brings a new version).

DROP TRIGGER IF EXISTS quality_reviews_fence ON quality_reviews;
CREATE TRIGGER quality_reviews_fence BEFORE INSERT OR UPDATE OR DELETE ON quality_reviews
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS quality_reviews_stamp_update ON quality_reviews;
CREATE TRIGGER quality_reviews_stamp_update BEFORE INSERT OR UPDATE ON quality_reviews
  FOR EACH ROW EXECUTE FUNCTION ac_calls_stamp_update();

-- Privacy: a review and its scores are the business of the agent concerned, the
-- supervisors and the administrators. The seat role sees other rows as if they did not
-- exist (row-level security); the schema owner, an administrator, is not subject to it.
CREATE OR REPLACE FUNCTION ac_quality_sees(p_agent_job_no text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT coalesce(b.role IN ('supervisor', 'admin') OR b.agent_job_no = p_agent_job_no, false)
    FROM ac_bound_session() b
$$;

ALTER TABLE quality_reviews ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS quality_reviews_seen ON quality_reviews;
CREATE POLICY quality_reviews_seen ON quality_reviews TO {seat_role}
  USING (ac_quality_sees(agent_job_no)) WITH CHECK (ac_quality_sees(agent_job_no));

-- Who changes what. Supervisors and administrators keep the list and write the reviews
-- and the answers; the agent concerned writes the one reply and the acknowledgment; once
-- acknowledged, nothing changes; nothing is deleted.
CREATE OR REPLACE FUNCTION ac_quality_reviews_guard() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
DECLARE boss boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'quality reviews are kept' USING ERRCODE = 'ACI01';
  END IF;
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NULL THEN
    RETURN NEW;  -- the fence let only an administrator's connection through
  END IF;
  boss := b.role IN ('supervisor', 'admin');
  IF TG_OP = 'INSERT' THEN
    IF NOT boss THEN
      RAISE EXCEPTION 'only a supervisor puts calls on the review list' USING ERRCODE = 'ACR01';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.acknowledged_at IS NOT NULL THEN
    RAISE EXCEPTION 'quality review % was acknowledged: it can no longer change', OLD.id
      USING ERRCODE = 'ACI02';
  END IF;
  IF NEW.id <> OLD.id OR NEW.call_id <> OLD.call_id OR NEW.agent_job_no <> OLD.agent_job_no
     OR NEW.reason <> OLD.reason OR NEW.drawn_on <> OLD.drawn_on
     OR NEW.created_at <> OLD.created_at OR NEW.call_started_at <> OLD.call_started_at
     OR NEW.auto_score IS DISTINCT FROM OLD.auto_score THEN
    RAISE EXCEPTION 'what was drawn for review does not change' USING ERRCODE = 'ACI01';
  END IF;
  IF OLD.reply IS NOT NULL AND (NEW.reply IS DISTINCT FROM OLD.reply
                                OR NEW.replied_at IS DISTINCT FROM OLD.replied_at) THEN
    RAISE EXCEPTION 'a review takes one reply' USING ERRCODE = 'ACI01';
  END IF;
  IF b.agent_job_no = OLD.agent_job_no AND NOT boss THEN
    -- The agent concerned: the reply and the acknowledgment, of a finished review.
    IF OLD.reviewed_at IS NULL
       OR NEW.items <> OLD.items OR NEW.score IS DISTINCT FROM OLD.score
       OR NEW.comment <> OLD.comment OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at
       OR NEW.reviewer_job_no IS DISTINCT FROM OLD.reviewer_job_no
       OR NEW.answer IS DISTINCT FROM OLD.answer
       OR NEW.answered_at IS DISTINCT FROM OLD.answered_at
       OR NEW.answered_by_job_no IS DISTINCT FROM OLD.answered_by_job_no
       OR NEW.claimed_session_id IS DISTINCT FROM OLD.claimed_session_id
       OR NEW.claimed_by_job_no IS DISTINCT FROM OLD.claimed_by_job_no THEN
      RAISE EXCEPTION 'an agent only replies to and acknowledges a review' USING ERRCODE = 'ACI01';
    END IF;
    RETURN NEW;
  END IF;
  IF NOT boss THEN
    RAISE EXCEPTION 'only a supervisor reviews calls' USING ERRCODE = 'ACR01';
  END IF;
  IF NEW.reply IS DISTINCT FROM OLD.reply OR NEW.replied_at IS DISTINCT FROM OLD.replied_at
     OR NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at THEN
    RAISE EXCEPTION 'the reply and the acknowledgment are the agent''s' USING ERRCODE = 'ACI01';
  END IF;
  IF OLD.answer IS NOT NULL AND NEW.answer IS DISTINCT FROM OLD.answer THEN
    RAISE EXCEPTION 'a reply takes one answer' USING ERRCODE = 'ACI01';
  END IF;
  RETURN NEW;
END $$;

-- Named to fire after the fence and the stamp (triggers fire in name order).
DROP TRIGGER IF EXISTS quality_reviews_zguard ON quality_reviews;
CREATE TRIGGER quality_reviews_zguard BEFORE INSERT OR UPDATE OR DELETE ON quality_reviews
  FOR EACH ROW EXECUTE FUNCTION ac_quality_reviews_guard();
DROP TRIGGER IF EXISTS quality_reviews_no_truncate ON quality_reviews;
CREATE TRIGGER quality_reviews_no_truncate BEFORE TRUNCATE ON quality_reviews
  FOR EACH STATEMENT EXECUTE FUNCTION ac_call_events_immutable();

REVOKE ALL ON FUNCTION ac_quality_reviews_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION ac_quality_sees(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ac_quality_sees(text) TO {seat_role};
REVOKE ALL ON quality_reviews FROM {seat_role};
GRANT SELECT, INSERT, UPDATE ON quality_reviews TO {seat_role};
