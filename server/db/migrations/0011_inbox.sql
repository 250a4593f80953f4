CREATE TABLE "inbox_authors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"network" text NOT NULL,
	"external_id" text NOT NULL,
	"handle" text NOT NULL,
	"display_name" text,
	"avatar_url" text,
	"profile_url" text,
	"follower_count" integer,
	"pseudonymised_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_cursors" (
	"channel_id" uuid NOT NULL,
	"stream" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"cursor" text,
	"last_polled_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_cursors_channel_id_stream_pk" PRIMARY KEY("channel_id","stream")
);
--> statement-breakpoint
CREATE TABLE "inbox_escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"expert_user_id" uuid,
	"expert_email" text,
	"expert_name" text,
	"department" text,
	"question" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"token_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbox_escalations_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "inbox_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"source_kind" text DEFAULT 'network' NOT NULL,
	"channel_id" uuid,
	"mention_id" bigint,
	"network" text NOT NULL,
	"external_id" text NOT NULL,
	"external_cid" text,
	"dedupe_key" text NOT NULL,
	"url" text,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"language" text,
	"sentiment" smallint DEFAULT 0 NOT NULL,
	"sentiment_score" real DEFAULT 0 NOT NULL,
	"author_id" uuid,
	"parent_external_id" text,
	"parent_cid" text,
	"root_external_id" text,
	"root_cid" text,
	"publish_target_id" uuid,
	"conversation_key" text NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"assignee_id" uuid,
	"priority" text DEFAULT 'normal' NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"sla_first_due_at" timestamp with time zone,
	"sla_resolve_due_at" timestamp with time zone,
	"sla_first_warn_at" timestamp with time zone,
	"sla_resolve_warn_at" timestamp with time zone,
	"urgency_at" timestamp with time zone GENERATED ALWAYS AS (coalesce(case when first_response_at is null then sla_first_due_at else sla_resolve_due_at end, '9999-12-31T00:00:00Z'::timestamptz)) STORED NOT NULL,
	"hidden_at" timestamp with time zone,
	"moderation_state" text,
	"raw" jsonb,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('german'::regconfig, coalesce(text, '')) || to_tsvector('simple'::regconfig, coalesce(text, ''))) STORED NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"author_id" uuid,
	"kind" text DEFAULT 'member' NOT NULL,
	"body" text NOT NULL,
	"mentions" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"escalation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_presence" (
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inbox_presence_item_id_user_id_pk" PRIMARY KEY("item_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "inbox_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"author_id" uuid,
	"kind" text DEFAULT 'reply' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"saved_reply_id" uuid,
	"content_hash" text NOT NULL,
	"state" text NOT NULL,
	"remote_id" text,
	"remote_url" text,
	"error_kind" text,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_reply_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reply_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"decision" text NOT NULL,
	"content_hash" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"stop" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_saved_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"address" text NOT NULL,
	"body" text NOT NULL,
	"group_key" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"reply_approval_required" boolean DEFAULT false NOT NULL,
	"default_address" text DEFAULT 'sie' NOT NULL,
	"poll_interval_s" integer DEFAULT 60 NOT NULL,
	"channel_intervals" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "inbox_authors" ADD CONSTRAINT "inbox_authors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_cursors" ADD CONSTRAINT "inbox_cursors_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_cursors" ADD CONSTRAINT "inbox_cursors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_escalations" ADD CONSTRAINT "inbox_escalations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_escalations" ADD CONSTRAINT "inbox_escalations_item_id_inbox_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inbox_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_escalations" ADD CONSTRAINT "inbox_escalations_expert_user_id_users_id_fk" FOREIGN KEY ("expert_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_escalations" ADD CONSTRAINT "inbox_escalations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_author_id_inbox_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."inbox_authors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_publish_target_id_publish_targets_id_fk" FOREIGN KEY ("publish_target_id") REFERENCES "public"."publish_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_item_id_inbox_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inbox_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_notes" ADD CONSTRAINT "inbox_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_presence" ADD CONSTRAINT "inbox_presence_item_id_inbox_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inbox_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_presence" ADD CONSTRAINT "inbox_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_presence" ADD CONSTRAINT "inbox_presence_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_item_id_inbox_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inbox_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_reply_approvals" ADD CONSTRAINT "inbox_reply_approvals_reply_id_inbox_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."inbox_replies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_reply_approvals" ADD CONSTRAINT "inbox_reply_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_routing_rules" ADD CONSTRAINT "inbox_routing_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_routing_rules" ADD CONSTRAINT "inbox_routing_rules_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_saved_replies" ADD CONSTRAINT "inbox_saved_replies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_saved_replies" ADD CONSTRAINT "inbox_saved_replies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_settings" ADD CONSTRAINT "inbox_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_authors_ext_uq" ON "inbox_authors" USING btree ("workspace_id","network","external_id");--> statement-breakpoint
CREATE INDEX "inbox_escalations_item_idx" ON "inbox_escalations" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "inbox_escalations_ws_idx" ON "inbox_escalations" USING btree ("workspace_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_items_dedupe_uq" ON "inbox_items" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "inbox_items_open_urgency_idx" ON "inbox_items" USING btree ("workspace_id","urgency_at","id") WHERE status in ('new', 'assigned', 'waiting');--> statement-breakpoint
CREATE INDEX "inbox_items_ws_received_idx" ON "inbox_items" USING btree ("workspace_id","received_at","id");--> statement-breakpoint
CREATE INDEX "inbox_items_assignee_idx" ON "inbox_items" USING btree ("assignee_id","urgency_at") WHERE status in ('new', 'assigned', 'waiting');--> statement-breakpoint
CREATE INDEX "inbox_items_conversation_idx" ON "inbox_items" USING btree ("workspace_id","conversation_key","received_at");--> statement-breakpoint
CREATE INDEX "inbox_items_author_idx" ON "inbox_items" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "inbox_items_search_idx" ON "inbox_items" USING gin ("search");--> statement-breakpoint
CREATE INDEX "inbox_items_tags_idx" ON "inbox_items" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "inbox_notes_item_idx" ON "inbox_notes" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "inbox_replies_item_idx" ON "inbox_replies" USING btree ("item_id","created_at");--> statement-breakpoint
CREATE INDEX "inbox_replies_ws_state_idx" ON "inbox_replies" USING btree ("workspace_id","state");--> statement-breakpoint
CREATE INDEX "inbox_reply_approvals_reply_idx" ON "inbox_reply_approvals" USING btree ("reply_id");--> statement-breakpoint
CREATE INDEX "inbox_routing_rules_ws_idx" ON "inbox_routing_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "inbox_saved_replies_ws_idx" ON "inbox_saved_replies" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_saved_replies_variant_uq" ON "inbox_saved_replies" USING btree ("workspace_id","group_key","language","address");