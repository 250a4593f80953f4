/**
 * Scope rollups: each mention once per topic group and once per workspace ("all queries"), per hour.
 * Ingest adds the batch's set rollups to every scope they belong to under the membership it reads;
 * a change of membership (a query moved to another group, or deleted) recounts the scopes concerned
 * from the set rollups, which do not depend on membership (see `listeningSetRollups`).
 *
 * Both sides lock the query rows they read membership from: ingest `FOR SHARE`, a membership change
 * by updating the row. So a recount runs either after the ingest committed (and sees its set rows)
 * or before the ingest reads the membership (and the ingest then counts under the new one).
 */
import type pg from 'pg';
import type { Tx } from '../../../db/client.ts';
import { sql } from 'drizzle-orm';

export interface SetRow { workspaceId: string; bucket: Date; queryIds: string[]; volume: number; negative: number; neutral: number; positive: number }

type Queryable = Pick<pg.PoolClient, 'query'>;

/** The set rows as unnest() parameters; the id sets travel as text ('{a,b}'): PostgreSQL has no ragged arrays. */
const setParams = (sets: SetRow[]) => [
  sets.map((r) => r.workspaceId), sets.map((r) => r.bucket), sets.map((r) => `{${r.queryIds.join(',')}}`),
  sets.map((r) => r.volume), sets.map((r) => r.negative), sets.map((r) => r.neutral), sets.map((r) => r.positive),
];

/**
 * Adds one ingest batch's set rows (inside its transaction): to `listening_set_rollups`, then to the
 * workspace and group scopes they belong to under the current membership.
 */
export async function addSetRollups(client: Queryable, sets: SetRow[]): Promise<void> {
  if (sets.length === 0) return;
  const params = setParams(sets);
  await client.query(
    `INSERT INTO listening_set_rollups (workspace_id, bucket, query_ids, volume, negative, neutral, positive)
     SELECT w, b, q::uuid[], v, n, z, p FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[]) AS t(w, b, q, v, n, z, p)
     ON CONFLICT (workspace_id, bucket, query_ids) DO UPDATE SET volume = listening_set_rollups.volume + excluded.volume,
       negative = listening_set_rollups.negative + excluded.negative, neutral = listening_set_rollups.neutral + excluded.neutral,
       positive = listening_set_rollups.positive + excluded.positive`,
    params,
  );
  await client.query(
    `WITH s AS (
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[]) WITH ORDINALITY AS t(w, b, q, v, n, z, p, i)
     ),
     lq AS (SELECT id, group_id FROM listening_queries WHERE id IN (SELECT unnest(q::uuid[]) FROM s) ORDER BY id FOR SHARE),
     g AS (SELECT DISTINCT s.i, lq.group_id FROM s JOIN lq ON lq.id = ANY(s.q::uuid[]) WHERE lq.group_id IS NOT NULL),
     x AS (
       SELECT w, w AS scope, b, v, n, z, p FROM s
       UNION ALL SELECT s.w, g.group_id, s.b, s.v, s.n, s.z, s.p FROM g JOIN s ON s.i = g.i
     )
     INSERT INTO listening_scope_rollups (workspace_id, scope_id, bucket, volume, negative, neutral, positive)
     SELECT w, scope, b, sum(v), sum(n), sum(z), sum(p) FROM x GROUP BY w, scope, b ORDER BY scope, b
     ON CONFLICT (scope_id, bucket) DO UPDATE SET volume = listening_scope_rollups.volume + excluded.volume,
       negative = listening_scope_rollups.negative + excluded.negative, neutral = listening_scope_rollups.neutral + excluded.neutral,
       positive = listening_scope_rollups.positive + excluded.positive`,
    params,
  );
}

/**
 * Rebuilds one workspace's set rollups from its stored query links (after a bulk load of
 * `mention_matches`, as the benchmark does; the same statement as migration 0019's backfill).
 */
export async function rebuildSetRollups(client: Queryable, workspaceId: string): Promise<void> {
  await client.query('DELETE FROM listening_set_rollups WHERE workspace_id = $1', [workspaceId]);
  await client.query(
    `INSERT INTO listening_set_rollups (workspace_id, bucket, query_ids, volume, negative, neutral, positive)
     SELECT workspace_id, date_trunc('hour', published_at, 'UTC'), query_ids, count(*),
       count(*) FILTER (WHERE sentiment < 0), count(*) FILTER (WHERE sentiment = 0), count(*) FILTER (WHERE sentiment > 0)
     FROM (SELECT mention_id, workspace_id, min(published_at) AS published_at, min(sentiment) AS sentiment, array_agg(query_id ORDER BY query_id) AS query_ids
           FROM mention_matches WHERE workspace_id = $1 GROUP BY mention_id, workspace_id) m
     GROUP BY 1, 2, 3`,
    [workspaceId],
  );
}

/**
 * Recounts scopes of one workspace from its set rollups under the current membership: the workspace
 * itself (`workspaceId` in `scopeIds`) and topic groups. Run inside the transaction that changed the
 * membership, after the change. Unknown scope ids (a deleted group) just lose their rows.
 */
export async function recountScopes(tx: Tx, workspaceId: string, scopeIds: (string | null | undefined)[]): Promise<void> {
  const ids = [...new Set(scopeIds.filter((s): s is string => !!s))];
  if (ids.length === 0) return;
  const arr = sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;
  await tx.execute(sql`DELETE FROM listening_scope_rollups WHERE workspace_id = ${workspaceId} AND scope_id = ANY(${arr})`);
  await tx.execute(sql`
    WITH scope AS (
      SELECT ${workspaceId}::uuid AS id, array_agg(q.id) AS ids FROM listening_queries q WHERE q.workspace_id = ${workspaceId} AND ${workspaceId}::uuid = ANY(${arr})
      UNION ALL
      SELECT q.group_id, array_agg(q.id) FROM listening_queries q WHERE q.workspace_id = ${workspaceId} AND q.group_id = ANY(${arr}) GROUP BY q.group_id
    )
    INSERT INTO listening_scope_rollups (workspace_id, scope_id, bucket, volume, negative, neutral, positive)
    SELECT ${workspaceId}, scope.id, r.bucket, sum(r.volume), sum(r.negative), sum(r.neutral), sum(r.positive)
    FROM scope JOIN listening_set_rollups r ON r.workspace_id = ${workspaceId} AND r.query_ids && scope.ids
    WHERE scope.ids IS NOT NULL
    GROUP BY scope.id, r.bucket`);
}

/** Recounts the workspace and all its groups (after a bulk load: demo seed, benchmark). */
export async function recountAllScopes(tx: Tx, workspaceId: string): Promise<void> {
  const groups = await tx.execute<{ id: string }>(sql`SELECT id FROM listening_topic_groups WHERE workspace_id = ${workspaceId}`);
  await recountScopes(tx, workspaceId, [workspaceId, ...groups.rows.map((g) => g.id)]);
}
