/** The conversation view of one item: our post it answers, the item, its thread, our replies, notes and escalations. */
import { and, asc, eq, ne } from 'drizzle-orm';
import type { ProviderLimits } from '../../../providers/contract.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { publishingDeps } from '../publishing/provider-resolver.ts';
import { textFor, type PostContent } from '../publishing/post-content.ts';
import { channels, posts, publishTargets } from '../publishing/publishing.schema.ts';
import { absenceOf } from '../roster/duty.ts';
import { listEscalations, presentEscalation } from './escalation.service.ts';
import { inboxAuthors, inboxItems } from './inbox.schema.ts';
import { replyingOn } from './item-list.ts';
import { presentItem } from './item-present.ts';
import { getItem } from './item-store.ts';
import { listNotes } from './notes.service.ts';
import { approvalRequired, listReplies, replyApproval } from './reply.service.ts';
import type { ReplyRow } from './reply-send.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentReply(r: ReplyRow, approval: Awaited<ReturnType<typeof replyApproval>> = null) {
  return {
    id: r.id, itemId: r.itemId, kind: r.kind as 'reply' | 'like' | 'boost', authorId: r.authorId, text: r.text, state: r.state as 'sent',
    remoteUrl: r.remoteUrl, errorKind: r.errorKind, lastError: r.lastError, sentAt: iso(r.sentAt), createdAt: r.createdAt.toISOString(),
    approval: approval ? { complete: approval.status.complete, pendingStep: approval.status.pendingStep, steps: approval.status.steps.map((s) => ({ name: s.name, approvedBy: s.approvedBy, satisfied: s.satisfied })) } : null,
  };
}

export async function conversation(ctx: AppContext, tx: Tx, workspaceId: string, itemId: string) {
  const now = ctx.clock.now();
  const item = await getItem(tx, workspaceId, itemId);
  if (!item) throw notFound('inbox item');
  const withAuthor = (where: ReturnType<typeof and>) => tx.select({ item: inboxItems, author: inboxAuthors }).from(inboxItems).leftJoin(inboxAuthors, eq(inboxAuthors.id, inboxItems.authorId)).where(where);
  const [[self], thread, replies, notes, escalations, [channel], needsApproval, [target]] = await Promise.all([
    withAuthor(eq(inboxItems.id, itemId)),
    withAuthor(and(eq(inboxItems.workspaceId, workspaceId), eq(inboxItems.conversationKey, item.conversationKey), ne(inboxItems.id, itemId))).orderBy(asc(inboxItems.receivedAt)).limit(100),
    listReplies(tx, itemId),
    listNotes(tx, itemId),
    listEscalations(tx, itemId),
    item.channelId ? tx.select().from(channels).where(eq(channels.id, item.channelId)) : Promise.resolve([]),
    approvalRequired(tx, workspaceId),
    item.publishTargetId
      ? tx.select({ postId: posts.id, text: posts.text, variants: posts.variants, parts: publishTargets.threadParts, channelId: publishTargets.channelId, url: publishTargets.remoteUrl, publishedAt: publishTargets.publishedAt })
        .from(publishTargets).innerJoin(posts, eq(posts.id, publishTargets.postId)).where(and(eq(publishTargets.id, item.publishTargetId), eq(publishTargets.workspaceId, workspaceId)))
      : Promise.resolve([]),
  ]);
  const replying = await replyingOn(ctx.database.pool, [itemId, ...thread.map((t) => t.item.id)], now);
  // An assignee who is away now: the view says until when and who stands in (one click to reassign).
  const absence = item.assigneeId && !['done', 'spam'].includes(item.status) ? await absenceOf(tx, workspaceId, item.assigneeId, now) : null;
  const provider = channel ? publishingDeps(ctx).providers(channel.network) : undefined;
  const connected = channel?.status === 'connected' && !!channel.credentialsSealed;
  const limits = channel ? ((channel.limits as ProviderLimits | null)?.text ?? provider?.descriptor.defaultLimits.text ?? null) : null;
  const presentedReplies = [];
  for (const r of replies) presentedReplies.push(presentReply(r, r.state === 'in_review' ? await replyApproval(tx, r, item) : null));
  return {
    item: presentItem(self!.item, self!.author, now, replying.get(itemId) ?? []),
    // What the person answered: the text as published on this channel (a thread's parts joined).
    ourPost: target ? { postId: target.postId, text: target.parts?.length ? target.parts.join('\n\n') : textFor({ text: target.text, variants: target.variants as PostContent['variants'] }, target.channelId), url: target.url, publishedAt: iso(target.publishedAt) } : null,
    thread: thread.map((t) => presentItem(t.item, t.author, now, replying.get(t.item.id) ?? [])),
    assigneeAbsence: absence ? { until: absence.until.toISOString(), substituteId: absence.substituteId } : null,
    replies: presentedReplies,
    notes,
    escalations: escalations.map(presentEscalation),
    canReply: connected && !!provider?.reply && provider.descriptor.capabilities.includes('reply'),
    canEngage: connected && !!provider?.engage && provider.descriptor.capabilities.includes('engage'),
    replyLimit: limits ? { maxLength: limits.maxLength, counting: limits.counting.kind, ...(limits.counting.kind === 'mastodon' ? { charactersReservedPerUrl: limits.counting.charactersReservedPerUrl } : {}) } : null,
    approvalRequired: needsApproval,
  };
}
