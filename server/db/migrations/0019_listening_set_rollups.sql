CREATE TABLE "listening_scope_rollups" (
	"workspace_id" uuid NOT NULL,
	"scope_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"volume" integer DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "listening_scope_rollups_scope_id_bucket_pk" PRIMARY KEY("scope_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "listening_set_rollups" (
	"workspace_id" uuid NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"query_ids" uuid[] NOT NULL,
	"volume" integer DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "listening_set_rollups_workspace_id_bucket_query_ids_pk" PRIMARY KEY("workspace_id","bucket","query_ids")
);
--> statement-breakpoint
ALTER TABLE "listening_scope_rollups" ADD CONSTRAINT "listening_scope_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listening_set_rollups" ADD CONSTRAINT "listening_set_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Backfill the set rollups from the stored query links: one row per workspace, hour and set of matched queries.
INSERT INTO "listening_set_rollups" ("workspace_id", "bucket", "query_ids", "volume", "negative", "neutral", "positive")
SELECT workspace_id, date_trunc('hour', published_at, 'UTC'), query_ids, count(*),
  count(*) FILTER (WHERE sentiment < 0), count(*) FILTER (WHERE sentiment = 0), count(*) FILTER (WHERE sentiment > 0)
FROM (
  SELECT mention_id, workspace_id, min(published_at) AS published_at, min(sentiment) AS sentiment, array_agg(query_id ORDER BY query_id) AS query_ids
  FROM mention_matches GROUP BY mention_id, workspace_id
) m
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- Backfill the scope rollups from the set rollups: every workspace ("all queries") and every topic group.
INSERT INTO "listening_scope_rollups" ("workspace_id", "scope_id", "bucket", "volume", "negative", "neutral", "positive")
SELECT s.workspace_id, s.id, r.bucket, sum(r.volume), sum(r.negative), sum(r.neutral), sum(r.positive)
FROM (
  SELECT workspace_id, workspace_id AS id, array_agg(id) AS ids FROM listening_queries GROUP BY workspace_id
  UNION ALL
  SELECT workspace_id, group_id, array_agg(id) FROM listening_queries WHERE group_id IS NOT NULL GROUP BY workspace_id, group_id
) s
JOIN listening_set_rollups r ON r.workspace_id = s.workspace_id AND r.query_ids && s.ids
GROUP BY s.workspace_id, s.id, r.bucket;
