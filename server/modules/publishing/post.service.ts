/**
 * Posts of the editorial plan: create, edit (with version history; an edit of approved content
 * re-opens review), submit for review, approve / request changes along the chain, comments.
 * Every state change and its audit row share one transaction.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { conflict, forbidden, notFound, unprocessable, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { adoptAltTexts, mediaRowsByIds, resolveMediaRefs } from '../media/media.service.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { canDecide, composeChain, DEFAULT_CHAIN, evaluateChain, type ApprovalStep, type Member } from './approval-chain.ts';
import { overriddenChain } from './approval-override.ts';
import { contentHash, normaliseVariants, type PostContent } from './post-content.ts';
import { validateForChannels } from './post-validation.ts';
import { isLocked, stateAfterApproval, stateAfterEdit, type TargetState } from './publish-state.ts';
import { enqueuePublishJobs } from './publish-queue.ts';
import { approvalChains, channels, postApprovals, posts, postVersions, publishingSettings, publishTargets } from './publishing.schema.ts';
import { moveTarget, type TargetRow } from './target-transition.ts';
import { zonedToInstant } from './zoned-time.ts';

export type PostRow = typeof posts.$inferSelect;
export type ScheduleInput = { at: string } | { local: string } | null;

export interface PostInput {
  text?: string;
  variants?: Record<string, { text: string; thread?: boolean }>;
  thread?: boolean;
  media?: { id: string; mimeType?: string; altText: string }[];
  contentWarning?: string | null;
  language?: string | null;
  campaign?: string | null;
  topic?: string | null;
  targetGroups?: string[];
  notes?: string | null;
  channelIds?: string[];
  schedule?: ScheduleInput;
}

export const contentOf = (p: Pick<PostRow, 'text' | 'variants' | 'media' | 'contentWarning' | 'language' | 'thread'>): PostContent => ({
  text: p.text,
  variants: p.variants as PostContent['variants'],
  media: p.media as PostContent['media'],
  contentWarning: p.contentWarning,
  language: p.language,
  thread: p.thread,
});

export async function workspaceTimezone(tx: Tx, workspaceId: string): Promise<string> {
  const [w] = await tx.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.tz ?? 'Europe/Berlin';
}

export async function settingsOf(tx: Tx, workspaceId: string) {
  const [s] = await tx.select().from(publishingSettings).where(eq(publishingSettings.workspaceId, workspaceId));
  return s ?? { workspaceId, paused: false, pausedAt: null, pausedBy: null, lateApproval: 'expire', altTextRequired: true, updatedAt: new Date(0) };
}

function resolveSchedule(s: ScheduleInput | undefined, tz: string): Date | null | undefined {
  if (s === undefined) return undefined;
  if (s === null) return null;
  if ('at' in s) return new Date(s.at);
  try {
    return zonedToInstant(s.local, tz);
  } catch {
    throw validationFailed([{ path: 'body.schedule.local', message: 'not a valid local date-time' }]);
  }
}

async function channelsIn(tx: Tx, workspaceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await tx.select().from(channels).where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, ids)));
  if (rows.length !== new Set(ids).size) throw validationFailed([{ path: 'body.channelIds', message: 'unknown channel' }]);
  return rows;
}

export async function loadPost(tx: Tx, workspaceId: string, postId: string, lock = false): Promise<PostRow> {
  const q = tx.select().from(posts).where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId)));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw notFound('post');
  return p;
}

export async function targetsOf(tx: Tx, postId: string): Promise<TargetRow[]> {
  return tx.select().from(publishTargets).where(eq(publishTargets.postId, postId)).orderBy(asc(publishTargets.channelId));
}

export async function createPost(tx: Tx, actor: Actor, workspaceId: string, input: PostInput, now: Date): Promise<PostRow> {
  const tz = await workspaceTimezone(tx, workspaceId);
  const chans = await channelsIn(tx, workspaceId, input.channelIds ?? []);
  const resolved = await resolveMediaRefs(tx, workspaceId, input.media ?? []);
  await adoptAltTexts(tx, actor, workspaceId, resolved.refs, resolved.rows, now);
  const media = resolved.refs;
  const thread = input.thread ?? false;
  const content: PostContent = { text: input.text ?? '', variants: normaliseVariants(input.variants ?? {}, thread), media, contentWarning: input.contentWarning ?? null, language: input.language ?? null, thread };
  assertVariantsMatch(content, chans.map((c) => c.id));
  const hash = contentHash(content);
  const scheduledAt = resolveSchedule(input.schedule, tz) ?? null;
  const [post] = await tx.insert(posts).values({
    workspaceId, authorId: actor.userId, ...content, campaign: input.campaign ?? null, topic: input.topic ?? null,
    targetGroups: input.targetGroups ?? [], notes: input.notes ?? null, scheduledAt, contentHash: hash, createdAt: now, updatedAt: now,
  }).returning();
  await tx.insert(postVersions).values({ postId: post!.id, version: 1, content, contentHash: hash, editedBy: actor.userId, createdAt: now });
  if (chans.length) await tx.insert(publishTargets).values(chans.map((c) => ({ workspaceId, postId: post!.id, channelId: c.id, state: 'draft', scheduledAt, updatedAt: now })));
  await recordAudit(tx, actor, { workspaceId, action: 'post.created', objectType: 'post', objectId: post!.id, after: { contentHash: hash, channels: chans.map((c) => c.id), scheduledAt } }, now);
  return post!;
}

function assertVariantsMatch(content: PostContent, channelIds: string[]) {
  for (const id of Object.keys(content.variants)) {
    if (!channelIds.includes(id)) throw validationFailed([{ path: `body.variants.${id}`, message: 'variant for a channel the post does not use' }]);
  }
}

/** Edits a post. A changed content hash sends approved/scheduled/expired targets back to review. */
export async function updatePost(tx: Tx, actor: Actor, workspaceId: string, postId: string, input: PostInput, now: Date): Promise<PostRow> {
  const before = await loadPost(tx, workspaceId, postId, true);
  const tz = await workspaceTimezone(tx, workspaceId);
  const resolvedMedia = async (refs: NonNullable<PostInput['media']>) => {
    const r = await resolveMediaRefs(tx, workspaceId, refs);
    await adoptAltTexts(tx, actor, workspaceId, r.refs, r.rows, now);
    return r.refs;
  };
  const targets = await targetsOf(tx, postId);
  const thread = input.thread ?? before.thread;
  const content: PostContent = {
    text: input.text ?? before.text,
    variants: normaliseVariants(input.variants ?? (before.variants as PostContent['variants']), thread),
    media: input.media ? await resolvedMedia(input.media) : (before.media as PostContent['media']),
    contentWarning: input.contentWarning === undefined ? before.contentWarning : input.contentWarning,
    language: input.language === undefined ? before.language : input.language,
    thread,
  };
  const channelIds = input.channelIds ?? targets.map((t) => t.channelId);
  await channelsIn(tx, workspaceId, channelIds);
  assertVariantsMatch(content, channelIds);
  const hash = contentHash(content);
  const contentChanged = hash !== before.contentHash;
  if (contentChanged && targets.some((t) => isLocked(t.state as TargetState))) {
    throw conflict('post_locked', 'The post is being published or was published; its content can no longer change.');
  }
  // Parts of a thread already on the network are published content: the rest must follow them as approved.
  if (contentChanged && targets.some((t) => t.threadProgress.length > 0)) {
    throw conflict('thread_started', 'Part of the thread is already published; its content can no longer change.');
  }
  const scheduledAt = resolveSchedule(input.schedule, tz);
  const version = contentChanged ? before.version + 1 : before.version;
  const [after] = await tx.update(posts).set({
    ...content, contentHash: hash, version, updatedAt: now,
    ...(input.campaign !== undefined ? { campaign: input.campaign } : {}),
    ...(input.topic !== undefined ? { topic: input.topic } : {}),
    ...(input.targetGroups !== undefined ? { targetGroups: input.targetGroups } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
    ...(scheduledAt !== undefined ? { scheduledAt } : {}),
  }).where(eq(posts.id, postId)).returning();
  if (contentChanged) await tx.insert(postVersions).values({ postId, version, content, contentHash: hash, editedBy: actor.userId, createdAt: now });

  // Channel set: remove dropped (not while in flight), add new ones in the post's review stage.
  const reviewStage = targets.some((t) => t.state !== 'draft') ? 'in_review' : 'draft';
  for (const t of targets.filter((x) => !channelIds.includes(x.channelId))) {
    if (isLocked(t.state as TargetState) || t.threadProgress.length > 0) throw conflict('post_locked', 'A channel that is publishing or published cannot be removed.');
    await tx.delete(publishTargets).where(eq(publishTargets.id, t.id));
  }
  const newIds = channelIds.filter((id) => !targets.some((t) => t.channelId === id));
  if (newIds.length) await tx.insert(publishTargets).values(newIds.map((channelId) => ({ workspaceId, postId, channelId, state: reviewStage, scheduledAt: after!.scheduledAt, updatedAt: now })));

  const settings = await settingsOf(tx, workspaceId);
  const toEnqueue: { targetId: string; runAt: Date }[] = [];
  for (const t of targets.filter((x) => channelIds.includes(x.channelId))) {
    const state = t.state as TargetState;
    if (isLocked(state) || state === 'failed' && !contentChanged) continue;
    if (contentChanged && state !== 'draft') {
      // Parts frozen at an earlier claim belong to the old content: the next claim splits the new one.
      await moveTarget(tx, actor, t, stateAfterEdit(state), { scheduledAt: after!.scheduledAt, notBefore: null, heldAt: null, threadParts: null }, now, 'content changed');
      continue;
    }
    if (scheduledAt === undefined) continue;
    if (state === 'scheduled' || state === 'approved' || state === 'expired') {
      const next = stateAfterApproval(scheduledAt, now, settings.lateApproval as 'expire' | 'publish_now');
      const patch = { scheduledAt: next.scheduledAt, notBefore: null, heldAt: null };
      if (next.state === state) await tx.update(publishTargets).set({ ...patch, updatedAt: now }).where(eq(publishTargets.id, t.id));
      else if (!(state === 'scheduled' && next.state === 'expired')) await moveTarget(tx, actor, t, next.state, patch, now, 'rescheduled');
      else throw unprocessable('schedule_in_past', 'The new time is in the past.', [{ path: 'body.schedule', message: 'must be in the future' }]);
      if (next.state === 'scheduled') toEnqueue.push({ targetId: t.id, runAt: next.scheduledAt! });
    } else {
      await tx.update(publishTargets).set({ scheduledAt, updatedAt: now }).where(eq(publishTargets.id, t.id));
    }
  }
  await enqueuePublishJobs(tx, toEnqueue, now);
  await recordAudit(tx, actor, {
    workspaceId, action: 'post.updated', objectType: 'post', objectId: postId,
    before: { contentHash: before.contentHash, scheduledAt: before.scheduledAt, campaign: before.campaign, topic: before.topic },
    after: { contentHash: hash, scheduledAt: after!.scheduledAt, campaign: after!.campaign, topic: after!.topic },
  }, now);
  return after!;
}

/** Draft → in review, after the network and accessibility checks. */
export async function submitPost(tx: Tx, actor: Actor, workspaceId: string, postId: string, now: Date): Promise<void> {
  const post = await loadPost(tx, workspaceId, postId, true);
  const targets = await targetsOf(tx, postId);
  const chans = await channelsIn(tx, workspaceId, targets.map((t) => t.channelId));
  const errors = await publishabilityErrors(tx, workspaceId, post, chans);
  if (errors.length) throw unprocessable('post_invalid', 'The post cannot be sent for review yet.', errors);
  const drafts = targets.filter((t) => t.state === 'draft');
  if (drafts.length === 0) throw conflict('not_a_draft', 'The post is not a draft.');
  for (const t of drafts) await moveTarget(tx, actor, t, 'in_review', {}, now);
}

/**
 * The network and accessibility checks (text length per network, media each network can take, alt
 * text per the workspace policy), against the images as they are in the library now.
 */
async function publishabilityErrors(tx: Tx, workspaceId: string, post: PostRow, chans: Awaited<ReturnType<typeof channelsIn>>) {
  const content = contentOf(post);
  const settings = await settingsOf(tx, workspaceId);
  const library = await mediaRowsByIds(tx, workspaceId, content.media.map((m) => m.id));
  return validateForChannels(content, chans, { altTextRequired: settings.altTextRequired }, library);
}

export async function chainFor(tx: Tx, workspaceId: string, channelIds: string[]): Promise<ApprovalStep[]> {
  // A system state (crisis mode) may switch the path; see approval-override.ts.
  const override = await overriddenChain(tx, workspaceId, channelIds);
  if (override) return override;
  const rows = await tx.select().from(approvalChains).where(eq(approvalChains.workspaceId, workspaceId));
  const ws = rows.find((r) => r.channelId === null)?.steps as ApprovalStep[] | undefined;
  const chains = channelIds.map((id) => (rows.find((r) => r.channelId === id)?.steps as ApprovalStep[] | undefined) ?? ws ?? DEFAULT_CHAIN);
  return composeChain(chains.length ? chains : [ws ?? DEFAULT_CHAIN]);
}

async function membersOf(tx: Tx, workspaceId: string): Promise<Member[]> {
  const rows = await tx.select({ userId: memberships.userId, roles: memberships.roles }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  return rows.map((r) => ({ userId: r.userId, roles: r.roles as string[] }));
}

export async function approvalStatus(tx: Tx, post: PostRow, targets: TargetRow[]) {
  const chain = await chainFor(tx, post.workspaceId, targets.map((t) => t.channelId));
  const approvals = await tx.select().from(postApprovals).where(eq(postApprovals.postId, post.id));
  const members = await membersOf(tx, post.workspaceId);
  const recs = approvals.map((a) => ({ userId: a.userId, stepIndex: a.stepIndex, contentHash: a.contentHash, decision: a.decision as 'approved' }));
  return { chain, members, recs, status: evaluateChain(chain, recs, { contentHash: post.contentHash, authorId: post.authorId ?? '', members }) };
}

/** Approves (or requests changes on) the pending step; a complete chain schedules or expires the targets. */
export async function decide(tx: Tx, actor: Actor, workspaceId: string, postId: string, decision: 'approved' | 'changes_requested', comment: string | undefined, now: Date) {
  const post = await loadPost(tx, workspaceId, postId, true);
  const targets = await targetsOf(tx, postId);
  const inReview = targets.filter((t) => t.state === 'in_review');
  if (inReview.length === 0) throw conflict('not_in_review', 'The post is not waiting for review.');
  const { chain, members, recs } = await approvalStatus(tx, post, targets);
  const me = members.find((m) => m.userId === actor.userId) ?? { userId: actor.userId ?? '', roles: [] };
  const check = canDecide(chain, recs, me, { contentHash: post.contentHash, authorId: post.authorId ?? '', members });
  if (!check.ok) throw forbidden(check.code, check.message);
  if (decision === 'approved') {
    // Checked again at approval: the policy or a channel's limits may have changed since submission,
    // and nothing without alt text is approved while the workspace requires it.
    const errors = await publishabilityErrors(tx, workspaceId, post, await channelsIn(tx, workspaceId, inReview.map((t) => t.channelId)));
    if (errors.length) throw unprocessable('post_invalid', 'The post cannot be approved as it is; request changes instead.', errors);
  }
  await tx.insert(postApprovals).values({ postId, userId: actor.userId!, stepIndex: check.stepIndex, decision, contentHash: post.contentHash, comment: comment ?? null, createdAt: now });
  await recordAudit(tx, actor, { workspaceId, action: decision === 'approved' ? 'post.approved' : 'post.changes_requested', objectType: 'post', objectId: postId, after: { step: chain[check.stepIndex]!.name, contentHash: post.contentHash, comment: comment ?? null } }, now);
  if (decision === 'changes_requested') {
    for (const t of inReview) await moveTarget(tx, actor, t, 'draft', {}, now, 'changes requested');
    return;
  }
  const after = evaluateChain(chain, [...recs, { userId: actor.userId!, stepIndex: check.stepIndex, contentHash: post.contentHash, decision }], { contentHash: post.contentHash, authorId: post.authorId ?? '', members });
  if (!after.complete) return;
  const settings = await settingsOf(tx, workspaceId);
  const toEnqueue: { targetId: string; runAt: Date }[] = [];
  for (const t of inReview) {
    const approved = await moveTarget(tx, actor, t, 'approved', {}, now);
    if (!approved) continue;
    const next = stateAfterApproval(approved.scheduledAt, now, settings.lateApproval as 'expire' | 'publish_now');
    if (next.state === 'approved') continue;
    await moveTarget(tx, actor, approved, next.state, { scheduledAt: next.scheduledAt }, now, next.state === 'expired' ? 'approved after the scheduled time' : undefined);
    if (next.state === 'scheduled') toEnqueue.push({ targetId: t.id, runAt: next.scheduledAt! });
  }
  await enqueuePublishJobs(tx, toEnqueue, now);
}
