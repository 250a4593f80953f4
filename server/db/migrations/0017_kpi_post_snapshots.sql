CREATE TABLE "kpi_post_snapshots" (
	"workspace_id" uuid NOT NULL,
	"target_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"date" date NOT NULL,
	"likes" integer NOT NULL,
	"reposts" integer NOT NULL,
	"replies" integer NOT NULL,
	"quotes" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_post_snapshots_target_id_date_pk" PRIMARY KEY("target_id","date")
);
--> statement-breakpoint
ALTER TABLE "kpi_post_snapshots" ADD CONSTRAINT "kpi_post_snapshots_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kpi_post_snapshots_channel_idx" ON "kpi_post_snapshots" USING btree ("channel_id","date");