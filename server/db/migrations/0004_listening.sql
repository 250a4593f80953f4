CREATE TABLE "listening_alert_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"target" text NOT NULL,
	"format" text DEFAULT 'json' NOT NULL,
	"secret_sealed" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"query_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"observed" real NOT NULL,
	"expected" real NOT NULL,
	"score" real NOT NULL,
	"sensitivity" text NOT NULL,
	"deliveries" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "listening_facets" (
	"query_id" uuid NOT NULL,
	"facet" text NOT NULL,
	"day" timestamp with time zone NOT NULL,
	"key" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "listening_facets_query_id_facet_day_key_pk" PRIMARY KEY("query_id","facet","day","key")
);
--> statement-breakpoint
CREATE TABLE "listening_queries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"group_id" uuid,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"alert_enabled" boolean DEFAULT true NOT NULL,
	"alert_sensitivity" text DEFAULT 'medium' NOT NULL,
	"alert_min_mentions" integer DEFAULT 10 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_rollups" (
	"query_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"volume" integer DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "listening_rollups_query_id_bucket_pk" PRIMARY KEY("query_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "listening_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"config" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"secret_sealed" text,
	"enabled" boolean DEFAULT true NOT NULL,
	"cursor" text,
	"status" text DEFAULT 'idle' NOT NULL,
	"status_reason" text,
	"last_event_at" timestamp with time zone,
	"last_error_at" timestamp with time zone,
	"reconnects" integer DEFAULT 0 NOT NULL,
	"received_total" bigint DEFAULT 0 NOT NULL,
	"stored_total" bigint DEFAULT 0 NOT NULL,
	"duplicates_total" bigint DEFAULT 0 NOT NULL,
	"errors_total" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "listening_topic_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mention_matches" (
	"query_id" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"mention_id" bigint NOT NULL,
	"workspace_id" uuid NOT NULL,
	"sentiment" smallint NOT NULL,
	"lang" text,
	CONSTRAINT "mention_matches_query_id_published_at_mention_id_pk" PRIMARY KEY("query_id","published_at","mention_id")
);
--> statement-breakpoint
CREATE TABLE "mentions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "mentions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"source_id" uuid,
	"network" text NOT NULL,
	"external_id" text NOT NULL,
	"url" text,
	"author" text,
	"author_name" text,
	"title" text,
	"text" text NOT NULL,
	"lang" text,
	"sentiment" smallint NOT NULL,
	"sentiment_score" real NOT NULL,
	"hashtags" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"object_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "listening_alert_channels" ADD CONSTRAINT "listening_alert_channels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_alerts" ADD CONSTRAINT "listening_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_alerts" ADD CONSTRAINT "listening_alerts_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_facets" ADD CONSTRAINT "listening_facets_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_queries" ADD CONSTRAINT "listening_queries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_queries" ADD CONSTRAINT "listening_queries_group_id_listening_topic_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."listening_topic_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_queries" ADD CONSTRAINT "listening_queries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_rollups" ADD CONSTRAINT "listening_rollups_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_sources" ADD CONSTRAINT "listening_sources_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_topic_groups" ADD CONSTRAINT "listening_topic_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_matches" ADD CONSTRAINT "mention_matches_query_id_listening_queries_id_fk" FOREIGN KEY ("query_id") REFERENCES "public"."listening_queries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_source_id_listening_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."listening_sources"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listening_alert_channels_ws_idx" ON "listening_alert_channels" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "listening_alerts_query_idx" ON "listening_alerts" USING btree ("query_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "listening_alerts_ws_idx" ON "listening_alerts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "listening_queries_ws_idx" ON "listening_queries" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "listening_sources_ws_idx" ON "listening_sources" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "listening_topic_groups_ws_idx" ON "listening_topic_groups" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentions_dedupe_uq" ON "mentions" USING btree ("workspace_id","network","external_id");--> statement-breakpoint
CREATE INDEX "mentions_ws_published_idx" ON "mentions" USING btree ("workspace_id","published_at");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");