/**
 * Collision detection: "someone else is replying now". The composer sends a heartbeat while a
 * member types a reply; the presence expires by itself when the heartbeats stop (tab closed,
 * network gone), so nobody is shown as replying forever. Only the start and the end are live
 * events — heartbeats just extend the row. Presence is ephemeral UI state, not a change of the
 * item, so it writes no audit row.
 */
import { and, eq, gt } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { inboxPresence } from './inbox.schema.ts';
import { getItem } from './item-store.ts';

export const PRESENCE_TTL_S = 30;

export async function setReplying(tx: Tx, ctx: Pick<AppContext, 'events' | 'clock'>, workspaceId: string, itemId: string, userId: string, replying: boolean): Promise<{ replying: string[]; expiresInS: number }> {
  const now = ctx.clock.now();
  if (!(await getItem(tx, workspaceId, itemId))) throw notFound('inbox item');
  let changed: boolean;
  if (replying) {
    const expiresAt = new Date(now.getTime() + PRESENCE_TTL_S * 1000);
    const [prev] = await tx.select({ expiresAt: inboxPresence.expiresAt }).from(inboxPresence).where(and(eq(inboxPresence.itemId, itemId), eq(inboxPresence.userId, userId)));
    await tx.insert(inboxPresence).values({ itemId, userId, workspaceId, expiresAt })
      .onConflictDoUpdate({ target: [inboxPresence.itemId, inboxPresence.userId], set: { expiresAt, workspaceId } });
    // A heartbeat extends; a first start (or one after the presence expired) is news for the others.
    changed = !prev || prev.expiresAt <= now;
  } else {
    changed = (await tx.delete(inboxPresence).where(and(eq(inboxPresence.itemId, itemId), eq(inboxPresence.userId, userId))).returning()).length > 0;
  }
  if (changed) await ctx.events.emit(tx, { workspaceId, type: 'inbox.presence', permission: 'inbox.read', data: { id: itemId } });
  const rows = await tx.select({ userId: inboxPresence.userId }).from(inboxPresence).where(and(eq(inboxPresence.itemId, itemId), gt(inboxPresence.expiresAt, now)));
  return { replying: rows.map((r) => r.userId).filter((u) => u !== userId), expiresInS: PRESENCE_TTL_S };
}
