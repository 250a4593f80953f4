/**
 * The publish cycle: one transaction that first settles finished network calls and then claims
 * due targets — into the slots those settles just freed. One cycle per batch instead of two
 * transactions per target: the audit chain's global lock is taken once per cycle (one batch of
 * chained rows, every transition still its own row), and a channel slot never waits for a second
 * transaction between one call ending and the next starting.
 *
 * Locking: the channels a cycle may claim on (those that seem to have a free slot) or update are
 * locked once, in id order — the claim's in-flight count is then exact across workers and two
 * cycles cannot deadlock; the audit lock comes last.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { decideClaims, UUID, type ClaimOutcome } from './publish-claim.ts';
import { planSettle } from './publish-settle.ts';
import type { Claim, RunnerDeps, RunOutcome, SendResult } from './publish-types.ts';
import { channels, posts, publishingSettings, publishTargets } from './publishing.schema.ts';
import { applyMoves, auditMoves, type TargetMove, type TargetRow } from './target-transition.ts';

export interface CycleInput {
  settles: readonly { claim: Claim; result: SendResult }[];
  claimIds: readonly string[];
  /** Channels whose slot a settle frees with no local job waiting: other workers are told at commit. */
  notifyFreed?: readonly string[];
}

export interface CycleOutput {
  /** One outcome per settle, in order. */
  settled: RunOutcome[];
  /** One outcome per claim id. */
  claimed: Map<string, ClaimOutcome>;
}

/** One array parameter (`= ANY(...)`) instead of a bind parameter per id: cheaper to build and send. */
const uuids = (ids: readonly string[]) => sql`${sql.param(`{${ids.join(',')}}`)}::uuid[]`;

/** Channel for "a slot of these channels came free" (comma-separated ids), delivered at commit. */
export const SLOTS_FREED_CHANNEL = 'resonanz_publish_slots';
const NOTIFY_CHUNK = 150; // ids per notification: NOTIFY payloads stay below 8000 bytes

export async function runCycle(deps: RunnerDeps, input: CycleInput): Promise<CycleOutput> {
  const now = deps.clock.now();
  const plans = input.settles.map((s) => planSettle(s.claim, s.result, now, deps.maxAttempts));
  // Ids come from job payloads: anything that is not a UUID is no target (and must not fail the cycle).
  const ids = [...new Set(input.claimIds.filter((id) => UUID.test(id)))];
  if (plans.length === 0 && ids.length === 0) return { settled: [], claimed: decideClaims(input.claimIds, emptyState(), now, deps.leaseMs).outcomes };

  return deps.database.db.transaction(async (tx) => {
    // 1. Settle the targets (their rows only: no channel lock needed).
    for (const [i, p] of plans.entries()) {
      if (!p.expireLease) continue;
      const c = input.settles[i]!.claim;
      await tx.update(publishTargets)
        .set({ leaseUntil: new Date(now.getTime() - 1), ...(p.expireLease.errorKind ? { errorKind: p.expireLease.errorKind, lastError: p.expireLease.lastError ?? null } : {}) })
        .where(and(eq(publishTargets.id, c.target.id), eq(publishTargets.claimToken, c.token)));
    }
    const settleMoves: TargetMove[] = plans.flatMap((p, i) => (p.move ? [{ target: input.settles[i]!.claim.target, claimToken: input.settles[i]!.claim.token, ...p.move }] : []));
    const settledRows = await applyMoves(tx, settleMoves, now, true);

    // 2. What the claim needs, read without locks (the settles above already count as free slots).
    const targets = ids.length ? await tx.select().from(publishTargets).where(sql`${publishTargets.id} = ANY(${uuids(ids)})`) : [];
    const channelIds = [...new Set(targets.map((t) => t.channelId))];
    const channelById = new Map((channelIds.length ? await tx.select().from(channels).where(sql`${channels.id} = ANY(${uuids(channelIds)})`) : []).map((c) => [c.id, c]));
    const countInflight = async (chs: string[]) => new Map((chs.length ? await tx.select({ channelId: publishTargets.channelId, n: sql<number>`count(*)::int` }).from(publishTargets)
      .where(and(sql`${publishTargets.channelId} = ANY(${uuids(chs)})`, eq(publishTargets.state, 'publishing'), gt(publishTargets.leaseUntil, now)))
      .groupBy(publishTargets.channelId) : []).map((r) => [r.channelId, r.n]));
    const inflight = await countInflight(channelIds);

    // 3. Lock, once and in id order: channels a settle updates, and channels that seem to have a free
    // slot — their count is read again under the lock, which makes it exact across workers. A
    // channel that is full needs no lock (a stale "full" only means asking again later), so workers
    // waiting for slots another worker holds do not hold up that worker's cycles.
    const settleChannels = plans.flatMap((p, i) => (p.channel ? [input.settles[i]!.claim.channel.id] : []));
    const candidates = [...channelById.values()].filter((c) => (inflight.get(c.id) ?? 0) < c.maxConcurrency).map((c) => c.id);
    const lockIds = [...new Set([...settleChannels, ...candidates])];
    if (lockIds.length) {
      for (const c of await tx.select().from(channels).where(sql`${channels.id} = ANY(${uuids(lockIds)})`).orderBy(channels.id).for('update')) channelById.set(c.id, c);
      for (const [id, n] of await countInflight(candidates)) inflight.set(id, n);
      for (const id of candidates) if (!inflight.has(id)) inflight.set(id, 0);
    }
    for (const [i, p] of plans.entries()) {
      if (!p.channel) continue;
      const id = input.settles[i]!.claim.channel.id;
      const ch = channelById.get(id);
      if (p.channel.blockedUntil) {
        await tx.update(channels).set({ blockedUntil: p.channel.blockedUntil }).where(eq(channels.id, id));
        if (ch) ch.blockedUntil = p.channel.blockedUntil;
      }
      if (p.channel.needsReauth) {
        await tx.update(channels).set({ status: 'needs_reauth', statusReason: p.channel.needsReauth, updatedAt: now }).where(eq(channels.id, id));
        if (ch) ch.status = 'needs_reauth';
      }
    }

    // 4. Claim.
    let decision = decideClaims(input.claimIds, emptyState(), now, deps.leaseMs);
    let claimRows: (TargetRow | null)[] = [];
    if (targets.length > 0) {
      const workspaceIds = [...new Set(targets.map((t) => t.workspaceId))];
      const paused = await tx.select({ id: publishingSettings.workspaceId }).from(publishingSettings).where(and(inArray(publishingSettings.workspaceId, workspaceIds), eq(publishingSettings.paused, true)));
      // Posts only where a claim is possible (a full channel's targets are `busy` before that).
      const candidateSet = new Set(candidates);
      const postIds = targets.filter((t) => t.state === 'scheduled' && candidateSet.has(t.channelId)).map((t) => t.postId);
      const postById = new Map((postIds.length ? await tx.select().from(posts).where(sql`${posts.id} = ANY(${uuids(postIds)})`) : []).map((p) => [p.id, p]));
      decision = decideClaims(input.claimIds, { targets, channels: channelById, pausedWorkspaces: new Set(paused.map((p) => p.id)), inflight, posts: postById }, now, deps.leaseMs);
      claimRows = await applyMoves(tx, decision.moves, now);
      decision.moves.forEach((m, i) => {
        const c = decision.claims.get(m.target.id);
        if (!c || m.to !== 'publishing') return;
        const row = claimRows[i];
        // A concurrent change (another worker's claim, an edit) won: this worker does nothing.
        if (!row) decision.outcomes.set(m.target.id, { kind: 'skipped', reason: 'changed concurrently' });
        else decision.outcomes.set(m.target.id, { kind: 'claimed', claim: { target: row, channel: channelById.get(row.channelId)!, post: postById.get(row.postId)!, token: c.token, before: c.before } });
      });
    }

    // 5. Tell other workers which slots came free here without a local taker.
    const freed = [...new Set(input.notifyFreed ?? [])];
    for (let i = 0; i < freed.length; i += NOTIFY_CHUNK) {
      await tx.execute(sql`SELECT pg_notify(${SLOTS_FREED_CHANNEL}, ${freed.slice(i, i + NOTIFY_CHUNK).join(',')})`);
    }

    // 6. One audit batch for the whole cycle, last: the chain lock is held until commit.
    await auditMoves(tx, SYSTEM_ACTOR, [...settleMoves, ...decision.moves], [...settledRows, ...claimRows], now);
    return { settled: plans.map((p) => p.outcome), claimed: decision.outcomes };
  });
}

function emptyState() {
  return { targets: [], channels: new Map(), pausedWorkspaces: new Set<string>(), inflight: new Map(), posts: new Map() };
}

/** Claims whichever of `targetIds` are due and sendable, in one transaction; an outcome per id. */
export async function claimTargets(deps: RunnerDeps, targetIds: readonly string[]): Promise<Map<string, ClaimOutcome>> {
  return (await runCycle(deps, { settles: [], claimIds: targetIds })).claimed;
}

/** Writes the outcomes of many claims in one transaction; returns each claim's outcome, in order. */
export async function settleMany(deps: RunnerDeps, items: readonly { claim: Claim; result: SendResult }[]): Promise<RunOutcome[]> {
  return (await runCycle(deps, { settles: items, claimIds: [] })).settled;
}
