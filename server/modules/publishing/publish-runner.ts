/**
 * Publishing one due target, exactly once. In one transaction the target moves to `publishing` with
 * a fresh claim token and a lease (the atomic claim: of several workers holding a job for the same
 * target, only one wins); only then is the network called. The outcome is written back guarded by
 * the claim token, so a late answer from a worker whose lease was taken over changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { CallContext, MediaItem, Provider, PublishRequest } from '../../../providers/contract.ts';
import { DEFAULT_RETRY_AFTER_MS, isProviderError, type ProviderError } from '../../../providers/errors.ts';
import { createMastodonIdempotencyKey } from './idempotency-key.ts';
import type { Secrets } from '../../crypto/secrets.ts';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { loadPublishMedia } from '../media/media-loader.ts';
import { textFor, type PostContent } from './post-content.ts';
import type { ProviderResolver } from './provider-resolver.ts';
import { channels, posts, publishingSettings, publishTargets } from './publishing.schema.ts';
import { moveTarget, type TargetRow } from './target-transition.ts';

export interface RunnerDeps {
  database: Database;
  secrets: Secrets;
  clock: Clock;
  providers: ProviderResolver;
  /** How long a claim is trusted before the reconciler may take over (must exceed the provider timeout). */
  leaseMs: number;
  maxAttempts: number;
  log?: (msg: string, data?: object) => void;
  /** Media library root (default: the configured one). */
  mediaRoot?: string;
}

export type RunOutcome =
  | { kind: 'published'; remoteId: string }
  | { kind: 'defer'; runAt: Date; reason: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string }
  | { kind: 'retry'; runAt: Date }
  | { kind: 'unknown_outcome' };

type ChannelRow = typeof channels.$inferSelect;
type PostRow = typeof posts.$inferSelect;
interface Claim { target: TargetRow; channel: ChannelRow; post: PostRow; token: string }

const CONCURRENCY_RETRY_MS = 250;

/** Idempotency key stored before the call: what the network will see for this target. */
export function idempotencyKeyFor(network: string, targetId: string): string {
  return network === 'mastodon' ? createMastodonIdempotencyKey(targetId) : `target:${targetId}`;
}

async function claim(deps: RunnerDeps, targetId: string): Promise<Claim | Exclude<RunOutcome, { kind: 'published' }>> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const [t0] = await tx.select().from(publishTargets).where(eq(publishTargets.id, targetId));
    if (!t0 || t0.state !== 'scheduled' || t0.heldAt) return { kind: 'skipped', reason: `not sendable (${t0?.state ?? 'gone'})` } as const;
    // Serialises claims per channel so the in-flight count below is exact across workers.
    const [channel] = await tx.select().from(channels).where(eq(channels.id, t0.channelId)).for('update');
    const [t] = await tx.select().from(publishTargets).where(eq(publishTargets.id, targetId));
    if (!channel || !t || t.state !== 'scheduled' || t.heldAt) return { kind: 'skipped', reason: 'changed concurrently' } as const;
    const [settings] = await tx.select().from(publishingSettings).where(eq(publishingSettings.workspaceId, t.workspaceId));
    if (settings?.paused || channel.paused) return { kind: 'skipped', reason: 'publishing paused' } as const;
    const due = Math.max(t.scheduledAt?.getTime() ?? Infinity, t.notBefore?.getTime() ?? 0, channel.blockedUntil?.getTime() ?? 0);
    if (due > now.getTime()) return due === Infinity ? ({ kind: 'skipped', reason: 'no time' } as const) : ({ kind: 'defer', runAt: new Date(due), reason: 'not due' } as const);
    if (channel.status !== 'connected' || !channel.credentialsSealed) {
      const reason = channel.status === 'needs_reauth' ? 'The channel must be re-connected before it can publish.' : 'The channel is not connected.';
      await moveTarget(tx, SYSTEM_ACTOR, t, 'failed', { errorKind: 'reauth', lastError: reason }, now);
      return { kind: 'failed', reason } as const;
    }
    const inflight = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(publishTargets)
      .where(and(eq(publishTargets.channelId, channel.id), eq(publishTargets.state, 'publishing'), gt(publishTargets.leaseUntil, now)));
    if ((inflight[0]?.n ?? 0) >= channel.maxConcurrency) return { kind: 'defer', runAt: new Date(now.getTime() + CONCURRENCY_RETRY_MS), reason: 'channel concurrency' } as const;
    const [post] = await tx.select().from(posts).where(eq(posts.id, t.postId));
    if (!post) return { kind: 'skipped', reason: 'post gone' } as const;
    const token = randomUUID();
    const moved = await moveTarget(tx, SYSTEM_ACTOR, t, 'publishing', {
      claimToken: token,
      leaseUntil: new Date(now.getTime() + deps.leaseMs),
      idempotencyKey: idempotencyKeyFor(channel.network, t.id),
      firstSentAt: t.firstSentAt ?? now,
      attempts: t.attempts + 1,
    }, now);
    if (!moved) return { kind: 'skipped', reason: 'changed concurrently' } as const;
    return { target: moved, channel, post, token };
  });
}

export function publishRequestFor(target: TargetRow, post: PostRow, media: MediaItem[] = []): PublishRequest {
  const content = post as unknown as PostContent;
  return {
    targetId: target.id,
    text: textFor(content, target.channelId),
    languages: post.language ? [post.language] : undefined,
    contentWarning: post.contentWarning ?? undefined,
    ...(media.length ? { media } : {}),
  };
}

export function callContext(deps: Pick<RunnerDeps, 'database' | 'secrets'>, channel: ChannelRow, signal?: AbortSignal): CallContext {
  return {
    credentials: JSON.parse(deps.secrets.open(channel.credentialsSealed!)) as Record<string, unknown>,
    onCredentialsUpdate: async (next) => {
      await deps.database.db.update(channels).set({ credentialsSealed: deps.secrets.seal(JSON.stringify(next)) }).where(eq(channels.id, channel.id));
    },
    signal,
  };
}

/** Writes the outcome of a network call for a claimed target (guarded by its claim token). */
export async function settle(deps: RunnerDeps, c: Claim, result: { ok: true; remoteId: string; remoteUrl?: string; publishedAt: Date } | { ok: false; error: unknown }): Promise<RunOutcome> {
  const now = deps.clock.now();
  const guard = eq(publishTargets.claimToken, c.token);
  return deps.database.db.transaction(async (tx) => {
    if (result.ok) {
      await moveTarget(tx, SYSTEM_ACTOR, c.target, 'published', {
        remoteId: result.remoteId, remoteUrl: result.remoteUrl ?? null, publishedAt: result.publishedAt, claimToken: null, leaseUntil: null, errorKind: null, lastError: null,
      }, now, undefined, guard);
      return { kind: 'published', remoteId: result.remoteId } as const;
    }
    const e = result.error;
    if (!isProviderError(e)) {
      await moveTarget(tx, SYSTEM_ACTOR, c.target, 'failed', { errorKind: 'internal', lastError: String((e as Error)?.message ?? e), claimToken: null, leaseUntil: null }, now, undefined, guard);
      return { kind: 'failed', reason: String(e) } as const;
    }
    const pe = e as ProviderError;
    if (pe.kind === 'retry' || pe.kind === 'rate_limited') {
      if (c.target.attempts >= deps.maxAttempts) {
        await moveTarget(tx, SYSTEM_ACTOR, c.target, 'failed', { errorKind: pe.kind, lastError: `Gave up after ${c.target.attempts} attempts: ${pe.message}`, claimToken: null, leaseUntil: null }, now, undefined, guard);
        return { kind: 'failed', reason: pe.message } as const;
      }
      const waitMs = pe.retryAfterMs ?? Math.min(DEFAULT_RETRY_AFTER_MS, 1000 * 2 ** c.target.attempts);
      const runAt = new Date(now.getTime() + waitMs);
      if (pe.kind === 'rate_limited') await tx.update(channels).set({ blockedUntil: pe.resetAt ?? runAt }).where(eq(channels.id, c.channel.id));
      await moveTarget(tx, SYSTEM_ACTOR, c.target, 'scheduled', { notBefore: runAt, errorKind: pe.kind, lastError: pe.message, claimToken: null, leaseUntil: null }, now, 'retry', guard);
      return { kind: 'retry', runAt } as const;
    }
    if (pe.kind === 'reauth') {
      await tx.update(channels).set({ status: 'needs_reauth', statusReason: pe.networkMessage ?? pe.message, updatedAt: now }).where(eq(channels.id, c.channel.id));
      await moveTarget(tx, SYSTEM_ACTOR, c.target, 'failed', { errorKind: 'reauth', lastError: pe.message, claimToken: null, leaseUntil: null }, now, undefined, guard);
      return { kind: 'failed', reason: pe.message } as const;
    }
    if (pe.kind === 'unknown_outcome') {
      // Leave it to the reconciler right away: the lease ends now, nothing is re-sent blindly.
      await tx.update(publishTargets).set({ leaseUntil: new Date(now.getTime() - 1), errorKind: 'unknown_outcome', lastError: pe.message }).where(and(eq(publishTargets.id, c.target.id), guard));
      return { kind: 'unknown_outcome' } as const;
    }
    await moveTarget(tx, SYSTEM_ACTOR, c.target, 'failed', { errorKind: pe.kind, lastError: pe.networkMessage ?? pe.message, claimToken: null, leaseUntil: null }, now, undefined, guard);
    return { kind: 'failed', reason: pe.networkMessage ?? pe.message } as const;
  });
}

/** Calls the network for a claimed target and settles the result. */
export async function sendClaimed(deps: RunnerDeps, c: Claim, provider: Provider): Promise<RunOutcome> {
  const signal = AbortSignal.timeout(Math.max(1000, deps.leaseMs - 1000));
  try {
    if (!provider.publish) throw new Error(`${provider.descriptor.id} cannot publish`);
    const r = await provider.publish.publish(callContext(deps, c.channel, signal), publishRequestFor(c.target, c.post, await loadPublishMedia(deps, c.post, c.channel)));
    return await settle(deps, c, { ok: true, remoteId: r.ref.id, remoteUrl: r.ref.url, publishedAt: r.publishedAt });
  } catch (error) {
    return settle(deps, c, { ok: false, error });
  }
}

/** The job body: claim, send, settle. Safe to run for the same target in several workers at once. */
export async function runPublishTarget(deps: RunnerDeps, targetId: string): Promise<RunOutcome> {
  const c = await claim(deps, targetId);
  if ('kind' in c) return c;
  const provider = deps.providers(c.channel.network);
  if (!provider) return settle(deps, c, { ok: false, error: new Error(`no provider for ${c.channel.network}`) });
  return sendClaimed(deps, c, provider);
}

export type { Claim };
