import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppNotification } from '../../../common/schemas/notifications.ts';
import type { Tx } from '../../db/client.ts';
import { notifications } from './notifications.schema.ts';

export async function listNotifications(db: Tx, workspaceId: string, userId: string, opts: { unreadOnly: boolean; limit: number }): Promise<{ items: AppNotification[]; unread: number }> {
  const mine = and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId));
  const rows = await db.select().from(notifications)
    .where(and(mine, opts.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt)).limit(opts.limit);
  const [u] = await db.select({ n: count() }).from(notifications).where(and(mine, isNull(notifications.readAt)));
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.createdAt.toISOString(), readAt: n.readAt ? n.readAt.toISOString() : null })),
    unread: Number(u?.n ?? 0),
  };
}

/** Marks the given (or all) unread notices of the user read; returns how many changed. */
export async function markRead(db: Tx, workspaceId: string, userId: string, ids: string[] | null, now: Date): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const r = await db.update(notifications).set({ readAt: now })
    .where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, userId), isNull(notifications.readAt), ids ? inArray(notifications.id, ids) : undefined))
    .returning({ id: notifications.id });
  return r.length;
}
