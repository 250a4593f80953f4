/**
 * Comments on a post: one level of threads (a reply to a reply joins the thread of its root), and
 * mentions — chosen in the composer or written as `@Name` — that notify the people named (in-app,
 * live, and by e-mail). The author of the post hears about new comments by others in the app.
 * Everything, notices included, is written in one transaction.
 */
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { notify } from '../notifications/notify.service.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { parseMentions } from './comment-mentions.ts';
import { loadPost } from './post.service.ts';
import { postComments } from './publishing.schema.ts';

export type CommentRow = typeof postComments.$inferSelect;

export const presentComment = (c: CommentRow) => ({ id: c.id, authorId: c.authorId, parentId: c.parentId, body: c.body, mentions: c.mentions, createdAt: c.createdAt.toISOString() });

const excerpt = (s: string) => (s.length > 140 ? `${s.slice(0, 139)}…` : s);

export async function addComment(
  tx: Tx, ctx: Pick<AppContext, 'events' | 'clock' | 'config'>, actor: Actor, workspaceId: string, postId: string,
  input: { body: string; parentId?: string; mentions?: string[] },
): Promise<CommentRow> {
  const now = ctx.clock.now();
  const post = await loadPost(tx, workspaceId, postId);
  let parentId: string | null = null;
  if (input.parentId) {
    const [parent] = await tx.select().from(postComments).where(and(eq(postComments.id, input.parentId), eq(postComments.postId, postId)));
    if (!parent) throw validationFailed([{ path: 'body.parentId', message: 'unknown comment' }]);
    parentId = parent.parentId ?? parent.id;
  }
  const members = await tx.select({ userId: memberships.userId, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.workspaceId, workspaceId));
  const memberIds = new Set(members.map((m) => m.userId));
  const bad = (input.mentions ?? []).flatMap((id, i) => (memberIds.has(id) ? [] : [{ path: `body.mentions.${i}`, message: 'not a member of this workspace' }]));
  if (bad.length) throw validationFailed(bad);
  const mentions = [...new Set([...(input.mentions ?? []), ...parseMentions(input.body, members)])];
  const [row] = await tx.insert(postComments).values({ postId, authorId: actor.userId, parentId, body: input.body, mentions, createdAt: now }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'post.commented', objectType: 'post', objectId: postId, after: { commentId: row!.id, parentId, mentions } }, now);

  const who = members.find((m) => m.userId === actor.userId)?.name ?? '–';
  const link = `/calendar/posts/${postId}`;
  // Mentions: the one call site of notifications for comments.
  const mentioned = await notify(tx, ctx, {
    workspaceId, userIds: mentions, exceptUserIds: [actor.userId], kind: 'publishing.mention', link, objectId: postId, email: true,
    title: { de: `${who} hat Sie in einem Kommentar erwähnt`, en: `${who} mentioned you in a comment` },
    body: { de: excerpt(input.body), en: excerpt(input.body) },
  });
  if (post.authorId && !mentioned.includes(post.authorId)) {
    await notify(tx, ctx, {
      workspaceId, userIds: [post.authorId], exceptUserIds: [actor.userId], kind: 'publishing.comment', link, objectId: postId,
      title: { de: `Neuer Kommentar von ${who} zu Ihrem Beitrag`, en: `New comment by ${who} on your post` },
      body: { de: excerpt(input.body), en: excerpt(input.body) },
    });
  }
  return row!;
}
