/**
 * The inbox list: filters, full-text search and keyset pagination. The default view (open items by
 * SLA urgency) walks the partial index `inbox_items_open_urgency_idx` in order; "newest"/"oldest"
 * walk `inbox_items_ws_received_idx`. Cursors carry the sort key of the last row, so page N costs
 * the same as page 1 over a million items (docs/benchmarks.md, "Inbox").
 *
 * The SQL is written out by hand on purpose: this is the hottest query of the product (every open
 * inbox refetches it on each live event), and building it with the query builder cost several
 * times the query's own execution time (profiled in bench/inbox.bench.ts). Columns are selected
 * under their TypeScript names so rows map without a translation layer.
 */
import { createHash } from 'node:crypto';
import { getTableColumns } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import { ITEM_STATUSES, OPEN_STATUSES, type ItemListQuery } from '../../../common/schemas/inbox.ts';
import { badRequest } from '../../http/errors.ts';
import { slaStateWhere, type SlaState } from '../sla/sla-state.ts';
import { inboxAuthors, inboxItems } from './inbox.schema.ts';
import { ITEM_SLA_COLUMNS, type InboxAuthorRow, type InboxItemRow } from './item-store.ts';

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;
/** What the list shows (presentItem's needs): fewer columns, fewer timestamps to parse per row. */
const LIST_ITEM_KEYS = [
  'id', 'sourceKind', 'channelId', 'network', 'kind', 'text', 'url', 'language', 'sentiment', 'sentimentScore', 'authorId', 'status', 'assigneeId',
  'priority', 'tags', 'receivedAt', 'firstResponseAt', 'resolvedAt', 'slaFirstDueAt', 'slaResolveDueAt', 'slaFirstWarnAt', 'slaResolveWarnAt',
  'urgencyAt', 'hiddenAt', 'moderationState', 'conversationKey', 'publishTargetId', 'version',
] as const satisfies readonly (keyof InboxItemRow)[];
const LIST_AUTHOR_KEYS = ['id', 'handle', 'displayName', 'avatarUrl', 'profileUrl', 'followerCount', 'pseudonymisedAt'] as const satisfies readonly (keyof InboxAuthorRow)[];
export type ListedRow = Pick<InboxItemRow, (typeof LIST_ITEM_KEYS)[number]>;
export type ListedAuthor = Pick<InboxAuthorRow, (typeof LIST_AUTHOR_KEYS)[number]>;
export interface ListedItem { item: ListedRow; author: ListedAuthor | null; replying: string[] }

const SENTIMENT_VALUE = { negative: -1, neutral: 0, positive: 1 } as const;
const ITEM_COLUMNS = getTableColumns(inboxItems);
const AUTHOR_COLUMNS = getTableColumns(inboxAuthors);
const SELECT = [
  ...LIST_ITEM_KEYS.map((k) => `inbox_items."${ITEM_COLUMNS[k].name}" AS "${k}"`),
  ...LIST_AUTHOR_KEYS.map((k) => `inbox_authors."${AUTHOR_COLUMNS[k].name}" AS "a_${k}"`),
].join(', ');

interface Cursor { k: string; id: string }
const encode = (c: Cursor) => Buffer.from(JSON.stringify([c.k, c.id])).toString('base64url');
function decode(s: string): Cursor {
  try {
    const [k, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof k !== 'string' || Number.isNaN(Date.parse(k)) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('shape');
    return { k, id };
  } catch {
    throw badRequest('invalid_cursor', 'The cursor is not valid; start again from the first page.', [{ path: 'query.cursor', message: 'not a cursor of this list' }]);
  }
}

/** The full-text condition: German stemming or exact words ('simple'), websearch syntax ("…", -, OR). */
export const SEARCH_SQL = (p: string) => `inbox_items.search @@ (websearch_to_tsquery('german', ${p}) || websearch_to_tsquery('simple', ${p}))`;

// The SLA state rule is the SLA module's (sla-state.ts); rendered once per request from its SQL.
const dialect = new PgDialect();
function slaCondition(state: SlaState, now: Date, offset: number): { text: string; params: unknown[] } {
  const q = dialect.sqlToQuery(slaStateWhere(state, ITEM_SLA_COLUMNS, now));
  return { text: q.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`), params: q.params };
}

export interface ListSql { text: string; values: unknown[] }

/** The list query for these filters (exported for EXPLAIN in the benchmark). */
export function listSql(workspaceId: string, userId: string, f: ItemListQuery, now: Date): ListSql {
  const values: unknown[] = [workspaceId];
  const p = (v: unknown) => `$${values.push(v)}`;
  const where = ['inbox_items.workspace_id = $1'];
  const statuses = f.status?.length ? f.status : [...OPEN_STATUSES];
  // A literal IN list lets the planner match the partial indexes' predicate (open statuses).
  if (statuses.length < ITEM_STATUSES.length) where.push(`inbox_items.status IN (${[...new Set(statuses)].sort().map((s) => `'${s}'`).join(', ')})`);
  if (f.channelId) where.push(`inbox_items.channel_id = ${p(f.channelId)}`);
  if (f.assignee === 'me') where.push(`inbox_items.assignee_id = ${p(userId)}`);
  else if (f.assignee === 'none') where.push('inbox_items.assignee_id IS NULL');
  else if (f.assignee) where.push(`inbox_items.assignee_id = ${p(f.assignee)}`);
  if (f.priority?.length) where.push(`inbox_items.priority = ANY(${p(f.priority)}::text[])`);
  if (f.kind?.length) where.push(`inbox_items.kind = ANY(${p(f.kind)}::text[])`);
  if (f.language) where.push(`inbox_items.language = ${p(f.language)}`);
  if (f.sentiment?.length) where.push(`inbox_items.sentiment = ANY(${p(f.sentiment.map((s) => SENTIMENT_VALUE[s]))}::smallint[])`);
  if (f.tag) where.push(`inbox_items.tags @> ARRAY[${p(f.tag)}]::text[]`);
  if (f.q) where.push(SEARCH_SQL(p(f.q)));
  if (f.sla) {
    const c = slaCondition(f.sla, now, values.length);
    values.push(...c.params);
    where.push(`(${c.text})`);
  }
  const sort = f.sort ?? 'urgency';
  const key = sort === 'urgency' ? 'inbox_items.urgency_at' : 'inbox_items.received_at';
  const dir = sort === 'newest' ? 'DESC' : 'ASC';
  if (f.cursor) {
    const c = decode(f.cursor);
    // Row comparison: one index range condition, not an OR the planner cannot use.
    where.push(`(${key}, inbox_items.id) ${sort === 'newest' ? '<' : '>'} (${p(new Date(c.k))}::timestamptz, ${p(c.id)}::uuid)`);
  }
  // Who is replying now comes along in the same round trip (presence rows are few and short-lived).
  const replying = `(SELECT array_agg(pr.user_id) FROM inbox_presence pr WHERE pr.item_id = inbox_items.id AND pr.expires_at > ${p(now)}) AS "replying"`;
  return {
    text: `SELECT ${SELECT}, ${replying} FROM inbox_items LEFT JOIN inbox_authors ON inbox_authors.id = inbox_items.author_id
      WHERE ${where.join(' AND ')} ORDER BY ${key} ${dir}, inbox_items.id ${dir} LIMIT ${p(f.limit + 1)}`,
    values,
  };
}

function mapRow(r: Record<string, unknown>): ListedItem {
  const item = {} as Record<string, unknown>;
  for (const k of LIST_ITEM_KEYS) item[k] = r[k];
  let author: Record<string, unknown> | null = null;
  if (r.a_id !== null) {
    author = {};
    for (const k of LIST_AUTHOR_KEYS) author[k] = r[`a_${k}`];
  }
  return { item: item as ListedRow, author: author as ListedAuthor | null, replying: (r.replying as string[] | null) ?? [] };
}

export async function listItems(db: Queryable, workspaceId: string, userId: string, f: ItemListQuery, now: Date): Promise<{ items: ListedItem[]; nextCursor: string | null }> {
  const q = listSql(workspaceId, userId, f, now);
  // A named statement per distinct SQL text: PostgreSQL plans it once per connection, not per request.
  const name = `inbox_list_${createHash('sha1').update(q.text).digest('hex').slice(0, 20)}`;
  const rows = (await db.query({ name, text: q.text, values: q.values })).rows.map(mapRow);
  const page = rows.slice(0, f.limit);
  const last = rows.length > f.limit ? page.at(-1)!.item : null;
  const sort = f.sort ?? 'urgency';
  return {
    items: page,
    nextCursor: last ? encode({ k: (sort === 'urgency' ? last.urgencyAt : last.receivedAt).toISOString(), id: last.id }) : null,
  };
}

/** Who is composing a reply on these items now (unexpired presence). */
export async function replyingOn(db: Queryable, itemIds: string[], now: Date): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (itemIds.length === 0) return out;
  const { rows } = await db.query('SELECT item_id, user_id FROM inbox_presence WHERE item_id = ANY($1::uuid[]) AND expires_at > $2', [itemIds, now]);
  for (const r of rows as { item_id: string; user_id: string }[]) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.user_id]);
  return out;
}
