-- Items already behind the old scan position count as checked; new items default to pending.
ALTER TABLE "inbox_items" ADD COLUMN "moderation_pending" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "inbox_items" ALTER COLUMN "moderation_pending" SET DEFAULT true;--> statement-breakpoint
UPDATE "inbox_items" i SET "moderation_pending" = true
WHERE EXISTS (SELECT 1 FROM "moderation_rules" r WHERE r.workspace_id = i.workspace_id AND r.enabled)
  AND i.ingested_at > coalesce((SELECT s.scan_cursor FROM "moderation_settings" s WHERE s.workspace_id = i.workspace_id), '-infinity'::timestamptz);--> statement-breakpoint
CREATE INDEX "inbox_items_moderation_pending_idx" ON "inbox_items" USING btree ("workspace_id","ingested_at","id") WHERE moderation_pending;--> statement-breakpoint
ALTER TABLE "moderation_settings" DROP COLUMN "scan_cursor";
