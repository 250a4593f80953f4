/**
 * Sweeper and reconciler. The sweeper enqueues scheduled targets that have no job yet (created
 * before the queue existed, or coming due within the look-ahead) and re-enqueues due targets whose
 * job was lost. The reconciler takes over targets left in `publishing` by a crashed worker (lease
 * expired): a provider with deterministic record keys is asked; a provider with an idempotency key is
 * re-sent with the same key while the network still de-duplicates it; otherwise the target becomes
 * `unconfirmed` for a human to check — never an automatic blind re-post.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { enqueuePublishJobs } from './publish-queue.ts';
import { callContext, sendClaimed, settle, type Claim, type RunnerDeps } from './publish-runner.ts';
import { channels, posts, publishTargets } from './publishing.schema.ts';
import { moveTarget } from './target-transition.ts';

/** Re-sending within the window is only safe with a margin for clock skew and our own latency. */
const WINDOW_MARGIN_MS = 5 * 60_000;

export async function sweep(deps: RunnerDeps, opts: { lookaheadMs: number; staleMs: number; limit?: number }): Promise<number> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + opts.lookaheadMs);
  const stale = new Date(now.getTime() - opts.staleMs);
  const rows = await deps.database.db.execute<{ id: string; run_at: Date }>(sql`
    SELECT t.id, greatest(t.scheduled_at, coalesce(t.not_before, t.scheduled_at), coalesce(c.blocked_until, t.scheduled_at)) AS run_at
    FROM publish_targets t
    JOIN channels c ON c.id = t.channel_id
    LEFT JOIN publishing_settings s ON s.workspace_id = t.workspace_id
    WHERE t.state = 'scheduled' AND t.held_at IS NULL AND t.scheduled_at IS NOT NULL
      AND NOT c.paused AND NOT coalesce(s.paused, false)
      AND t.scheduled_at <= ${horizon}
      AND (t.enqueued_at IS NULL
           OR (greatest(t.scheduled_at, coalesce(t.not_before, t.scheduled_at)) < ${stale} AND t.enqueued_at < ${stale}))
    ORDER BY t.scheduled_at
    LIMIT ${opts.limit ?? 20_000}`);
  if (rows.rows.length === 0) return 0;
  return deps.database.db.transaction((tx) => enqueuePublishJobs(tx, rows.rows.map((r) => ({ targetId: r.id, runAt: new Date(r.run_at) })), now));
}

/** Takes over one target whose lease expired; returns null when another reconciler was first. */
async function takeOver(deps: RunnerDeps, targetId: string): Promise<Claim | null> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const [t] = await tx.select().from(publishTargets).where(and(eq(publishTargets.id, targetId), eq(publishTargets.state, 'publishing'), lt(publishTargets.leaseUntil, now))).for('update', { skipLocked: true });
    if (!t) return null;
    const [channel] = await tx.select().from(channels).where(eq(channels.id, t.channelId));
    const [post] = await tx.select().from(posts).where(eq(posts.id, t.postId));
    if (!channel || !post) return null;
    const token = randomUUID();
    const moved = await moveTarget(tx, SYSTEM_ACTOR, t, 'publishing', { claimToken: token, leaseUntil: new Date(now.getTime() + deps.leaseMs), attempts: t.attempts + 1 }, now, 'reconcile');
    return moved ? { target: moved, channel, post, token } : null;
  });
}

async function markUnconfirmed(deps: RunnerDeps, c: Claim, reason: string): Promise<void> {
  const now = deps.clock.now();
  await deps.database.db.transaction((tx) =>
    moveTarget(tx, SYSTEM_ACTOR, c.target, 'unconfirmed', { errorKind: 'unknown_outcome', lastError: reason, claimToken: null, leaseUntil: null }, now, undefined, eq(publishTargets.claimToken, c.token)),
  );
}

export async function reconcile(deps: RunnerDeps, limit = 500): Promise<{ taken: number; published: number; unconfirmed: number }> {
  const now = deps.clock.now();
  const stuck = await deps.database.db
    .select({ id: publishTargets.id })
    .from(publishTargets)
    .where(and(eq(publishTargets.state, 'publishing'), lt(publishTargets.leaseUntil, now)))
    .limit(limit);
  const out = { taken: 0, published: 0, unconfirmed: 0 };
  await Promise.all(stuck.map(async ({ id }) => {
    const c = await takeOver(deps, id);
    if (!c) return;
    out.taken++;
    const provider = deps.providers(c.channel.network);
    if (!provider?.publish) return void (await markUnconfirmed(deps, c, 'No provider available to check this post.'), out.unconfirmed++);
    const idem = provider.descriptor.idempotency;
    if (idem.kind === 'deterministic_key') {
      let r;
      try {
        r = await provider.publish.reconcile(callContext(deps, c.channel), c.target.id);
      } catch (e) {
        r = { status: 'unknown' as const, reason: String((e as Error)?.message ?? e) };
      }
      if (r.status === 'published') {
        await settle(deps, c, { ok: true, remoteId: r.ref.id, remoteUrl: r.ref.url, publishedAt: deps.clock.now() });
        out.published++;
      } else if (r.status === 'absent') {
        // The record key derives from the target id: sending again cannot create a second post.
        if ((await sendClaimed(deps, c, provider)).kind === 'published') out.published++;
      } else {
        await markUnconfirmed(deps, c, `Could not verify whether the post reached ${provider.descriptor.displayName}: ${r.reason}`);
        out.unconfirmed++;
      }
      return;
    }
    const first = c.target.firstSentAt?.getTime() ?? now.getTime();
    if (now.getTime() < first + idem.windowMs - WINDOW_MARGIN_MS) {
      // Same target id → same Idempotency-Key: the network returns the original post if it exists.
      const r = await sendClaimed(deps, c, provider);
      if (r.kind === 'published') out.published++;
      if (r.kind === 'unknown_outcome') deps.log?.('re-send outcome unknown again', { targetId: c.target.id });
      return;
    }
    await markUnconfirmed(deps, c, `The outcome of publishing is unknown and ${provider.descriptor.displayName} no longer de-duplicates a re-send. Check the account before retrying.`);
    out.unconfirmed++;
  }));
  return out;
}
