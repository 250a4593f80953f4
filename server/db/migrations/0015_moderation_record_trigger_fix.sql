-- PL/pgSQL does not short-circuit AND: `OLD.action_id` was evaluated for moderation_actions rows too.
-- Same rule as 0014, with the table checks nested.
CREATE OR REPLACE FUNCTION moderation_record_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF coalesce(current_setting('resonanz.moderation_retention', true), '') = 'on' THEN
      RETURN OLD;
    END IF;
    IF TG_TABLE_NAME = 'moderation_actions' THEN
      IF NOT EXISTS (SELECT 1 FROM workspaces WHERE id = OLD.workspace_id) THEN
        RETURN OLD;
      END IF;
    ELSIF TG_TABLE_NAME = 'moderation_events' THEN
      IF NOT EXISTS (SELECT 1 FROM moderation_actions WHERE id = OLD.action_id) THEN
        RETURN OLD;
      END IF;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
