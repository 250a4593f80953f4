ALTER TABLE "posts" ADD COLUMN "thread" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "publish_targets" ADD COLUMN "thread_parts" jsonb;--> statement-breakpoint
ALTER TABLE "publish_targets" ADD COLUMN "thread_progress" jsonb DEFAULT '[]'::jsonb NOT NULL;