import { describe, expect, it } from 'vitest';
import { ProviderError, isProviderError, parseResetHeader, parseRetryAfter, rateLimited } from './errors.ts';

describe('error taxonomy helpers', () => {
  const now = new Date('2025-05-05T08:00:00Z');
  it('parses Retry-After in seconds and as HTTP date', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 05 May 2025 08:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('parses reset headers as ISO dates (Mastodon) and epoch seconds (AT Protocol)', () => {
    expect(parseResetHeader('2025-05-05T08:05:00Z')?.toISOString()).toBe('2025-05-05T08:05:00.000Z');
    expect(parseResetHeader('1746432300')?.toISOString()).toBe('2025-05-05T08:05:00.000Z');
  });

  it('never returns a negative wait and marks only retry/rate_limited as retryable', () => {
    expect(rateLimited('x', new Date('2025-05-05T07:00:00Z'), now).retryAfterMs).toBe(0);
    expect(rateLimited('x', undefined, now).retryable).toBe(true);
    const reauth = new ProviderError({ kind: 'reauth', network: 'x', message: 'm' });
    expect(reauth.retryable).toBe(false);
    expect(isProviderError(reauth)).toBe(true);
    expect(isProviderError(new Error('x'))).toBe(false);
  });
});
