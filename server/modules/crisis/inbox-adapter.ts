/**
 * The crisis side's reading of the inbox (server/modules/inbox): items the inbox marked with the
 * priority `crisis` (it asks crisisInboxPolicy at ingestion) feed the crisis room and the report;
 * the hourly count feeds the inbox-volume trigger. Only reads; the inbox owns its tables.
 */
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { inboxAuthors, inboxItems } from '../inbox/inbox.schema.ts';
import type { InboxCrisisAdapter } from './crisis-inbox.ts';

const sentimentName = (s: number) => (s < 0 ? 'negative' : s > 0 ? 'positive' : 'neutral') as 'negative' | 'neutral' | 'positive';

export const inboxCrisisAdapter: InboxCrisisAdapter = {
  async countSince(tx, workspaceId, since) {
    const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(inboxItems).where(and(eq(inboxItems.workspaceId, workspaceId), gte(inboxItems.receivedAt, since)));
    return r?.n ?? 0;
  },
  async crisisItems(tx, workspaceId, _crisisId, from, to, limit) {
    const rows = await tx.select({ i: inboxItems, handle: inboxAuthors.handle }).from(inboxItems).leftJoin(inboxAuthors, eq(inboxAuthors.id, inboxItems.authorId))
      .where(and(eq(inboxItems.workspaceId, workspaceId), eq(inboxItems.priority, 'crisis'), gte(inboxItems.receivedAt, from), lte(inboxItems.receivedAt, to)))
      .orderBy(desc(inboxItems.receivedAt)).limit(limit);
    return rows.map(({ i, handle }) => ({
      id: i.id, network: i.network, author: handle, text: i.text, sentiment: sentimentName(i.sentiment), at: i.receivedAt, url: i.url,
      handledAt: i.firstResponseAt ?? i.resolvedAt,
    }));
  },
};
