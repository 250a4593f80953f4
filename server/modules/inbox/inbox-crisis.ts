/**
 * The inbox side of crisis mode (crisis/crisis-inbox.ts): the crisis room and report read inbox
 * items of a crisis — those routed with priority `crisis` — and the volume trigger counts arrivals.
 */
import { and, asc, count, eq, gte, lte } from 'drizzle-orm';
import { registerInboxCrisisAdapter as register, type CrisisFeedItem } from '../crisis/crisis-inbox.ts';
import { inboxAuthors, inboxItems } from './inbox.schema.ts';

const SENTIMENT = { '-1': 'negative', '0': 'neutral', '1': 'positive' } as const;

export function registerInboxCrisisAdapter(): void {
  register({
    async countSince(tx, workspaceId, since) {
      const [r] = await tx.select({ n: count() }).from(inboxItems).where(and(eq(inboxItems.workspaceId, workspaceId), gte(inboxItems.receivedAt, since)));
      return r?.n ?? 0;
    },
    async crisisItems(tx, workspaceId, _crisisId, from, to, limit): Promise<CrisisFeedItem[]> {
      const rows = await tx.select({ i: inboxItems, handle: inboxAuthors.handle }).from(inboxItems).leftJoin(inboxAuthors, eq(inboxAuthors.id, inboxItems.authorId))
        .where(and(eq(inboxItems.workspaceId, workspaceId), eq(inboxItems.priority, 'crisis'), gte(inboxItems.receivedAt, from), lte(inboxItems.receivedAt, to)))
        .orderBy(asc(inboxItems.receivedAt)).limit(limit);
      return rows.map(({ i, handle }) => ({
        id: i.id, network: i.network, author: handle, text: i.text, sentiment: SENTIMENT[String(i.sentiment) as '-1'] ?? 'neutral',
        at: i.receivedAt, url: i.url, handledAt: i.firstResponseAt ?? i.resolvedAt,
      }));
    },
  });
}
