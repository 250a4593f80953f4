/**
 * Sweeper and reconciler. The sweeper enqueues scheduled targets that have no job yet (created
 * before the queue existed, or coming due within the look-ahead) and re-enqueues due targets whose
 * job was lost. The reconciler takes over targets left in `publishing` by a crashed worker (lease
 * expired): a provider with deterministic record keys is asked; a provider with an idempotency key is
 * re-sent with the same key while the network still de-duplicates it; otherwise the target becomes
 * `unconfirmed` for a human to check — never an automatic blind re-post. Takeover and outcomes are
 * written in batches (one transaction each), the re-sends go out concurrently behind the pause gate.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { enqueuePublishJobs, queueInstalled, WORKER_SESSION_PREFIX } from './publish-queue.ts';
import { callContext, callNetwork } from './publish-runner.ts';
import { settleMany } from './publish-cycle.ts';
import type { Claim, RunnerDeps, SendResult } from './publish-types.ts';
import { channels, posts, publishingSettings, publishTargets } from './publishing.schema.ts';
import { moveTargets } from './target-transition.ts';
import { reconcileThread, WINDOW_MARGIN_MS } from './thread-publish.ts';


export async function sweep(deps: RunnerDeps, opts: { lookaheadMs: number; staleMs: number; limit?: number }): Promise<number> {
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + opts.lookaheadMs);
  const stale = new Date(now.getTime() - opts.staleMs);
  return deps.database.db.transaction(async (tx) => {
    // A due target whose job is still queued, or held by a live worker, is only waiting its turn (a
    // burst): re-enqueueing it would add work, not progress. A job counts as dead when the worker
    // holding it has no session any more (publish-queue.ts) or it is out of attempts.
    const liveJob = (await queueInstalled(tx))
      ? sql`EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.key = 'publish:' || t.id::text
          AND j.attempts < j.max_attempts AND (j.locked_at IS NULL OR j.locked_by IN (SELECT pool FROM live)))`
      : sql`false`;
    // Rows a claim is changing right now are skipped (next sweep): the sweeper never waits on a claim.
    const rows = await tx.execute<{ id: string; run_at: Date }>(sql`
      WITH live AS (
        SELECT substr(application_name, ${WORKER_SESSION_PREFIX.length + 1}) AS pool FROM pg_stat_activity
        WHERE datname = current_database() AND starts_with(application_name, ${WORKER_SESSION_PREFIX})
      )
      SELECT t.id, greatest(t.scheduled_at, coalesce(t.not_before, t.scheduled_at), coalesce(c.blocked_until, t.scheduled_at)) AS run_at
      FROM publish_targets t
      JOIN channels c ON c.id = t.channel_id
      LEFT JOIN publishing_settings s ON s.workspace_id = t.workspace_id
      WHERE t.state = 'scheduled' AND t.held_at IS NULL AND t.scheduled_at IS NOT NULL
        AND NOT c.paused AND NOT coalesce(s.paused, false)
        AND t.scheduled_at <= ${horizon}
        AND (t.enqueued_at IS NULL
             OR (greatest(t.scheduled_at, coalesce(t.not_before, t.scheduled_at)) < ${stale} AND t.enqueued_at < ${stale} AND NOT ${liveJob}))
      ORDER BY t.scheduled_at
      LIMIT ${opts.limit ?? 20_000}
      FOR UPDATE OF t SKIP LOCKED`);
    if (rows.rows.length === 0) return 0;
    return enqueuePublishJobs(tx, rows.rows.map((r) => ({ targetId: r.id, runAt: new Date(r.run_at) })), now);
  });
}

/**
 * Takes over up to `limit` targets whose lease expired, in one transaction (rows another reconciler
 * holds are skipped). Paused channels and workspaces are left alone: a re-send is a send.
 */
async function takeOver(deps: RunnerDeps, limit: number): Promise<Claim[]> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const rows = await tx.select({ t: publishTargets, channel: channels, post: posts }).from(publishTargets)
      .innerJoin(channels, eq(channels.id, publishTargets.channelId))
      .innerJoin(posts, eq(posts.id, publishTargets.postId))
      .leftJoin(publishingSettings, eq(publishingSettings.workspaceId, publishTargets.workspaceId))
      .where(and(eq(publishTargets.state, 'publishing'), lt(publishTargets.leaseUntil, now), eq(channels.paused, false), sql`NOT coalesce(${publishingSettings.paused}, false)`))
      .orderBy(publishTargets.leaseUntil)
      .limit(limit)
      .for('update', { of: publishTargets, skipLocked: true });
    const tokens = rows.map(() => randomUUID());
    const moved = await moveTargets(tx, SYSTEM_ACTOR, rows.map(({ t }, i) => ({
      target: t, to: 'publishing' as const, patch: { claimToken: tokens[i]!, leaseUntil: new Date(now.getTime() + deps.leaseMs), attempts: t.attempts + 1 }, note: 'reconcile',
    })), now);
    return rows.flatMap(({ t, channel, post }, i) => {
      const target = moved[i];
      return target ? [{ target, channel, post, token: tokens[i]!, reconciling: true, before: { attempts: t.attempts, firstSentAt: t.firstSentAt } }] : [];
    });
  });
}

/** What to do with one taken-over claim: ask the network, re-send with the same key, or ask a person. */
async function decide(deps: RunnerDeps, c: Claim, now: Date): Promise<SendResult> {
  const provider = deps.providers(c.channel.network);
  if (!provider?.publish) return { unconfirmed: 'No provider available to check this post.' };
  if (c.target.threadParts) return reconcileThread(deps, c, provider, now, () => callContext(deps, c.channel), (resumed) => callNetwork(deps, resumed, provider));
  const idem = provider.descriptor.idempotency;
  if (idem.kind === 'deterministic_key') {
    let r;
    try {
      r = await provider.publish.reconcile(callContext(deps, c.channel), c.target.id);
    } catch (e) {
      r = { status: 'unknown' as const, reason: String((e as Error)?.message ?? e) };
    }
    if (r.status === 'published') return { ok: true, remoteId: r.ref.id, remoteUrl: r.ref.url, publishedAt: deps.clock.now() };
    // The record key derives from the target id: sending again cannot create a second post.
    if (r.status === 'absent') return callNetwork(deps, c, provider);
    return { unconfirmed: `Could not verify whether the post reached ${provider.descriptor.displayName}: ${r.reason}` };
  }
  const first = c.target.firstSentAt?.getTime() ?? now.getTime();
  // Same target id → same Idempotency-Key: the network returns the original post if it exists.
  if (now.getTime() < first + idem.windowMs - WINDOW_MARGIN_MS) return callNetwork(deps, c, provider);
  return { unconfirmed: `The outcome of publishing is unknown and ${provider.descriptor.displayName} no longer de-duplicates a re-send. Check the account before retrying.` };
}

export async function reconcile(deps: RunnerDeps, limit = 500): Promise<{ taken: number; published: number; unconfirmed: number }> {
  const now = deps.clock.now();
  const claims = await takeOver(deps, limit);
  if (claims.length === 0) return { taken: 0, published: 0, unconfirmed: 0 };
  const results = await Promise.all(claims.map(async (claim) => {
    try {
      return { claim, result: await decide(deps, claim, now) };
    } catch (err) {
      // The pause gate could not be read: nothing was sent; the claim is taken over again later.
      deps.log?.('reconcile check failed', { targetId: claim.target.id, err: String(err) });
      return { claim, result: { release: 'paused' } as SendResult };
    }
  }));
  const outcomes = await settleMany(deps, results);
  for (const [i, o] of outcomes.entries()) if (o.kind === 'unknown_outcome') deps.log?.('re-send outcome unknown again', { targetId: claims[i]!.target.id });
  return {
    taken: claims.length,
    published: outcomes.filter((o) => o.kind === 'published').length,
    unconfirmed: results.filter((r) => 'unconfirmed' in r.result).length,
  };
}
