import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../../providers/errors.ts';
import { planSettle } from './publish-settle.ts';
import type { Claim } from './publish-types.ts';

const now = new Date('2025-05-01T10:00:00Z');
const first = new Date('2025-05-01T09:00:00Z');
const claim = (attempts = 1, reconciling = false): Claim => ({
  target: { id: 't', attempts } as Claim['target'], channel: { id: 'c' } as Claim['channel'], post: {} as Claim['post'], token: 'tok',
  reconciling, before: { attempts: attempts - 1, firstSentAt: first },
});
const err = (kind: ProviderError['kind'], extra: Partial<ConstructorParameters<typeof ProviderError>[0]> = {}) => ({ ok: false as const, error: new ProviderError({ kind, network: 'mastodon', message: `${kind} happened`, ...extra }) });

describe('settle plan', () => {
  it('a success publishes and clears the claim', () => {
    const p = planSettle(claim(), { ok: true, remoteId: '9', remoteUrl: 'https://x/9', publishedAt: now }, now, 5);
    expect(p.move).toMatchObject({ to: 'published', patch: { remoteId: '9', remoteUrl: 'https://x/9', claimToken: null, leaseUntil: null, errorKind: null } });
    expect(p.outcome).toEqual({ kind: 'published', remoteId: '9' });
  });

  it('a thread published in full notes its parts; one stopped between parts keeps its first-send time', () => {
    const p = planSettle(claim(), { ok: true, remoteId: '9', remoteUrl: 'https://x/9', publishedAt: now, parts: 3 }, now, 5);
    expect(p.move).toMatchObject({ to: 'published', note: 'thread of 3 parts', patch: { remoteId: '9' } });
    const stopped = planSettle(claim(2), { release: 'paused', partsSent: 1 }, now, 5);
    expect(stopped.move).toMatchObject({ to: 'scheduled', patch: { claimToken: null } });
    expect(stopped.move!.patch).not.toHaveProperty('firstSentAt');
    expect(stopped.move!.patch).not.toHaveProperty('attempts');
    const unsent = planSettle(claim(2), { release: 'paused' }, now, 5);
    expect(unsent.move!.patch).toMatchObject({ attempts: 1, firstSentAt: first });
  });

  it('retry backs off exponentially unless Retry-After says otherwise; gives up at the attempt limit', () => {
    expect(planSettle(claim(3), err('retry'), now, 5).move).toMatchObject({ to: 'scheduled', patch: { notBefore: new Date(now.getTime() + 8000) } });
    expect(planSettle(claim(3), err('retry', { retryAfterMs: 120_000 }), now, 5).outcome).toEqual({ kind: 'retry', runAt: new Date(now.getTime() + 120_000) });
    const last = planSettle(claim(5), err('retry'), now, 5);
    expect(last.move).toMatchObject({ to: 'failed', patch: { errorKind: 'retry', lastError: expect.stringMatching(/Gave up after 5 attempts/) } });
  });

  it('a rate limit blocks the whole channel until the reset the network named', () => {
    const resetAt = new Date(now.getTime() + 300_000);
    const p = planSettle(claim(), err('rate_limited', { retryAfterMs: 300_000, resetAt }), now, 5);
    expect(p.channel).toEqual({ blockedUntil: resetAt });
    expect(p.move).toMatchObject({ to: 'scheduled', patch: { errorKind: 'rate_limited' } });
  });

  it('reauth fails the target and flags the channel; invalid shows the network message', () => {
    const r = planSettle(claim(), err('reauth', { networkMessage: 'The access token was revoked' }), now, 5);
    expect(r.channel).toEqual({ needsReauth: 'The access token was revoked' });
    expect(r.move?.to).toBe('failed');
    const i = planSettle(claim(), err('invalid', { networkMessage: 'Text character limit of 500 exceeded' }), now, 5);
    expect(i.move).toMatchObject({ to: 'failed', patch: { lastError: 'Text character limit of 500 exceeded' } });
  });

  it('an unknown outcome only ends the lease: the reconciler decides, nothing is re-sent here', () => {
    const p = planSettle(claim(), err('unknown_outcome'), now, 5);
    expect(p.move).toBeUndefined();
    expect(p.expireLease).toMatchObject({ errorKind: 'unknown_outcome' });
    expect(p.outcome).toEqual({ kind: 'unknown_outcome' });
  });

  it('a claim released unsent (paused, rate-limited meanwhile) goes back as if never claimed', () => {
    const paused = planSettle(claim(2), { release: 'paused' }, now, 5);
    expect(paused.move).toMatchObject({ to: 'scheduled', patch: { attempts: 1, firstSentAt: first, claimToken: null } });
    expect(paused.outcome).toMatchObject({ kind: 'skipped', reason: 'publishing paused' });
    const until = new Date(now.getTime() + 60_000);
    const blocked = planSettle(claim(2), { release: 'blocked', until }, now, 5);
    expect(blocked.move).toMatchObject({ to: 'scheduled', patch: { notBefore: until, attempts: 1 } });
    expect(blocked.outcome).toEqual({ kind: 'defer', runAt: until, reason: 'channel rate-limited' });
  });

  it('a reconciler claim is never put back to scheduled (the post may be out): its lease just ends', () => {
    const p = planSettle(claim(2, true), { release: 'paused' }, now, 5);
    expect(p.move).toBeUndefined();
    expect(p.expireLease).toEqual({});
    expect(planSettle(claim(2, true), { unconfirmed: 'check the account' }, now, 5).move).toMatchObject({ to: 'unconfirmed', patch: { lastError: 'check the account' } });
  });

  it('an error that is not a provider error fails the target as internal', () => {
    expect(planSettle(claim(), { ok: false, error: new Error('boom') }, now, 5).move).toMatchObject({ to: 'failed', patch: { errorKind: 'internal', lastError: 'boom' } });
  });
});
