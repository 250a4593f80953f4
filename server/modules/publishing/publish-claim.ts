/**
 * The claim decision: which of a batch of targets may go to the network now. A target is claimed
 * when it is `scheduled`, not held, due (its time, its back-off and the channel's rate-limit block
 * have passed), publishing is not paused, its channel is connected and the channel has a free slot
 * (`maxConcurrency` calls in flight, counted in the database). A claimed target moves to
 * `publishing` with a fresh claim token, a lease and its idempotency key — before any network call.
 * The transaction around it is the publish cycle (publish-cycle.ts).
 */
import { randomUUID } from 'node:crypto';
import { createMastodonIdempotencyKey } from './idempotency-key.ts';
import type { ChannelRow, Claim, PostRow, RunOutcome } from './publish-types.ts';
import type { TargetMove, TargetRow } from './target-transition.ts';
import { threadPartsFor } from './thread-parts.ts';
import type { PostContent } from './post-content.ts';

export type ClaimOutcome =
  | { kind: 'claimed'; claim: Claim }
  /** The channel has `maxConcurrency` calls in flight: try again when one settles. */
  | { kind: 'busy'; channelId: string }
  /** The channel is rate-limited until `until`: every target of it waits at least that long. */
  | { kind: 'blocked'; channelId: string; until: Date }
  | Exclude<RunOutcome, { kind: 'published' }>;

/** Idempotency key stored before the call: what the network will see for this target. */
export function idempotencyKeyFor(network: string, targetId: string): string {
  return network === 'mastodon' ? createMastodonIdempotencyKey(targetId) : `target:${targetId}`;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ClaimState {
  /** The targets asked for, as read inside the transaction after the channel locks. */
  targets: TargetRow[];
  channels: Map<string, ChannelRow>;
  pausedWorkspaces: Set<string>;
  /** Calls in flight per channel (`publishing` with a live lease). */
  inflight: Map<string, number>;
  posts: Map<string, PostRow>;
}

export interface ClaimDecision {
  outcomes: Map<string, ClaimOutcome>;
  /** State changes to apply: claims (`publishing`) and failures (channel not connected). */
  moves: TargetMove[];
  /** Per target moved to `publishing`: its token and what it was before. */
  claims: Map<string, { token: string; before: Claim['before'] }>;
}

/** Decides for every target of `ids`; `state.inflight` is updated as slots are taken. */
export function decideClaims(ids: readonly string[], state: ClaimState, now: Date, leaseMs: number): ClaimDecision {
  const outcomes = new Map<string, ClaimOutcome>();
  const moves: TargetMove[] = [];
  const claims = new Map<string, { token: string; before: Claim['before'] }>();
  // Earliest first, so that a full channel lets the longest-waiting targets through.
  const ordered = [...state.targets].sort((a, b) => (a.scheduledAt?.getTime() ?? 0) - (b.scheduledAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
  for (const t of ordered) {
    const channel = state.channels.get(t.channelId);
    if (!channel || t.state !== 'scheduled' || t.heldAt) { outcomes.set(t.id, { kind: 'skipped', reason: `not sendable (${t.state})` }); continue; }
    if (state.pausedWorkspaces.has(t.workspaceId) || channel.paused) { outcomes.set(t.id, { kind: 'skipped', reason: 'publishing paused' }); continue; }
    const due = Math.max(t.scheduledAt?.getTime() ?? Infinity, t.notBefore?.getTime() ?? 0, channel.blockedUntil?.getTime() ?? 0);
    if (due === Infinity) { outcomes.set(t.id, { kind: 'skipped', reason: 'no time' }); continue; }
    if (channel.blockedUntil && due === channel.blockedUntil.getTime() && due > now.getTime()) { outcomes.set(t.id, { kind: 'blocked', channelId: channel.id, until: channel.blockedUntil }); continue; }
    if (due > now.getTime()) { outcomes.set(t.id, { kind: 'defer', runAt: new Date(due), reason: 'not due' }); continue; }
    if (channel.status !== 'connected' || !channel.credentialsSealed) {
      const reason = channel.status === 'needs_reauth' ? 'The channel must be re-connected before it can publish.' : 'The channel is not connected.';
      moves.push({ target: t, to: 'failed', patch: { errorKind: 'reauth', lastError: reason } });
      outcomes.set(t.id, { kind: 'failed', reason });
      continue;
    }
    const n = state.inflight.get(channel.id) ?? 0;
    if (n >= channel.maxConcurrency) { outcomes.set(t.id, { kind: 'busy', channelId: channel.id }); continue; }
    const post = state.posts.get(t.postId);
    if (!post) { outcomes.set(t.id, { kind: 'skipped', reason: 'post gone' }); continue; }
    // A thread's parts are frozen with its first claim, before any network call: a resumed thread
    // continues exactly the split it began with, whatever the channel's limits are by then.
    const parts = t.threadParts ? null : threadPartsFor(post as unknown as PostContent, channel);
    state.inflight.set(channel.id, n + 1);
    const token = randomUUID();
    claims.set(t.id, { token, before: { attempts: t.attempts, firstSentAt: t.firstSentAt } });
    moves.push({
      target: t, to: 'publishing', patch: {
        claimToken: token,
        leaseUntil: new Date(now.getTime() + leaseMs),
        idempotencyKey: idempotencyKeyFor(channel.network, t.id),
        firstSentAt: t.firstSentAt ?? now,
        attempts: t.attempts + 1,
        ...(parts ? { threadParts: parts } : {}),
      },
    });
  }
  for (const id of ids) if (!outcomes.has(id) && !claims.has(id)) outcomes.set(id, { kind: 'skipped', reason: UUID.test(id) ? 'not sendable (gone)' : 'not a target id' });
  return { outcomes, moves, claims };
}
