-- The moderation record is append-only like the audit trail: UPDATE is always refused; DELETE only
-- by the retention job (which sets resonanz.moderation_retention = 'on' for its transaction) or when
-- the row's parent is already gone (a workspace, or an action, deleted as a whole).
CREATE OR REPLACE FUNCTION moderation_record_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF coalesce(current_setting('resonanz.moderation_retention', true), '') = 'on' THEN
      RETURN OLD;
    END IF;
    IF TG_TABLE_NAME = 'moderation_actions' AND NOT EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id) THEN
      RETURN OLD;
    END IF;
    IF TG_TABLE_NAME = 'moderation_events' AND NOT EXISTS (SELECT 1 FROM moderation_actions WHERE id = OLD.action_id) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER moderation_actions_no_update BEFORE UPDATE OR DELETE ON moderation_actions
  FOR EACH ROW EXECUTE FUNCTION moderation_record_append_only();
--> statement-breakpoint
CREATE TRIGGER moderation_events_no_update BEFORE UPDATE OR DELETE ON moderation_events
  FOR EACH ROW EXECUTE FUNCTION moderation_record_append_only();
