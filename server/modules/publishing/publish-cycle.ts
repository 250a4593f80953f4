/**
 * The publish cycle: one transaction that first settles finished network calls and then claims
 * due targets — into the slots those settles just freed. One cycle per batch instead of two
 * transactions per target: the audit chain's global lock is taken once per cycle (one batch of
 * chained rows, every transition still its own row), and a channel slot never waits for a second
 * transaction between one call ending and the next starting.
 *
 * Locking: the channels a cycle touches are locked once, in id order (the claim needs its in-flight
 * count exact across workers; a settle may update a channel), so two cycles cannot deadlock; the
 * audit lock comes last.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { decideClaims, UUID, type ClaimOutcome } from './publish-claim.ts';
import { planSettle } from './publish-settle.ts';
import type { ChannelRow, Claim, RunnerDeps, RunOutcome, SendResult } from './publish-types.ts';
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
    const settleChannels = plans.flatMap((p, i) => (p.channel ? [input.settles[i]!.claim.channel.id] : []));
    const channelById = new Map<string, ChannelRow>();
    const lockChannels = async () => {
      const rows = await tx.select().from(channels)
        .where(sql`${channels.id} = ANY(${uuids(settleChannels)}) OR ${channels.id} IN (SELECT channel_id FROM publish_targets WHERE id = ANY(${uuids(ids)}))`)
        .orderBy(channels.id).for('update');
      for (const c of rows) channelById.set(c.id, c);
    };
    // Channel locks are taken once, in id order, and as late as possible: a cycle that only records
    // outcomes overlaps with another worker's cycle until it reaches the claim.
    if (settleChannels.length > 0) await lockChannels();

    // 1. Settle.
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
    for (const [i, p] of plans.entries()) {
      if (!p.expireLease) continue;
      const c = input.settles[i]!.claim;
      await tx.update(publishTargets)
        .set({ leaseUntil: new Date(now.getTime() - 1), ...(p.expireLease.errorKind ? { errorKind: p.expireLease.errorKind, lastError: p.expireLease.lastError ?? null } : {}) })
        .where(and(eq(publishTargets.id, c.target.id), eq(publishTargets.claimToken, c.token)));
    }
    const settleMoves: TargetMove[] = plans.flatMap((p, i) => (p.move ? [{ target: input.settles[i]!.claim.target, claimToken: input.settles[i]!.claim.token, ...p.move }] : []));
    const settledRows = await applyMoves(tx, settleMoves, now, true);

    // 2. Claim (reads see the settles above: their slots are free again).
    let decision = decideClaims(input.claimIds, emptyState(), now, deps.leaseMs);
    let claimRows: (TargetRow | null)[] = [];
    if (ids.length > 0) {
      if (settleChannels.length === 0) await lockChannels();
      // Read after the channel locks: a claim committed meanwhile by another worker is visible now.
      const targets = await tx.select().from(publishTargets).where(sql`${publishTargets.id} = ANY(${uuids(ids)})`);
      const workspaceIds = [...new Set(targets.map((t) => t.workspaceId))];
      const paused = workspaceIds.length
        ? await tx.select({ id: publishingSettings.workspaceId }).from(publishingSettings).where(and(inArray(publishingSettings.workspaceId, workspaceIds), eq(publishingSettings.paused, true)))
        : [];
      const inflight = await tx.select({ channelId: publishTargets.channelId, n: sql<number>`count(*)::int` }).from(publishTargets)
        .where(and(sql`${publishTargets.channelId} = ANY(${uuids([...channelById.keys()])})`, eq(publishTargets.state, 'publishing'), gt(publishTargets.leaseUntil, now)))
        .groupBy(publishTargets.channelId);
      const postIds = targets.filter((t) => t.state === 'scheduled').map((t) => t.postId);
      const postById = new Map((postIds.length ? await tx.select().from(posts).where(sql`${posts.id} = ANY(${uuids(postIds)})`) : []).map((p) => [p.id, p]));
      decision = decideClaims(input.claimIds, {
        targets, channels: channelById, pausedWorkspaces: new Set(paused.map((p) => p.id)),
        inflight: new Map(inflight.map((r) => [r.channelId, r.n])), posts: postById,
      }, now, deps.leaseMs);
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

    // 3. Tell other workers which slots came free here without a local taker.
    const freed = [...new Set(input.notifyFreed ?? [])];
    for (let i = 0; i < freed.length; i += NOTIFY_CHUNK) {
      await tx.execute(sql`SELECT pg_notify(${SLOTS_FREED_CHANNEL}, ${freed.slice(i, i + NOTIFY_CHUNK).join(',')})`);
    }

    // 4. One audit batch for the whole cycle, last: the chain lock is held until commit.
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
