import { describe, expect, it } from 'vitest';
import { checkChannelText, textLimitsOf } from './text-limits.ts';

describe('composer counters', () => {
  it('counts Bluesky in graphemes against 300', () => {
    const r = checkChannelText({ network: 'bluesky', limits: null }, '👩‍👩‍👧 ä', undefined, '');
    expect(r).toMatchObject({ count: 3, max: 300, ok: true });
    expect(checkChannelText({ network: 'bluesky', limits: null }, 'x'.repeat(301), undefined, '').ok).toBe(false);
  });

  it('counts every Mastodon URL as 23 and adds the content warning', () => {
    const url = `https://example.org/${'a'.repeat(100)}`;
    expect(checkChannelText({ network: 'mastodon', limits: null }, `Hi ${url}`, undefined, 'CW').count).toBe(3 + 23 + 2);
  });

  it('uses the instance limit read at connect time and prefers the channel variant', () => {
    const limits = { text: { maxLength: 5000, counting: { kind: 'mastodon', charactersReservedPerUrl: 23 } } };
    expect(textLimitsOf('mastodon', limits).maxLength).toBe(5000);
    expect(checkChannelText({ network: 'mastodon', limits }, 'shared text', 'abc', '').count).toBe(3);
    expect(checkChannelText({ network: 'mastodon', limits }, 'shared', '  ', '').count).toBe(6);
  });
});

describe('channel limits and thread preview', () => {
  it('falls back to each network\u2019s media limits and keeps stored instance limits', async () => {
    const { limitsOf, threadOf } = await import('./text-limits.ts');
    expect(limitsOf({ network: 'bluesky', limits: null }).media).toMatchObject({ maxImageBytes: 1_000_000, altTextMaxLength: 2000 });
    expect(limitsOf({ network: 'mastodon', limits: null }).media.altTextMaxLength).toBe(1500);
    const stored = { text: { maxLength: 5000, counting: { kind: 'mastodon', charactersReservedPerUrl: 23 } }, media: { maxCount: 6, maxImageBytes: 8_000_000, maxVideoBytes: 0, mimeTypes: ['image/png'], altTextField: 'description', altTextMaxLength: 900 } };
    expect(limitsOf({ network: 'mastodon', limits: stored }).media.altTextMaxLength).toBe(900);
    expect(threadOf({ network: 'bluesky', limits: null }, 'Satz. '.repeat(80), undefined, '').length).toBe(2);
    expect(threadOf({ network: 'mastodon', limits: null }, 'Satz. '.repeat(80), undefined, '')).toHaveLength(1);
  });
});
