/**
 * Publishing one due target, exactly once. In one transaction the target moves to `publishing` with
 * a fresh claim token and a lease (the atomic claim, publish-claim.ts: of several workers holding a
 * job for the same target, only one wins); the pause gate is asked; only then is the network called.
 * The outcome is written back guarded by the claim token (publish-settle.ts), so a late answer from a
 * worker whose lease was taken over changes nothing. The worker runs the same steps for many targets
 * at once (publish-dispatcher.ts); this file is the single-target path and the network call.
 */
import type { CallContext, MediaItem, Provider, PublishRequest } from '../../../providers/contract.ts';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Secrets } from '../../crypto/secrets.ts';
import { loadPublishMedia } from '../media/media-loader.ts';
import { claimTargets, settleMany } from './publish-cycle.ts';
import { createPauseGate } from './publish-gate.ts';
import type { ChannelRow, Claim, PostRow, RunnerDeps, RunOutcome, SendResult } from './publish-types.ts';
import { textFor, type PostContent } from './post-content.ts';
import { channels } from './publishing.schema.ts';
import { publishThread } from './thread-publish.ts';
import type { TargetRow } from './target-transition.ts';

export { idempotencyKeyFor } from './publish-claim.ts';
export type { Claim, RunnerDeps, RunOutcome, SendResult } from './publish-types.ts';

/** How soon a target whose channel is at its concurrency limit is tried again. */
export const CONCURRENCY_RETRY_MS = 250;

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

/**
 * Opened credentials by sealed value, per key ring: a burst sends thousands of posts through a few
 * channels, and decrypting for each call showed in profiles. A changed credential is a new sealed
 * value, hence a new entry; callers get a copy, so nothing can alter the cached one.
 */
const opened = new WeakMap<Secrets, Map<string, Record<string, unknown>>>();
const OPENED_MAX = 256;

function openCredentials(secrets: Secrets, sealed: string): Record<string, unknown> {
  const cache = opened.get(secrets) ?? opened.set(secrets, new Map()).get(secrets)!;
  let value = cache.get(sealed);
  if (!value) {
    value = JSON.parse(secrets.open(sealed)) as Record<string, unknown>;
    if (cache.size >= OPENED_MAX) cache.delete(cache.keys().next().value!);
    cache.set(sealed, value);
  }
  return structuredClone(value);
}

export function callContext(deps: { database: Database; secrets: Secrets }, channel: ChannelRow, signal?: AbortSignal): CallContext {
  return {
    credentials: openCredentials(deps.secrets, channel.credentialsSealed!),
    onCredentialsUpdate: async (next) => {
      await deps.database.db.update(channels).set({ credentialsSealed: deps.secrets.seal(JSON.stringify(next)) }).where(eq(channels.id, channel.id));
    },
    signal,
  };
}

/**
 * The network call for a claimed target, behind the pause gate. Provider errors are results (the
 * settle decides); only a failing gate read throws — the claim then stays until its lease ends.
 */
export async function callNetwork(deps: RunnerDeps, c: Claim, provider: Provider | undefined): Promise<SendResult> {
  const gate = deps.gate ?? createPauseGate(deps.database, deps.clock, 0);
  const verdict = await gate.check(c.target.workspaceId, c.channel.id);
  if (verdict.paused) return { release: 'paused' };
  if (verdict.blockedUntil) return { release: 'blocked', until: verdict.blockedUntil };
  // Within the lease (the call must end before another worker may take over); per part for threads.
  const timeout = () => AbortSignal.timeout(Math.max(1000, deps.leaseMs - 1000));
  try {
    if (!provider) throw new Error(`no provider for ${c.channel.network}`);
    if (!provider.publish) throw new Error(`${provider.descriptor.id} cannot publish`);
    const media = await loadPublishMedia(deps, c.post, c.channel);
    const req = publishRequestFor(c.target, c.post, media);
    if (c.target.threadParts) return await publishThread(deps, c, provider, { base: req, media, gate, callContext: () => callContext(deps, c.channel, timeout()) });
    const r = await provider.publish.publish(callContext(deps, c.channel, timeout()), req);
    return { ok: true, remoteId: r.ref.id, remoteUrl: r.ref.url, publishedAt: r.publishedAt };
  } catch (error) {
    return { ok: false, error };
  }
}

/** Writes the outcome of a network call for one claimed target (guarded by its claim token). */
export async function settle(deps: RunnerDeps, c: Claim, result: SendResult): Promise<RunOutcome> {
  return (await settleMany(deps, [{ claim: c, result }]))[0]!;
}

/** Calls the network for a claimed target and settles the result. */
export async function sendClaimed(deps: RunnerDeps, c: Claim, provider: Provider): Promise<RunOutcome> {
  return settle(deps, c, await callNetwork(deps, c, provider));
}

/** Claim, send, settle for one target. Safe to run for the same target in several workers at once. */
export async function runPublishTarget(deps: RunnerDeps, targetId: string): Promise<RunOutcome> {
  const r = (await claimTargets(deps, [targetId])).get(targetId)!;
  if (r.kind === 'busy') return { kind: 'defer', runAt: new Date(deps.clock.now().getTime() + CONCURRENCY_RETRY_MS), reason: 'channel concurrency' };
  if (r.kind === 'blocked') return { kind: 'defer', runAt: r.until, reason: 'channel rate-limited' };
  if (r.kind !== 'claimed') return r;
  return settle(deps, r.claim, await callNetwork(deps, r.claim, deps.providers(r.claim.channel.network)));
}
