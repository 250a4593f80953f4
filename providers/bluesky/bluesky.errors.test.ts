import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import { mapAtprotoError } from './bluesky.errors.ts';

const now = new Date('2025-05-05T08:00:00Z');

describe('AT Protocol error mapping', () => {
  it('maps expired or invalid tokens to reauth', () => {
    expect(mapAtprotoError(new XRPCError(400, 'ExpiredToken', 'Token has expired'), now, 'publish').kind).toBe('reauth');
    expect(mapAtprotoError(new XRPCError(401, 'InvalidToken', 'Token could not be verified'), now, 'publish').kind).toBe('reauth');
  });

  it('maps 429 to rate_limited using ratelimit-reset (epoch seconds)', () => {
    const reset = String(now.getTime() / 1000 + 90);
    const e = mapAtprotoError(new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'RateLimit-Reset': reset }), now, 'publish');
    expect(e.kind).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(90_000);
  });

  it('maps InvalidRequest to invalid with the network message, 5xx and network failures to retry', () => {
    const invalid = mapAtprotoError(new XRPCError(400, 'InvalidRequest', 'Invalid app.bsky.feed.post record: text too long'), now, 'publish');
    expect(invalid).toMatchObject({ kind: 'invalid', networkMessage: 'Invalid app.bsky.feed.post record: text too long' });
    expect(mapAtprotoError(new XRPCError(502, 'UpstreamFailure'), now, 'publish').kind).toBe('retry');
    expect(mapAtprotoError(new TypeError('fetch failed'), now, 'publish').kind).toBe('retry');
  });
});
