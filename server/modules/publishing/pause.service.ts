/**
 * Pausing publishing, workspace-wide or per channel: while paused nothing is claimed (the worker
 * checks both switches in the claim transaction). On resume, targets that came due during the pause
 * are held and listed for a decision — publish now, reschedule or cancel — never sent automatically.
 */
import { and, eq, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { enqueuePublishJobs } from './publish-queue.ts';
import { channels, posts, publishingSettings, publishTargets } from './publishing.schema.ts';
import { moveTarget } from './target-transition.ts';

async function upsertSettings(tx: Tx, workspaceId: string, patch: Partial<typeof publishingSettings.$inferInsert>) {
  await tx.insert(publishingSettings).values({ workspaceId, ...patch }).onConflictDoUpdate({ target: publishingSettings.workspaceId, set: patch });
}

export async function updateSettings(tx: Tx, actor: Actor, workspaceId: string, patch: { lateApproval?: string; altTextRequired?: boolean }, now: Date) {
  await upsertSettings(tx, workspaceId, { ...patch, updatedAt: now });
  await recordAudit(tx, actor, { workspaceId, action: 'publishing.settings_updated', objectType: 'workspace', objectId: workspaceId, after: patch }, now);
}

/** Holds every scheduled target (of the channel, or of the workspace) that is due by `now`. */
async function holdOverdue(tx: Tx, workspaceId: string, channelId: string | null, now: Date): Promise<number> {
  const r = await tx.update(publishTargets).set({ heldAt: now, updatedAt: now }).where(and(
    eq(publishTargets.workspaceId, workspaceId), eq(publishTargets.state, 'scheduled'), isNull(publishTargets.heldAt),
    lte(publishTargets.scheduledAt, now), channelId ? eq(publishTargets.channelId, channelId) : undefined,
  )).returning({ id: publishTargets.id });
  return r.length;
}

export async function setWorkspacePaused(tx: Tx, actor: Actor, workspaceId: string, paused: boolean, now: Date): Promise<number> {
  const [s] = await tx.select().from(publishingSettings).where(eq(publishingSettings.workspaceId, workspaceId)).for('update');
  if ((s?.paused ?? false) === paused) return 0;
  const held = paused ? 0 : await holdOverdue(tx, workspaceId, null, now);
  await upsertSettings(tx, workspaceId, { paused, pausedAt: paused ? now : null, pausedBy: paused ? actor.userId : null, updatedAt: now });
  await recordAudit(tx, actor, { workspaceId, action: paused ? 'publishing.paused' : 'publishing.resumed', objectType: 'workspace', objectId: workspaceId, after: { paused, held } }, now);
  return held;
}

export async function setChannelPaused(tx: Tx, actor: Actor, workspaceId: string, channelId: string, paused: boolean, now: Date): Promise<number> {
  const [c] = await tx.select().from(channels).where(and(eq(channels.id, channelId), eq(channels.workspaceId, workspaceId))).for('update');
  if (!c) throw notFound('channel');
  if (c.paused === paused) return 0;
  const held = paused ? 0 : await holdOverdue(tx, workspaceId, channelId, now);
  await tx.update(channels).set({ paused, updatedAt: now }).where(eq(channels.id, channelId));
  await recordAudit(tx, actor, { workspaceId, action: paused ? 'channel.paused' : 'channel.resumed', objectType: 'channel', objectId: channelId, after: { paused, held } }, now);
  return held;
}

export async function listOverdue(tx: Tx, workspaceId: string) {
  return tx.select({ targetId: publishTargets.id, postId: publishTargets.postId, channelId: publishTargets.channelId, scheduledAt: publishTargets.scheduledAt, text: posts.text })
    .from(publishTargets).innerJoin(posts, eq(posts.id, publishTargets.postId))
    .where(and(eq(publishTargets.workspaceId, workspaceId), eq(publishTargets.state, 'scheduled'), isNotNull(publishTargets.heldAt)))
    .orderBy(publishTargets.scheduledAt);
}

async function loadTarget(tx: Tx, workspaceId: string, targetId: string) {
  const [t] = await tx.select().from(publishTargets).where(and(eq(publishTargets.id, targetId), eq(publishTargets.workspaceId, workspaceId))).for('update');
  if (!t) throw notFound('target');
  return t;
}

/** The decision on a held (overdue) target. */
export async function decideOverdue(tx: Tx, actor: Actor, workspaceId: string, targetId: string, action: 'publish_now' | 'reschedule' | 'cancel', at: Date | null, now: Date) {
  const t = await loadTarget(tx, workspaceId, targetId);
  if (t.state !== 'scheduled' || !t.heldAt) throw conflict('not_held', 'The target is not waiting for a decision.');
  if (action === 'cancel') return moveTarget(tx, actor, t, 'approved', { heldAt: null, scheduledAt: null }, now, 'cancelled after pause');
  const runAt = action === 'publish_now' ? now : at;
  if (!runAt || runAt.getTime() <= now.getTime() - 1000) throw unprocessable('schedule_in_past', 'Choose a time in the future.', [{ path: 'body.schedule', message: 'must be in the future' }]);
  await tx.update(publishTargets).set({ heldAt: null, scheduledAt: runAt, notBefore: null, updatedAt: now }).where(eq(publishTargets.id, t.id));
  await recordAudit(tx, actor, { workspaceId, action: 'publish_target.released', objectType: 'publish_target', objectId: t.id, after: { action, scheduledAt: runAt } }, now);
  await enqueuePublishJobs(tx, [{ targetId: t.id, runAt }], now);
}

/** A human checked an `unconfirmed` target on the network (or decides to retry a `failed` one). */
export async function confirmOutcome(tx: Tx, actor: Actor, workspaceId: string, targetId: string, outcome: 'published' | 'not_published', remoteUrl: string | undefined, now: Date) {
  const t = await loadTarget(tx, workspaceId, targetId);
  if (t.state !== 'unconfirmed' && !(t.state === 'failed' && outcome === 'not_published')) throw conflict('not_unconfirmed', 'Only unconfirmed or failed targets can be resolved.');
  if (outcome === 'published') return moveTarget(tx, actor, t, 'published', { remoteUrl: remoteUrl ?? null, publishedAt: now, claimToken: null, leaseUntil: null }, now, 'confirmed by a person');
  // Retrying on purpose: a fresh attempt window (the person checked the post is not there).
  const moved = await moveTarget(tx, actor, t, 'scheduled', { scheduledAt: now, notBefore: null, firstSentAt: null, claimToken: null, leaseUntil: null, errorKind: null, lastError: null }, now, 'retry after check');
  await enqueuePublishJobs(tx, [{ targetId: t.id, runAt: now }], now);
  return moved;
}

