/**
 * The fast track: a released crisis statement is sent at once, through the normal publisher
 * (publish-runner's `sendClaimed`: same provider call, idempotency key, settle and reconciler),
 * but claimed here instead of by the queue. This claim deliberately ignores the crisis pause — the
 * statement is the organisation's own voice in the crisis — and accepts only targets of a statement
 * of the active, real crisis, so nothing else can use this door. A drill never gets here.
 * Lock order is the runner's (channel, then target), so the two cannot deadlock. The runner's pause
 * gate before the call is given a variant that ignores the pause (rate-limit blocks still apply).
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../http/context.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { createPauseGate, type PauseGate } from '../publishing/publish-gate.ts';
import { publishingDeps } from '../publishing/provider-resolver.ts';
import { idempotencyKeyFor, sendClaimed, settle, type Claim, type RunnerDeps, type RunOutcome } from '../publishing/publish-runner.ts';
import { channels, posts, publishTargets } from '../publishing/publishing.schema.ts';
import { moveTarget } from '../publishing/target-transition.ts';
import { crises, crisisStatements } from './crisis.schema.ts';

const num = (v: string | undefined, d: number) => (v && Number(v) > 0 ? Number(v) : d);

/**
 * The runner's last check before the call is the pause gate; for a crisis statement the pause does
 * not apply (that is the point of the fast track), a network's rate-limit block still does.
 */
function statementGate(ctx: AppContext): PauseGate {
  const gate = createPauseGate(ctx.database, ctx.clock, 0);
  return { check: async (ws, channelId) => ({ ...(await gate.check(ws, channelId)), paused: false }) };
}

export function fastTrackDeps(ctx: AppContext): RunnerDeps {
  return {
    database: ctx.database, secrets: ctx.secrets, clock: ctx.clock, providers: publishingDeps(ctx).providers,
    leaseMs: num(process.env.PUBLISH_LEASE_MS, 90_000), maxAttempts: 8, gate: statementGate(ctx),
  };
}

async function claimStatementTarget(deps: RunnerDeps, targetId: string): Promise<Claim | Exclude<RunOutcome, { kind: 'published' }>> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const [t0] = await tx.select().from(publishTargets).where(eq(publishTargets.id, targetId));
    if (!t0) return { kind: 'skipped', reason: 'gone' } as const;
    const [channel] = await tx.select().from(channels).where(eq(channels.id, t0.channelId)).for('update');
    const [t] = await tx.select().from(publishTargets).where(eq(publishTargets.id, targetId)).for('update');
    if (!channel || !t || t.state !== 'scheduled') return { kind: 'skipped', reason: `not sendable (${t?.state ?? 'gone'})` } as const;
    const [own] = await tx.select({ id: crisisStatements.id }).from(crisisStatements).innerJoin(crises, eq(crises.id, crisisStatements.crisisId))
      .where(and(eq(crisisStatements.postId, t.postId), eq(crises.state, 'active'), eq(crises.drill, false)));
    if (!own) return { kind: 'skipped', reason: 'not a statement of the active crisis' } as const;
    if (channel.status !== 'connected' || !channel.credentialsSealed) {
      const reason = channel.status === 'needs_reauth' ? 'The channel must be re-connected before it can publish.' : 'The channel is not connected.';
      await moveTarget(tx, SYSTEM_ACTOR, t, 'failed', { errorKind: 'reauth', lastError: reason }, now);
      return { kind: 'failed', reason } as const;
    }
    const [post] = await tx.select().from(posts).where(eq(posts.id, t.postId));
    if (!post) return { kind: 'skipped', reason: 'post gone' } as const;
    const token = randomUUID();
    const moved = await moveTarget(tx, SYSTEM_ACTOR, t, 'publishing', {
      claimToken: token, leaseUntil: new Date(now.getTime() + deps.leaseMs), idempotencyKey: idempotencyKeyFor(channel.network, t.id),
      firstSentAt: t.firstSentAt ?? now, attempts: t.attempts + 1, heldAt: null,
    }, now, 'crisis fast track');
    if (!moved) return { kind: 'skipped', reason: 'changed concurrently' } as const;
    return { target: moved, channel, post, token, before: { attempts: t.attempts, firstSentAt: t.firstSentAt } };
  });
}

/** Claims and sends one statement target now; the outcome is settled like any publish. */
export async function fastTrackSend(deps: RunnerDeps, targetId: string): Promise<RunOutcome> {
  const c = await claimStatementTarget(deps, targetId);
  if ('kind' in c) return c;
  const provider = deps.providers(c.channel.network);
  if (!provider) return settle(deps, c, { ok: false, error: new Error(`no provider for ${c.channel.network}`) });
  return sendClaimed(deps, c, provider);
}
