CREATE TABLE "roster_absences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"substitute_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roster_absences_range" CHECK ("roster_absences"."ends_at" > "roster_absences"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "roster_shifts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"duty" text NOT NULL,
	"channel_id" uuid,
	"user_id" uuid NOT NULL,
	"recurrence" text NOT NULL,
	"weekday" smallint,
	"start_time" text,
	"end_time" text,
	"valid_from" date,
	"valid_until" date,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roster_shifts_shape" CHECK (("roster_shifts"."recurrence" = 'weekly' AND "roster_shifts"."weekday" BETWEEN 1 AND 7 AND "roster_shifts"."start_time" IS NOT NULL AND "roster_shifts"."end_time" IS NOT NULL)
    OR ("roster_shifts"."recurrence" = 'once' AND "roster_shifts"."starts_at" IS NOT NULL AND "roster_shifts"."ends_at" > "roster_shifts"."starts_at"))
);
--> statement-breakpoint
CREATE TABLE "sla_closed_days" (
	"workspace_id" uuid NOT NULL,
	"date" date NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	CONSTRAINT "sla_closed_days_workspace_id_date_pk" PRIMARY KEY("workspace_id","date")
);
--> statement-breakpoint
CREATE TABLE "sla_notices" (
	"workspace_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"kind" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sla_notices_item_id_stage_kind_pk" PRIMARY KEY("item_id","stage","kind")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid,
	"priority" text,
	"first_response_minutes" integer,
	"resolution_minutes" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_scope_uq" UNIQUE NULLS NOT DISTINCT("workspace_id","channel_id","priority")
);
--> statement-breakpoint
CREATE TABLE "sla_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"hours" jsonb DEFAULT '{"1":[{"start":"08:00","end":"18:00"}],"2":[{"start":"08:00","end":"18:00"}],"3":[{"start":"08:00","end":"18:00"}],"4":[{"start":"08:00","end":"18:00"}],"5":[{"start":"08:00","end":"18:00"}]}'::jsonb NOT NULL,
	"federal_state" text,
	"warn_at_percent" smallint DEFAULT 80 NOT NULL,
	"first_response_minutes" integer DEFAULT 60 NOT NULL,
	"resolution_minutes" integer DEFAULT 1200 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roster_absences" ADD CONSTRAINT "roster_absences_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_absences" ADD CONSTRAINT "roster_absences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_absences" ADD CONSTRAINT "roster_absences_substitute_id_users_id_fk" FOREIGN KEY ("substitute_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_absences" ADD CONSTRAINT "roster_absences_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_shifts" ADD CONSTRAINT "roster_shifts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_closed_days" ADD CONSTRAINT "sla_closed_days_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_notices" ADD CONSTRAINT "sla_notices_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_settings" ADD CONSTRAINT "sla_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_absences_ws_idx" ON "roster_absences" USING btree ("workspace_id","ends_at");--> statement-breakpoint
CREATE INDEX "roster_shifts_ws_idx" ON "roster_shifts" USING btree ("workspace_id","duty");--> statement-breakpoint
CREATE INDEX "sla_notices_ws_idx" ON "sla_notices" USING btree ("workspace_id","sent_at");