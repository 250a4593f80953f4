/**
 * Internal notes on an item (never sent to the network). `@Name` of a member — or ids chosen in the
 * picker — notifies that member once, in-app and by e-mail.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { notify } from '../notifications/notify.service.ts';
import { parseMentions } from '../publishing/comment-mentions.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { inboxNotes } from './inbox.schema.ts';
import { emitItemEvent, getItem } from './item-store.ts';

export type NoteRow = typeof inboxNotes.$inferSelect;
const excerpt = (s: string) => (s.length > 140 ? `${s.slice(0, 139)}…` : s);

export async function listNotes(tx: Tx, itemId: string) {
  const rows = await tx.select({ note: inboxNotes, authorName: users.name }).from(inboxNotes).leftJoin(users, eq(users.id, inboxNotes.authorId))
    .where(eq(inboxNotes.itemId, itemId)).orderBy(asc(inboxNotes.createdAt));
  return rows.map((r) => presentNote(r.note, r.authorName));
}

export const presentNote = (n: NoteRow, authorName: string | null) => ({
  id: n.id, kind: n.kind as 'member' | 'expert' | 'system', authorId: n.authorId, authorName, body: n.body, mentions: n.mentions, createdAt: n.createdAt.toISOString(),
});

export async function addNote(tx: Tx, ctx: Pick<AppContext, 'events' | 'clock' | 'config'>, actor: Actor, workspaceId: string, itemId: string, input: { body: string; mentions?: string[] }) {
  const now = ctx.clock.now();
  const item = await getItem(tx, workspaceId, itemId);
  if (!item) throw notFound('inbox item');
  const members = await tx.select({ userId: memberships.userId, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.workspaceId, workspaceId));
  const ids = new Set(members.map((m) => m.userId));
  const bad = (input.mentions ?? []).flatMap((id, i) => (ids.has(id) ? [] : [{ path: `body.mentions.${i}`, message: 'not a member of this workspace' }]));
  if (bad.length) throw validationFailed(bad);
  const mentions = [...new Set([...(input.mentions ?? []), ...parseMentions(input.body, members)])];
  const [row] = await tx.insert(inboxNotes).values({ workspaceId, itemId, authorId: actor.userId, kind: 'member', body: input.body, mentions, createdAt: now }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.note.created', objectType: 'inbox_item', objectId: itemId, after: { noteId: row!.id, mentions } }, now);
  const who = members.find((m) => m.userId === actor.userId)?.name ?? '–';
  await notify(tx, ctx, {
    workspaceId, userIds: mentions, exceptUserIds: [actor.userId], kind: 'inbox.mention', link: `/inbox/items/${itemId}`, objectId: itemId, email: true,
    title: { de: `${who} hat Sie in einer Notiz erwähnt`, en: `${who} mentioned you in a note` },
    body: { de: excerpt(input.body), en: excerpt(input.body) },
  });
  await emitItemEvent(tx, ctx, workspaceId, 'inbox.item.updated', itemId, { note: row!.id });
  return presentNote(row!, who);
}

/** Names of members by id (for notes, escalations). */
export async function memberNames(tx: Tx, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.name]));
}

