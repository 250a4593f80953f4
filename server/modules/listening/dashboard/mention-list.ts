/** The mention list of a scope with filters, newest first, keyset-paginated over `mention_matches`. */
import type { Database } from '../../../db/client.ts';
import { badRequest } from '../../../http/errors.ts';
import type { mentions } from '../listening.schema.ts';
import { presentMention } from '../mention.present.ts';

export interface MentionFilter {
  from: Date;
  to: Date;
  sentiment?: 'negative' | 'neutral' | 'positive' | undefined;
  lang?: string | undefined;
  network?: string | undefined;
  author?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const SENT = { negative: -1, neutral: 0, positive: 1 } as const;

export function encodeCursor(publishedAt: Date, id: number): string {
  return Buffer.from(`${publishedAt.toISOString()}|${id}`).toString('base64url');
}
export function decodeCursor(c: string): { at: Date; id: number } {
  const [at, id] = Buffer.from(c, 'base64url').toString().split('|');
  const d = new Date(at ?? '');
  if (Number.isNaN(d.getTime()) || !/^\d+$/.test(id ?? '')) throw badRequest('invalid_cursor', 'The cursor is not valid.');
  return { at: d, id: Number(id) };
}

export async function listMentions(database: Database, queryIds: string[], f: MentionFilter) {
  const params: unknown[] = [queryIds, f.from, f.to, f.limit + 1];
  const cond: string[] = [];
  const add = (sqlText: string, v: unknown) => {
    params.push(v);
    cond.push(sqlText.replace('?', `$${params.length}`));
  };
  if (f.sentiment) add('mm.sentiment = ?', SENT[f.sentiment]);
  if (f.lang) add('mm.lang = ?', f.lang.toLowerCase());
  if (f.network) add('m.network = ?', f.network);
  if (f.author) add('lower(m.author) = lower(?)', f.author.replace(/^@/, ''));
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    params.push(c.at, c.id);
    cond.push(`(mm.published_at, mm.mention_id) < ($${params.length - 1}, $${params.length})`);
  }
  const where = cond.length ? `AND ${cond.join(' AND ')}` : '';
  // Top-N per query through its primary-key index, then merged: a mention in the global top N is
  // in the top N of each query it matched, so the merge is exact.
  const r = await database.pool.query(
    `WITH hits AS (
       SELECT x.mention_id, x.published_at, q AS query_id FROM unnest($1::uuid[]) AS q
       CROSS JOIN LATERAL (
         SELECT mm.mention_id, mm.published_at FROM mention_matches mm JOIN mentions m ON m.id = mm.mention_id
         WHERE mm.query_id = q AND mm.published_at >= $2 AND mm.published_at < $3 ${where}
         ORDER BY mm.published_at DESC, mm.mention_id DESC LIMIT $4) x),
     top AS (SELECT mention_id, max(published_at) AS published_at, array_agg(query_id) AS query_ids FROM hits GROUP BY mention_id
             ORDER BY 2 DESC, 1 DESC LIMIT $4)
     SELECT m.*, top.query_ids FROM top JOIN mentions m ON m.id = top.mention_id ORDER BY m.published_at DESC, m.id DESC`,
    params,
  );
  const rows = r.rows as Record<string, unknown>[];
  const items = rows.slice(0, f.limit).map((row) => ({
    ...presentMention({
      id: Number(row.id), workspaceId: row.workspace_id as string, sourceId: row.source_id as string | null, network: row.network as string,
      externalId: row.external_id as string, url: row.url as string | null, author: row.author as string | null, authorName: row.author_name as string | null,
      title: row.title as string | null, text: row.text as string, lang: row.lang as string | null, sentiment: row.sentiment as number,
      sentimentScore: row.sentiment_score as number, hashtags: row.hashtags as string[], publishedAt: row.published_at as Date, ingestedAt: row.ingested_at as Date,
    } satisfies typeof mentions.$inferSelect),
    queryIds: row.query_ids as string[],
  }));
  const last = rows.length > f.limit ? rows[f.limit - 1]! : null;
  return { items, nextCursor: last ? encodeCursor(last.published_at as Date, Number(last.id)) : null };
}
