/**
 * Stores a batch of analysed mentions in one transaction: mentions once (dedupe on workspace,
 * network and external id), their query links, and the hourly rollups and daily facet counts of
 * the newly stored ones only, so a replayed or duplicated event never counts twice.
 */
import type pg from 'pg';
import type { AnalysedMention } from '../ingest/mention-analysis.ts';
import { addSetRollups } from './scope-rollups.ts';

export interface MatchedMention {
  mention: AnalysedMention;
  queryIds: string[];
}

export interface StoreResult {
  stored: number;
  duplicates: number;
  /** Per source id: how many of its items were stored / were duplicates. */
  bySource: Map<string, { stored: number; duplicates: number }>;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const hourOf = (d: Date): Date => new Date(Math.floor(d.getTime() / HOUR) * HOUR);
export const dayOf = (d: Date): Date => new Date(Math.floor(d.getTime() / DAY) * DAY);

interface Counts { volume: number; negative: number; neutral: number; positive: number }
const tally = (r: Counts, sentiment: number) => {
  r.volume++;
  if (sentiment < 0) r.negative++;
  else if (sentiment > 0) r.positive++;
  else r.neutral++;
};

/**
 * Rollup, set-rollup and facet rows of a set of (mention, query) links, pre-aggregated and sorted
 * (stable lock order). A set rollup counts each mention once under the sorted ids of all the
 * queries it matched (see `listeningSetRollups`).
 */
export function aggregate(links: MatchedMention[]) {
  const rollups = new Map<string, Counts & { queryId: string; bucket: Date }>();
  const sets = new Map<string, Counts & { workspaceId: string; bucket: Date; queryIds: string[] }>();
  const facets = new Map<string, { queryId: string; facet: string; day: Date; key: string; count: number }>();
  const addFacet = (queryId: string, facet: string, day: Date, key: string) => {
    const k = `${queryId}|${facet}|${day.getTime()}|${key}`;
    const f = facets.get(k);
    if (f) f.count++;
    else facets.set(k, { queryId, facet, day, key, count: 1 });
  };
  for (const { mention: m, queryIds } of links) {
    const bucket = hourOf(m.publishedAt);
    const day = dayOf(m.publishedAt);
    // Sorted as PostgreSQL sorts uuids (byte order = lower-case hex order), so a set has one key.
    const ids = [...new Set(queryIds.map((q) => q.toLowerCase()))].sort();
    if (ids.length > 0) {
      const k = `${m.workspaceId}|${bucket.getTime()}|${ids.join(',')}`;
      let r = sets.get(k);
      if (!r) sets.set(k, (r = { workspaceId: m.workspaceId, bucket, queryIds: ids, volume: 0, negative: 0, neutral: 0, positive: 0 }));
      tally(r, m.sentiment);
    }
    for (const q of queryIds) {
      const k = `${q}|${bucket.getTime()}`;
      let r = rollups.get(k);
      if (!r) rollups.set(k, (r = { queryId: q, bucket, volume: 0, negative: 0, neutral: 0, positive: 0 }));
      tally(r, m.sentiment);
      if (m.author) addFacet(q, 'author', day, m.author.slice(0, 200));
      addFacet(q, 'lang', day, m.lang ?? 'und');
      for (const h of m.hashtags) addFacet(q, 'hashtag', day, h.slice(0, 100));
      for (const t of m.terms) addFacet(q, 'term', day, t.slice(0, 100));
    }
  }
  const byKey = <T>(map: Map<string, T>) => [...map.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);
  return { rollups: byKey(rollups), sets: byKey(sets), facets: byKey(facets) };
}

/** Writes the batch with `client` (a pool client); runs its own transaction. */
export async function storeBatch(client: pg.PoolClient, batch: MatchedMention[], now: Date): Promise<StoreResult> {
  const bySource = new Map<string, { stored: number; duplicates: number }>();
  const count = (sourceId: string | null, stored: boolean) => {
    if (!sourceId) return;
    let s = bySource.get(sourceId);
    if (!s) bySource.set(sourceId, (s = { stored: 0, duplicates: 0 }));
    if (stored) s.stored++;
    else s.duplicates++;
  };
  if (batch.length === 0) return { stored: 0, duplicates: 0, bySource };
  // The same event twice in one batch (a replay overlapping the live stream) is stored once.
  const unique = new Map<string, MatchedMention>();
  for (const b of batch) {
    const k = `${b.mention.workspaceId}|${b.mention.network}|${b.mention.externalId}`;
    if (unique.has(k)) count(b.mention.sourceId, false);
    else unique.set(k, b);
  }
  const items = [...unique.values()];
  const col = <T>(f: (m: AnalysedMention) => T) => items.map((i) => f(i.mention));
  await client.query('BEGIN');
  try {
    const inserted = await client.query<{ id: number; workspace_id: string; network: string; external_id: string }>(
      `INSERT INTO mentions (workspace_id, source_id, network, external_id, url, author, author_name, title, text, lang, sentiment, sentiment_score, hashtags, published_at, ingested_at)
       SELECT w, s, n, e, u, a, an, ti, tx, l, se, sc, COALESCE(string_to_array(NULLIF(h, ''), ' '), '{}'), p, $15
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::smallint[], $12::real[], $13::text[], $14::timestamptz[])
         AS t(w, s, n, e, u, a, an, ti, tx, l, se, sc, h, p)
       ON CONFLICT (workspace_id, network, external_id) DO NOTHING
       RETURNING id, workspace_id, network, external_id`,
      [
        col((m) => m.workspaceId), col((m) => m.sourceId), col((m) => m.network), col((m) => m.externalId), col((m) => m.url),
        col((m) => m.author), col((m) => m.authorName), col((m) => m.title), col((m) => m.text), col((m) => m.lang),
        col((m) => m.sentiment), col((m) => m.sentimentScore), col((m) => m.hashtags.join(' ')), col((m) => m.publishedAt), now,
      ],
    );
    const ids = new Map(inserted.rows.map((r) => [`${r.workspace_id}|${r.network}|${r.external_id}`, r.id]));
    const fresh: (MatchedMention & { id: number })[] = [];
    for (const [k, item] of unique) {
      const id = ids.get(k);
      count(item.mention.sourceId, id !== undefined);
      if (id !== undefined) fresh.push({ ...item, id });
    }
    const links = fresh.filter((f) => f.queryIds.length > 0);
    if (links.length > 0) {
      const q: string[] = [], p: Date[] = [], mid: number[] = [], w: string[] = [], s: number[] = [], l: (string | null)[] = [];
      for (const f of links) for (const queryId of f.queryIds) {
        q.push(queryId); p.push(f.mention.publishedAt); mid.push(f.id); w.push(f.mention.workspaceId); s.push(f.mention.sentiment); l.push(f.mention.lang);
      }
      await client.query(
        `INSERT INTO mention_matches (query_id, published_at, mention_id, workspace_id, sentiment, lang)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::uuid[], $5::smallint[], $6::text[]) ON CONFLICT DO NOTHING`,
        [q, p, mid, w, s, l],
      );
      const { rollups, sets, facets } = aggregate(links);
      await client.query(
        `INSERT INTO listening_rollups (query_id, bucket, volume, negative, neutral, positive)
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::int[], $4::int[], $5::int[], $6::int[])
         ON CONFLICT (query_id, bucket) DO UPDATE SET volume = listening_rollups.volume + excluded.volume,
           negative = listening_rollups.negative + excluded.negative, neutral = listening_rollups.neutral + excluded.neutral,
           positive = listening_rollups.positive + excluded.positive`,
        [rollups.map((r) => r.queryId), rollups.map((r) => r.bucket), rollups.map((r) => r.volume), rollups.map((r) => r.negative), rollups.map((r) => r.neutral), rollups.map((r) => r.positive)],
      );
      await addSetRollups(client, sets);
      await client.query(
        `INSERT INTO listening_facets (query_id, facet, day, key, count)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::int[])
         ON CONFLICT (query_id, facet, day, key) DO UPDATE SET count = listening_facets.count + excluded.count`,
        [facets.map((f) => f.queryId), facets.map((f) => f.facet), facets.map((f) => f.day), facets.map((f) => f.key), facets.map((f) => f.count)],
      );
    }
    await client.query('COMMIT');
    return { stored: fresh.length, duplicates: batch.length - fresh.length, bySource };
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
