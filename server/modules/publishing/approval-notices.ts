/**
 * Who hears about a post's review: after a submission or an approval the people the pending step
 * waits for (by e-mail too — approvers often review from their phone between meetings); after
 * "request changes" the author, with the comment; when the chain completes the author, with the
 * outcome (scheduled, or expired because the approval came after the scheduled time). Runs in the
 * decision's transaction, so a refused decision announces nothing.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { users } from '../identity/identity.schema.ts';
import { notify } from '../notifications/notify.service.ts';
import { summaryOf } from './plan-feed.ts';
import { approvalStatus, loadPost, targetsOf } from './post.service.ts';

type NoticeCtx = Pick<AppContext, 'events' | 'clock' | 'config'>;
export type ReviewEvent = { kind: 'submitted' } | { kind: 'approved' } | { kind: 'changes_requested'; comment?: string };

export async function announceReview(tx: Tx, ctx: NoticeCtx, actorId: string | null, workspaceId: string, postId: string, event: ReviewEvent): Promise<void> {
  const post = await loadPost(tx, workspaceId, postId);
  const targets = await targetsOf(tx, postId);
  const title = summaryOf(post.text, 60);
  const link = `/calendar/posts/${postId}`;
  const [actor] = actorId ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actorId)) : [];
  const who = actor?.name ?? 'Resonanz';

  if (event.kind === 'changes_requested') {
    if (!post.authorId) return;
    const c = event.comment ? `: „${event.comment}“` : '';
    await notify(tx, ctx, {
      workspaceId, userIds: [post.authorId], exceptUserIds: [actorId], kind: 'publishing.changes_requested', link, objectId: postId, email: true,
      title: { de: `Änderungen erbeten: ${title}`, en: `Changes requested: ${title}` },
      body: { de: `${who} bittet um Änderungen${c}`, en: `${who} asks for changes${event.comment ? `: “${event.comment}”` : ''}` },
    });
    return;
  }

  const { status } = await approvalStatus(tx, post, targets);
  if (status.complete) {
    if (!post.authorId || event.kind !== 'approved') return;
    const expired = targets.some((t) => t.state === 'expired');
    await notify(tx, ctx, {
      workspaceId, userIds: [post.authorId], exceptUserIds: [actorId], kind: expired ? 'publishing.expired' : 'publishing.approved', link, objectId: postId, email: expired,
      title: expired ? { de: `Freigabe zu spät: ${title}`, en: `Approved too late: ${title}` } : { de: `Freigegeben: ${title}`, en: `Approved: ${title}` },
      body: expired
        ? { de: 'Die Freigabe kam nach dem geplanten Zeitpunkt. Bitte einen neuen Zeitpunkt wählen.', en: 'The approval came after the scheduled time. Please choose a new time.' }
        : { de: `${who} hat den Beitrag freigegeben; er ist eingeplant.`, en: `${who} approved the post; it is scheduled.` },
    });
    return;
  }
  const step = status.pendingStep === null ? undefined : status.steps[status.pendingStep];
  if (!step || step.waitingFor.length === 0) return;
  await notify(tx, ctx, {
    workspaceId, userIds: step.waitingFor, exceptUserIds: [actorId], kind: 'publishing.review_requested', link, objectId: postId, email: true,
    title: { de: `Freigabe erbeten (${step.name}): ${title}`, en: `Review requested (${step.name}): ${title}` },
    body: event.kind === 'submitted'
      ? { de: `${who} hat einen Beitrag zur Freigabe eingereicht.`, en: `${who} submitted a post for review.` }
      : { de: `${who} hat den vorigen Schritt freigegeben; jetzt sind Sie dran.`, en: `${who} approved the previous step; it is your turn now.` },
  });
}
