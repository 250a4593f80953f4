/**
 * Dashboard reads. Volume, sentiment, share of voice and the top lists come from the hourly
 * rollups (per query, per group and workspace, per set of co-matching queries; each mention once
 * per scope) and daily facet counts only; the mention list is an index range scan per query on
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
  /** All queries of the workspace (the default). */
  all: boolean;
}

/** Resolves `queryIds` (comma-separated) or `groupId` to the workspace's queries; default: all of them. */
export async function resolveScope(database: Database, workspaceId: string, q: { queryIds?: string | undefined; groupId?: string | undefined }): Promise<Scope> {
  const all = await database.db.select({ id: listeningQueries.id, name: listeningQueries.name, groupId: listeningQueries.groupId }).from(listeningQueries).where(eq(listeningQueries.workspaceId, workspaceId));
  if (q.groupId) {
    const [g] = await database.db.select().from(listeningTopicGroups).where(and(eq(listeningTopicGroups.workspaceId, workspaceId), eq(listeningTopicGroups.id, q.groupId)));
    if (!g) throw validationFailed([{ path: 'querystring.groupId', message: 'unknown topic group' }]);
    return { queryIds: all.filter((a) => a.groupId === g.id).map((a) => a.id), label: g.name, groupId: g.id, all: false };
  }
  if (q.queryIds) {
    const wanted = q.queryIds.split(',').map((s) => s.trim()).filter(Boolean);
    const known = new Map(all.map((a) => [a.id, a]));
    const bad = wanted.find((w) => !known.has(w));
    if (bad !== undefined || wanted.length === 0) throw validationFailed([{ path: 'querystring.queryIds', message: 'unknown query id' }]);
    return { queryIds: wanted, label: wanted.map((w) => known.get(w)!.name).join(', '), groupId: null, all: false };
  }
  return { queryIds: all.map((a) => a.id), label: 'all', groupId: null, all: true };
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

/**
 * Where a scope's counts are, each mention once: one query's own rollups; a group's or the whole
 * workspace's scope rollups (primary-key ranges, the hot paths); for any other selection of several
 * queries the set rollups that intersect it. Parameters are numbered from $1.
 */
function sourceOf(workspaceId: string, scope: Scope): { from: string; params: unknown[] } {
  if (scope.queryIds.length === 1) return { from: 'listening_rollups WHERE query_id = $1', params: [scope.queryIds[0]] };
  if (scope.groupId || scope.all) return { from: 'listening_scope_rollups WHERE scope_id = $1', params: [scope.groupId ?? workspaceId] };
  return { from: 'listening_set_rollups WHERE workspace_id = $1 AND query_ids && $2::uuid[]', params: [workspaceId, scope.queryIds] };
}

async function volumeOf(database: Database, workspaceId: string, scope: Scope, from: Date, to: Date): Promise<number> {
  const src = sourceOf(workspaceId, scope);
  const n = src.params.length;
  const r = await database.pool.query(`SELECT coalesce(sum(volume), 0)::int AS v FROM ${src.from} AND bucket >= $${n + 1} AND bucket < $${n + 2}`, [...src.params, from, to]);
  return (r.rows[0] as { v: number }).v;
}

/** Share of voice: the scope against the organisation and competitor groups of the workspace, each mention once per entry. */
async function shareOfVoice(database: Database, workspaceId: string, scope: Scope, from: Date, to: Date) {
  const groups = await database.db.select().from(listeningTopicGroups).where(and(eq(listeningTopicGroups.workspaceId, workspaceId), inArray(listeningTopicGroups.kind, ['org', 'competitor'])));
  const entries: { key: string; label: string; kind: string }[] = [{ key: scope.groupId ?? 'selection', label: scope.label, kind: 'selection' }];
  const queries = await database.db.select({ id: listeningQueries.id, groupId: listeningQueries.groupId }).from(listeningQueries).where(eq(listeningQueries.workspaceId, workspaceId));
  const inScope = new Set(scope.queryIds);
  const others: string[] = [];
  for (const g of groups) {
    const ids = queries.filter((q) => q.groupId === g.id).map((q) => q.id);
    // A group the selection already covers is not its own competitor.
    if (g.id === scope.groupId || (ids.length > 0 && ids.every((id) => inScope.has(id)))) {
      if (g.id === scope.groupId || ids.length === inScope.size) entries[0]!.kind = g.kind;
      continue;
    }
    entries.push({ key: g.id, label: g.name, kind: g.kind });
    others.push(g.id);
  }
  const [own, rows] = await Promise.all([
    volumeOf(database, workspaceId, scope, from, to),
    others.length
      ? database.pool.query(`SELECT scope_id, sum(volume)::int AS v FROM listening_scope_rollups WHERE scope_id = ANY($1::uuid[]) AND bucket >= $2 AND bucket < $3 GROUP BY scope_id`, [others, from, to])
      : Promise.resolve({ rows: [] }),
  ]);
  const vol = new Map((rows.rows as { scope_id: string; v: number }[]).map((x) => [x.scope_id, x.v]));
  const volumes = entries.map((e, i) => ({ key: e.key, label: e.label, kind: e.kind, volume: i === 0 ? own : (vol.get(e.key) ?? 0) }));
  const total = volumes.reduce((s, v) => s + v.volume, 0);
  return volumes.map((v) => ({ ...v, share: total ? Math.round((v.volume / total) * 10000) / 10000 : 0 }));
}

/** Everything one dashboard page shows, in five small aggregate queries. */
export async function dashboard(database: Database, workspaceId: string, scope: Scope, opts: { from: Date; to: Date; interval: 'hour' | 'day' | 'week'; tz: string }) {
  const ids = scope.queryIds;
  const src = sourceOf(workspaceId, scope);
  const n = src.params.length;
  const series = await database.pool.query(
    `SELECT (date_trunc($${n + 3}, bucket AT TIME ZONE $${n + 4}) AT TIME ZONE $${n + 4}) AS t, sum(volume)::int AS volume, sum(negative)::int AS negative,
       sum(neutral)::int AS neutral, sum(positive)::int AS positive
     FROM ${src.from} AND bucket >= $${n + 1} AND bucket < $${n + 2} GROUP BY 1 ORDER BY 1`,
    [...src.params, opts.from, opts.to, opts.interval, opts.tz],
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
