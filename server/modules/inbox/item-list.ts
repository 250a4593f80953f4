/**
 * The inbox list: filters, full-text search and keyset pagination. The default view (open items by
 * SLA urgency) walks the partial index `inbox_items_open_urgency_idx` in order; "newest"/"oldest"
 * walk `inbox_items_ws_received_idx`. Cursors carry the sort key of the last row, so page N costs
 * the same as page 1 over a million items (docs/benchmarks.md, "Inbox").
 */
import { and, arrayContains, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_STATUSES, type ItemListQuery } from '../../../common/schemas/inbox.ts';
import type { Tx } from '../../db/client.ts';
import { badRequest } from '../../http/errors.ts';
import { slaStateWhere } from '../sla/sla-state.ts';
import { inboxAuthors, inboxItems, inboxPresence } from './inbox.schema.ts';
import { ITEM_SLA_COLUMNS, type InboxAuthorRow, type InboxItemRow } from './item-store.ts';

const SENTIMENT_VALUE = { negative: -1, neutral: 0, positive: 1 } as const;

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
export function searchCondition(q: string): SQL {
  return sql`${inboxItems.search} @@ (websearch_to_tsquery('german', ${q}) || websearch_to_tsquery('simple', ${q}))`;
}

export function filterConditions(workspaceId: string, userId: string, f: ItemListQuery, now: Date): SQL[] {
  const where: SQL[] = [eq(inboxItems.workspaceId, workspaceId)];
  const statuses = f.status?.length ? f.status : [...OPEN_STATUSES];
  // The literal IN list (not a bound array) lets the planner match the partial indexes' predicate.
  const onlyOpen = statuses.length === OPEN_STATUSES.length && OPEN_STATUSES.every((s) => statuses.includes(s));
  if (onlyOpen) where.push(sql`${inboxItems.status} in ('new', 'assigned', 'waiting')`);
  else if (statuses.length < 5) where.push(inArray(inboxItems.status, statuses));
  if (f.channelId) where.push(eq(inboxItems.channelId, f.channelId));
  if (f.assignee === 'me') where.push(eq(inboxItems.assigneeId, userId));
  else if (f.assignee === 'none') where.push(isNull(inboxItems.assigneeId));
  else if (f.assignee) where.push(eq(inboxItems.assigneeId, f.assignee));
  if (f.priority?.length) where.push(inArray(inboxItems.priority, f.priority));
  if (f.kind?.length) where.push(inArray(inboxItems.kind, f.kind));
  if (f.language) where.push(eq(inboxItems.language, f.language));
  if (f.sentiment?.length) where.push(inArray(inboxItems.sentiment, f.sentiment.map((s) => SENTIMENT_VALUE[s])));
  if (f.tag) where.push(arrayContains(inboxItems.tags, [f.tag]));
  if (f.sla) where.push(slaStateWhere(f.sla, ITEM_SLA_COLUMNS, now));
  if (f.q) where.push(searchCondition(f.q));
  return where;
}

export interface ListedItem { item: InboxItemRow; author: InboxAuthorRow | null; replying: string[] }

export async function listItems(tx: Tx, workspaceId: string, userId: string, f: ItemListQuery, now: Date): Promise<{ items: ListedItem[]; nextCursor: string | null }> {
  const sort = f.sort ?? 'urgency';
  const where = filterConditions(workspaceId, userId, f, now);
  const key = sort === 'urgency' ? inboxItems.urgencyAt : inboxItems.receivedAt;
  if (f.cursor) {
    const c = decode(f.cursor);
    const at = new Date(c.k);
    where.push(sort === 'newest'
      ? or(lt(key, at), and(eq(key, at), lt(inboxItems.id, c.id)))!
      : or(gt(key, at), and(eq(key, at), gt(inboxItems.id, c.id)))!);
  }
  const order = sort === 'newest' ? [desc(key), desc(inboxItems.id)] : [asc(key), asc(inboxItems.id)];
  const rows = await tx.select({ item: inboxItems, author: inboxAuthors }).from(inboxItems)
    .leftJoin(inboxAuthors, eq(inboxAuthors.id, inboxItems.authorId))
    .where(and(...where)).orderBy(...order).limit(f.limit + 1);
  const page = rows.slice(0, f.limit);
  const last = rows.length > f.limit ? page.at(-1)!.item : null;
  const replying = await replyingOn(tx, page.map((r) => r.item.id), now);
  return {
    items: page.map((r) => ({ item: r.item, author: r.author, replying: replying.get(r.item.id) ?? [] })),
    nextCursor: last ? encode({ k: (sort === 'urgency' ? last.urgencyAt : last.receivedAt).toISOString(), id: last.id }) : null,
  };
}

/** Who is composing a reply on these items now (unexpired presence). */
export async function replyingOn(tx: Tx, itemIds: string[], now: Date): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await tx.select({ itemId: inboxPresence.itemId, userId: inboxPresence.userId }).from(inboxPresence)
    .where(and(inArray(inboxPresence.itemId, itemIds), gt(inboxPresence.expiresAt, now)));
  for (const r of rows) out.set(r.itemId, [...(out.get(r.itemId) ?? []), r.userId]);
  return out;
}
