-- Outage notification campaigns (R5.2, R5.3), revision 0009. {seat_role} is filled in.
-- Fenced and stamped like every business row; a campaign is created and closed by a
-- supervisor (or an administrator); agents only work its targets.

DROP TRIGGER IF EXISTS campaigns_fence ON campaigns;
CREATE TRIGGER campaigns_fence BEFORE INSERT OR UPDATE OR DELETE ON campaigns
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();
DROP TRIGGER IF EXISTS campaign_targets_fence ON campaign_targets;
CREATE TRIGGER campaign_targets_fence BEFORE INSERT OR UPDATE OR DELETE ON campaign_targets
  FOR EACH ROW EXECUTE FUNCTION ac_fence_stamp();

CREATE OR REPLACE FUNCTION ac_campaigns_supervisor() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE b record;
BEGIN
  SELECT * INTO b FROM ac_bound_session();
  IF b.session_id IS NOT NULL AND b.role NOT IN ('supervisor', 'admin') THEN
    -- The sweep (any console) may stamp warnings and escalations, nothing else.
    IF TG_OP = 'UPDATE'
       AND (NEW.title, NEW.reason, NEW.area, NEW.closed_at, NEW.notice_due_at,
            NEW.max_attempts, NEW.kind)
           IS NOT DISTINCT FROM
           (OLD.title, OLD.reason, OLD.area, OLD.closed_at, OLD.notice_due_at,
            OLD.max_attempts, OLD.kind) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'campaigns are run by a supervisor' USING ERRCODE = 'ACR01';
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS campaigns_zsupervisor ON campaigns;
CREATE TRIGGER campaigns_zsupervisor BEFORE INSERT OR UPDATE ON campaigns
  FOR EACH ROW EXECUTE FUNCTION ac_campaigns_supervisor();

REVOKE ALL ON FUNCTION ac_campaigns_supervisor() FROM PUBLIC;
REVOKE ALL ON campaigns, campaign_targets FROM {seat_role};
GRANT SELECT, INSERT, UPDATE ON campaigns, campaign_targets TO {seat_role};
