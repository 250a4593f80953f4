CREATE TABLE "crises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"playbook_id" uuid,
	"playbook_version" integer,
	"title" text NOT NULL,
	"scenario" text NOT NULL,
	"severity" smallint NOT NULL,
	"state" text NOT NULL,
	"drill" boolean DEFAULT false NOT NULL,
	"scope" text DEFAULT 'workspace' NOT NULL,
	"channel_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"query_id" uuid,
	"query_text" text,
	"trigger" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"proposed_at" timestamp with time zone,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"ended_at" timestamp with time zone,
	"ended_by" uuid,
	"end_summary" text,
	"previous_publishing" jsonb,
	"pause_effective_ms" integer,
	"in_flight_at_confirm" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crisis_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"crisis_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL,
	"user_id" uuid NOT NULL,
	"substitute_for" uuid,
	"fallback_user_id" uuid,
	"notified_at" timestamp with time zone NOT NULL,
	"escalate_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"ack_token_hash" text NOT NULL,
	"deliveries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "crisis_contacts_ack_token_hash_unique" UNIQUE("ack_token_hash")
);
--> statement-breakpoint
CREATE TABLE "crisis_drill_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"crisis_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"network" text NOT NULL,
	"author" text NOT NULL,
	"text" text NOT NULL,
	"sentiment" smallint NOT NULL,
	"sentiment_score" real NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"handled_at" timestamp with time zone,
	"handled_by" uuid
);
--> statement-breakpoint
CREATE TABLE "crisis_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crisis_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"crisis_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_id" uuid,
	"summary" text NOT NULL,
	"reason" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crisis_holding_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"playbook_id" uuid NOT NULL,
	"title" text NOT NULL,
	"language" text NOT NULL,
	"register" text NOT NULL,
	"text" text NOT NULL,
	"variants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"networks" text[] DEFAULT '{bluesky,mastodon}'::text[] NOT NULL,
	"content_hash" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"approved_hash" text,
	"approved_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crisis_playbook_versions" (
	"playbook_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"content" jsonb NOT NULL,
	"edited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crisis_playbook_versions_playbook_id_version_pk" PRIMARY KEY("playbook_id","version")
);
--> statement-breakpoint
CREATE TABLE "crisis_playbooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"scenario" text NOT NULL,
	"name" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"content" jsonb NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crisis_reports" (
	"crisis_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"generated_at" timestamp with time zone NOT NULL,
	"summary" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crisis_statement_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"step_index" integer NOT NULL,
	"decision" text NOT NULL,
	"content_hash" text NOT NULL,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "crisis_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"crisis_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"holding_statement_id" uuid,
	"post_id" uuid,
	"text" text NOT NULL,
	"language" text NOT NULL,
	"channel_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"pre_approved" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "crisis_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"crisis_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" uuid
);
--> statement-breakpoint
CREATE TABLE "crisis_webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"format" text NOT NULL,
	"url_sealed" text NOT NULL,
	"url_host" text NOT NULL,
	"secret_sealed" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_playbook_id_crisis_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."crisis_playbooks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crises" ADD CONSTRAINT "crises_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_contacts" ADD CONSTRAINT "crisis_contacts_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_contacts" ADD CONSTRAINT "crisis_contacts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_contacts" ADD CONSTRAINT "crisis_contacts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_contacts" ADD CONSTRAINT "crisis_contacts_substitute_for_users_id_fk" FOREIGN KEY ("substitute_for") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_contacts" ADD CONSTRAINT "crisis_contacts_fallback_user_id_users_id_fk" FOREIGN KEY ("fallback_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_drill_items" ADD CONSTRAINT "crisis_drill_items_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_drill_items" ADD CONSTRAINT "crisis_drill_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_drill_items" ADD CONSTRAINT "crisis_drill_items_handled_by_users_id_fk" FOREIGN KEY ("handled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_events" ADD CONSTRAINT "crisis_events_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_events" ADD CONSTRAINT "crisis_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_events" ADD CONSTRAINT "crisis_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_holding_statements" ADD CONSTRAINT "crisis_holding_statements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_holding_statements" ADD CONSTRAINT "crisis_holding_statements_playbook_id_crisis_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."crisis_playbooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_holding_statements" ADD CONSTRAINT "crisis_holding_statements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_playbook_versions" ADD CONSTRAINT "crisis_playbook_versions_playbook_id_crisis_playbooks_id_fk" FOREIGN KEY ("playbook_id") REFERENCES "public"."crisis_playbooks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_playbook_versions" ADD CONSTRAINT "crisis_playbook_versions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_playbooks" ADD CONSTRAINT "crisis_playbooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_playbooks" ADD CONSTRAINT "crisis_playbooks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_reports" ADD CONSTRAINT "crisis_reports_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_reports" ADD CONSTRAINT "crisis_reports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_statement_approvals" ADD CONSTRAINT "crisis_statement_approvals_statement_id_crisis_holding_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."crisis_holding_statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_statement_approvals" ADD CONSTRAINT "crisis_statement_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_statements" ADD CONSTRAINT "crisis_statements_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_statements" ADD CONSTRAINT "crisis_statements_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_statements" ADD CONSTRAINT "crisis_statements_holding_statement_id_crisis_holding_statements_id_fk" FOREIGN KEY ("holding_statement_id") REFERENCES "public"."crisis_holding_statements"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_statements" ADD CONSTRAINT "crisis_statements_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_statements" ADD CONSTRAINT "crisis_statements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_tasks" ADD CONSTRAINT "crisis_tasks_crisis_id_crises_id_fk" FOREIGN KEY ("crisis_id") REFERENCES "public"."crises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_tasks" ADD CONSTRAINT "crisis_tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_tasks" ADD CONSTRAINT "crisis_tasks_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_tasks" ADD CONSTRAINT "crisis_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "crisis_webhooks" ADD CONSTRAINT "crisis_webhooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "crises_ws_idx" ON "crises" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "crises_one_active_uq" ON "crises" USING btree ("workspace_id") WHERE state = 'active' AND NOT drill;--> statement-breakpoint
CREATE UNIQUE INDEX "crises_one_drill_uq" ON "crises" USING btree ("workspace_id") WHERE state = 'active' AND drill;--> statement-breakpoint
CREATE UNIQUE INDEX "crises_one_proposal_uq" ON "crises" USING btree ("workspace_id") WHERE state = 'proposed';--> statement-breakpoint
CREATE INDEX "crisis_contacts_crisis_idx" ON "crisis_contacts" USING btree ("crisis_id");--> statement-breakpoint
CREATE INDEX "crisis_drill_items_crisis_idx" ON "crisis_drill_items" USING btree ("crisis_id","at");--> statement-breakpoint
CREATE INDEX "crisis_events_crisis_idx" ON "crisis_events" USING btree ("crisis_id","at");--> statement-breakpoint
CREATE INDEX "crisis_holding_statements_playbook_idx" ON "crisis_holding_statements" USING btree ("playbook_id");--> statement-breakpoint
CREATE INDEX "crisis_playbooks_ws_idx" ON "crisis_playbooks" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "crisis_statement_approvals_statement_idx" ON "crisis_statement_approvals" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "crisis_statements_crisis_idx" ON "crisis_statements" USING btree ("crisis_id");--> statement-breakpoint
CREATE INDEX "crisis_statements_post_idx" ON "crisis_statements" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "crisis_tasks_crisis_idx" ON "crisis_tasks" USING btree ("crisis_id");--> statement-breakpoint
CREATE INDEX "crisis_webhooks_ws_idx" ON "crisis_webhooks" USING btree ("workspace_id");