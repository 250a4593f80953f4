import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decideClaims, idempotencyKeyFor, type ClaimState } from './publish-claim.ts';
import type { ChannelRow, PostRow } from './publish-types.ts';
import type { TargetRow } from './target-transition.ts';

const now = new Date('2025-05-01T10:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms);

function channel(over: Partial<ChannelRow> = {}): ChannelRow {
  return { id: randomUUID(), workspaceId: 'ws', network: 'mastodon', name: 'c', accountHandle: null, accountId: null, serviceUrl: null, status: 'connected', statusReason: null, credentialsSealed: 'sealed', limits: null, paused: false, maxConcurrency: 2, blockedUntil: null, defaultSlots: [], createdAt: now, updatedAt: now, ...over } as ChannelRow;
}
function target(ch: ChannelRow, over: Partial<TargetRow> = {}): TargetRow {
  return { id: randomUUID(), workspaceId: 'ws', postId: randomUUID(), channelId: ch.id, state: 'scheduled', scheduledAt: ago(1000), notBefore: null, heldAt: null, attempts: 0, idempotencyKey: null, firstSentAt: null, claimToken: null, leaseUntil: null, enqueuedAt: null, remoteId: null, remoteUrl: null, publishedAt: null, errorKind: null, lastError: null, threadParts: null, threadProgress: [], updatedAt: now, ...over };
}
function state(channels: ChannelRow[], targets: TargetRow[], over: Partial<ClaimState> = {}): ClaimState {
  return {
    targets, channels: new Map(channels.map((c) => [c.id, c])), pausedWorkspaces: new Set(), inflight: new Map(),
    posts: new Map(targets.map((t) => [t.postId, { id: t.postId } as PostRow])), ...over,
  };
}

describe('claim decision', () => {
  it('claims due targets with token, lease, idempotency key and attempt count; keeps the first-send time', () => {
    const ch = channel();
    const first = ago(60_000);
    const a = target(ch);
    const b = target(ch, { attempts: 2, firstSentAt: first, scheduledAt: ago(5000) });
    const d = decideClaims([a.id, b.id], state([ch], [a, b]), now, 30_000);
    expect([...d.outcomes.values()]).toEqual([]);
    expect(d.moves.map((m) => m.to)).toEqual(['publishing', 'publishing']);
    const mb = d.moves.find((m) => m.target.id === b.id)!;
    expect(mb.patch).toMatchObject({ attempts: 3, firstSentAt: first, leaseUntil: new Date(now.getTime() + 30_000), idempotencyKey: idempotencyKeyFor('mastodon', b.id) });
    expect(mb.patch.claimToken).toBe(d.claims.get(b.id)!.token);
    expect(d.claims.get(b.id)!.before).toEqual({ attempts: 2, firstSentAt: first });
    expect(d.moves.find((m) => m.target.id === a.id)!.patch.firstSentAt).toEqual(now);
  });

  it('respects the channel limit counting calls already in flight, oldest targets first', () => {
    const ch = channel({ maxConcurrency: 3 });
    const ts = [target(ch, { scheduledAt: ago(1000) }), target(ch, { scheduledAt: ago(9000) }), target(ch, { scheduledAt: ago(5000) })];
    const s = state([ch], ts, { inflight: new Map([[ch.id, 1]]) });
    const d = decideClaims(ts.map((t) => t.id), s, now, 30_000);
    expect(d.moves.map((m) => m.target.id)).toEqual([ts[1]!.id, ts[2]!.id]);
    expect(d.outcomes.get(ts[0]!.id)).toEqual({ kind: 'busy', channelId: ch.id });
    expect(s.inflight.get(ch.id)).toBe(3);
  });

  it('sends nothing while the workspace or the channel is paused, nor for held targets', () => {
    const ch = channel();
    const off = channel({ paused: true });
    const a = target(ch);
    const b = target(off);
    const held = target(ch, { heldAt: ago(10) });
    const d = decideClaims([a.id, b.id, held.id], state([ch, off], [a, b, held], { pausedWorkspaces: new Set(['other']) }), now, 1000);
    expect(d.moves.map((m) => m.target.id)).toEqual([a.id]);
    expect(d.outcomes.get(b.id)).toMatchObject({ kind: 'skipped', reason: 'publishing paused' });
    expect(d.outcomes.get(held.id)).toMatchObject({ kind: 'skipped' });
    const all = decideClaims([a.id], state([ch], [a], { pausedWorkspaces: new Set(['ws']) }), now, 1000);
    expect(all.moves).toEqual([]);
    expect(all.outcomes.get(a.id)).toMatchObject({ kind: 'skipped', reason: 'publishing paused' });
  });

  it('defers until the latest of scheduled time, back-off and the channel rate-limit block', () => {
    const until = new Date(now.getTime() + 60_000);
    const ch = channel({ blockedUntil: until });
    const later = channel();
    const a = target(ch);
    const b = target(later, { notBefore: new Date(now.getTime() + 5000) });
    const c = target(later, { scheduledAt: null });
    const d = decideClaims([a.id, b.id, c.id], state([ch, later], [a, b, c]), now, 1000);
    expect(d.moves).toEqual([]);
    expect(d.outcomes.get(a.id)).toEqual({ kind: 'blocked', channelId: ch.id, until });
    expect(d.outcomes.get(b.id)).toMatchObject({ kind: 'defer', runAt: new Date(now.getTime() + 5000) });
    expect(d.outcomes.get(c.id)).toMatchObject({ kind: 'skipped', reason: 'no time' });
  });

  it('fails targets of a channel that lost its authorisation, without a claim', () => {
    const ch = channel({ status: 'needs_reauth' });
    const a = target(ch);
    const d = decideClaims([a.id], state([ch], [a]), now, 1000);
    expect(d.moves).toEqual([expect.objectContaining({ to: 'failed', patch: expect.objectContaining({ errorKind: 'reauth' }) })]);
    expect(d.claims.size).toBe(0);
  });

  it('freezes a thread’s parts with its first claim, and only then', () => {
    const ch = channel({ network: 'bluesky', maxConcurrency: 5 });
    const text = Array.from({ length: 8 }, (_, i) => `Satz ${i} über das Beispielgeld und wie man es beantragt.`).join(' ');
    const thread = target(ch);
    const frozen = target(ch, { threadParts: ['a (1/2)', 'b (2/2)'], threadProgress: [{ id: 'p1' }] });
    const single = target(ch);
    const posts = new Map<string, PostRow>([
      [thread.postId, { id: thread.postId, text, variants: {}, thread: true, contentWarning: null } as unknown as PostRow],
      [frozen.postId, { id: frozen.postId, text, variants: {}, thread: true, contentWarning: null } as unknown as PostRow],
      [single.postId, { id: single.postId, text: 'kurz', variants: {}, thread: true, contentWarning: null } as unknown as PostRow],
    ]);
    const d = decideClaims([thread.id, frozen.id, single.id], state([ch], [thread, frozen, single], { posts }), now, 30_000);
    const patch = (id: string) => d.moves.find((m) => m.target.id === id)!.patch;
    expect((patch(thread.id).threadParts as string[]).length).toBeGreaterThan(1);
    expect(patch(frozen.id)).not.toHaveProperty('threadParts');
    expect(patch(single.id)).not.toHaveProperty('threadParts');
  });

  it('names ids that are no target and targets not sendable any more', () => {
    const ch = channel();
    const done = target(ch, { state: 'published' });
    const d = decideClaims(['x,y}', randomUUID(), done.id], state([ch], [done]), now, 1000);
    expect(d.outcomes.get('x,y}')).toMatchObject({ kind: 'skipped', reason: 'not a target id' });
    expect([...d.outcomes.values()].filter((o) => o.kind === 'skipped')).toHaveLength(3);
    expect(d.moves).toEqual([]);
  });
});
