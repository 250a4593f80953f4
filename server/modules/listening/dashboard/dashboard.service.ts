/**
 * Dashboard reads. Volume, sentiment, share of voice and the top lists come from the hourly
 * rollups (per query, and per set of co-matching queries for scopes of several) and daily facet
 * counts only; the mention list is an index range scan per query on
 * `mention_matches` (keyset pagination), so none of them scans raw mentions.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import { validationFailed } from '../../../http/errors.ts';
import { listeningQueries, listeningTopicGroups } from '../listening.schema.ts';
import { dayOf } from '../store/mention-store.ts';

export interface Scope {
  queryIds: string[];
  label: string;
  groupId: string | null;
}

/** Resolves `queryIds` (comma-separated) or `groupId` to the workspace's queries; default: all of them. */
export async function resolveScope(database: Database, workspaceId: string, q: { queryIds?: string | undefined; groupId?: string | undefined }): Promise<Scope> {
  const all = await database.db.select({ id: listeningQueries.id, name: listeningQueries.name, groupId: listeningQueries.groupId }).from(listeningQueries).where(eq(listeningQueries.workspaceId, workspaceId));
  if (q.groupId) {
    const [g] = await database.db.select().from(listeningTopicGroups).where(and(eq(listeningTopicGroups.workspaceId, workspaceId), eq(listeningTopicGroups.id, q.groupId)));
    if (!g) throw validationFailed([{ path: 'querystring.groupId', message: 'unknown topic group' }]);
    return { queryIds: all.filter((a) => a.groupId === g.id).map((a) => a.id), label: g.name, groupId: g.id };
  }
  if (q.queryIds) {
    const wanted = q.queryIds.split(',').map((s) => s.trim()).filter(Boolean);
    const known = new Map(all.map((a) => [a.id, a]));
    const bad = wanted.find((w) => !known.has(w));
    if (bad !== undefined || wanted.length === 0) throw validationFailed([{ path: 'querystring.queryIds', message: 'unknown query id' }]);
    return { queryIds: wanted, label: wanted.map((w) => known.get(w)!.name).join(', '), groupId: null };
  }
  return { queryIds: all.map((a) => a.id), label: 'all', groupId: null };
}

export function checkTimeZone(tz: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    throw validationFailed([{ path: 'querystring.tz', message: 'unknown time zone' }]);
  }
}

export function rangeOf(q: { from?: string | undefined; to?: string | undefined }, now: Date, defaultDays = 7): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - defaultDays * 86_400_000);
  if (from >= to) throw validationFailed([{ path: 'querystring.from', message: 'must be before to' }]);
  if (to.getTime() - from.getTime() > 400 * 86_400_000) throw validationFailed([{ path: 'querystring.from', message: 'range too long (max. 400 days)' }]);
  return { from, to };
}

type Count = { key: string; count: number };

async function topFacet(database: Database, facet: string, ids: string[], from: Date, to: Date, limit = 10): Promise<Count[]> {
  const r = await database.pool.query(
    `SELECT key, sum(count)::int AS count FROM listening_facets WHERE query_id = ANY($1::uuid[]) AND facet = $2 AND day >= $3 AND day < $4
     GROUP BY key ORDER BY count DESC, key LIMIT $5`,
    [ids, facet, dayOf(from), to, limit],
  );
  return r.rows as Count[];
}

/** Share of voice: the scope against the organisation and competitor groups of the workspace. */
async function shareOfVoice(database: Database, workspaceId: string, scope: Scope, from: Date, to: Date) {
  const groups = await database.db.select().from(listeningTopicGroups).where(and(eq(listeningTopicGroups.workspaceId, workspaceId), inArray(listeningTopicGroups.kind, ['org', 'competitor'])));
  const entries: { key: string; label: string; kind: string; ids: string[] }[] = [{ key: scope.groupId ?? 'selection', label: scope.label, kind: 'selection', ids: scope.queryIds }];
  const queries = await database.db.select({ id: listeningQueries.id, groupId: listeningQueries.groupId }).from(listeningQueries).where(eq(listeningQueries.workspaceId, workspaceId));
  const inScope = new Set(scope.queryIds);
  for (const g of groups) {
    const ids = queries.filter((q) => q.groupId === g.id).map((q) => q.id);
    // A group the selection already covers is not its own competitor.
    if (g.id === scope.groupId || (ids.length > 0 && ids.every((id) => inScope.has(id)))) {
      if (g.id === scope.groupId || ids.length === inScope.size) entries[0]!.kind = g.kind;
      continue;
    }
    entries.push({ key: g.id, label: g.name, kind: g.kind, ids });
  }
  // Each entry counts a mention once, however many of its queries matched it: the volumes of the
  // query sets that intersect the entry (few rows: one per set of co-matching queries).
  const r = await database.pool.query(
    `SELECT query_ids::text[] AS ids, sum(volume)::int AS v FROM listening_set_rollups
     WHERE workspace_id = $1 AND bucket >= $2 AND bucket < $3 AND query_ids && $4::uuid[] GROUP BY query_ids`,
    [workspaceId, from, to, [...new Set(entries.flatMap((e) => e.ids))]],
  );
  const sets = r.rows as { ids: string[]; v: number }[];
  const volumes = entries.map((e) => {
    const mine = new Set(e.ids);
    return { key: e.key, label: e.label, kind: e.kind, volume: sets.reduce((s, x) => (x.ids.some((id) => mine.has(id)) ? s + x.v : s), 0) };
  });
  const total = volumes.reduce((s, v) => s + v.volume, 0);
  return volumes.map((v) => ({ ...v, share: total ? Math.round((v.volume / total) * 10000) / 10000 : 0 }));
}

/** Everything one dashboard page shows, in five small aggregate queries. */
export async function dashboard(database: Database, workspaceId: string, scope: Scope, opts: { from: Date; to: Date; interval: 'hour' | 'day' | 'week'; tz: string }) {
  const ids = scope.queryIds;
  // One query: its own rollups. Several: the set rollups, so a mention two of them match counts once.
  const series = await database.pool.query(
    `SELECT (date_trunc($4, bucket AT TIME ZONE $5) AT TIME ZONE $5) AS t, sum(volume)::int AS volume, sum(negative)::int AS negative,
       sum(neutral)::int AS neutral, sum(positive)::int AS positive
     FROM ${ids.length === 1 ? 'listening_rollups WHERE query_id = ANY($1::uuid[])' : 'listening_set_rollups WHERE workspace_id = $6 AND query_ids && $1::uuid[]'}
       AND bucket >= $2 AND bucket < $3 GROUP BY 1 ORDER BY 1`,
    [ids, opts.from, opts.to, opts.interval, opts.tz, ...(ids.length === 1 ? [] : [workspaceId])],
  );
  const points = (series.rows as { t: Date; volume: number; negative: number; neutral: number; positive: number }[]).map((p) => ({ ...p, t: p.t.toISOString() }));
  const sum = (k: 'volume' | 'negative' | 'neutral' | 'positive') => points.reduce((s, p) => s + p[k], 0);
  const [sov, topAuthors, topHashtags, topTerms, languages] = await Promise.all([
    shareOfVoice(database, workspaceId, scope, opts.from, opts.to),
    topFacet(database, 'author', ids, opts.from, opts.to),
    topFacet(database, 'hashtag', ids, opts.from, opts.to),
    topFacet(database, 'term', ids, opts.from, opts.to, 20),
    topFacet(database, 'lang', ids, opts.from, opts.to),
  ]);
  return {
    from: opts.from.toISOString(), to: opts.to.toISOString(), queryIds: ids, total: sum('volume'),
    sentiment: { negative: sum('negative'), neutral: sum('neutral'), positive: sum('positive') },
    series: points, shareOfVoice: sov, topAuthors, topHashtags, topTerms, languages,
  };
}
