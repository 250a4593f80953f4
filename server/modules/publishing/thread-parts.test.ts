import { describe, expect, it } from 'vitest';
import { recordKeyForTarget, isValidTid } from '../../../providers/bluesky/record-key.ts';
import { mastodonIdempotencyKey } from '../../../providers/mastodon/mastodon.provider.ts';
import { countText } from '../../../providers/text-count.ts';
import { MAX_THREAD_PARTS } from '../../../providers/thread-split.ts';
import { MASTODON_DEFAULT_LIMITS } from '../../../providers/mastodon/mastodon.limits.ts';
import type { PostContent } from './post-content.ts';
import { contentHash, normaliseVariants } from './post-content.ts';
import { validateForChannels } from './post-validation.ts';
import { partIdFor, threadPartsFor } from './thread-parts.ts';

const sentence = (i: number) => `Satz ${i}: So stellen Sie den Antrag auf Beispielgeld online, Schritt für Schritt erklärt.`;
const long = Array.from({ length: 10 }, (_, i) => sentence(i + 1)).join(' ');
const bsky = { id: 'c-bsky', network: 'bluesky', name: 'Bluesky', limits: null };
const masto = { id: 'c-masto', network: 'mastodon', name: 'Mastodon', limits: null };
const content = (over: Partial<PostContent> = {}): PostContent => ({ text: long, variants: {}, media: [], contentWarning: null, language: 'de', ...over });

describe('thread parts', () => {
  it('a too-long text becomes a thread only when the author chose it', () => {
    expect(threadPartsFor(content(), bsky)).toBeNull();
    const parts = threadPartsFor(content({ thread: true }), bsky)!;
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(countText(p, { kind: 'graphemes' })).toBeLessThanOrEqual(300);
    expect(parts[0]).toMatch(/\(1\/\d+\)$/);
  });

  it('a chosen thread whose text fits stays a single post', () => {
    expect(threadPartsFor(content({ thread: true, text: 'Kurz.' }), bsky)).toBeNull();
  });

  it('splits per network and lets a variant decide for its channel', () => {
    const c = content({ thread: true, variants: { 'c-masto': { text: long, thread: false } } });
    expect(threadPartsFor(c, bsky)).not.toBeNull();
    expect(threadPartsFor(c, masto)).toBeNull();
    const both = content({ thread: true });
    expect(threadPartsFor(both, masto)!.length).toBeLessThan(threadPartsFor(both, bsky)!.length);
  });

  it('counts the Mastodon content warning on every part', () => {
    const cw = 'Hinweis: Behördensprache';
    for (const p of threadPartsFor(content({ thread: true, contentWarning: cw }), masto)!) {
      expect(countText(p, MASTODON_DEFAULT_LIMITS.text.counting, cw)).toBeLessThanOrEqual(500);
    }
  });

  it('gives every part its own deterministic identity, the first part the target’s own', () => {
    const target = '3f1c2a4e-9a1b-4c55-8e0e-5d7a1f2b3c4d';
    const ids = [0, 1, 2].map((i) => partIdFor(target, i));
    expect(ids[0]).toBe(target);
    expect(new Set(ids).size).toBe(3);
    expect([0, 1, 2].map((i) => partIdFor(target, i))).toEqual(ids);
    const keys = ids.map(recordKeyForTarget);
    expect(keys.every(isValidTid)).toBe(true);
    expect(new Set(keys).size).toBe(3);
    expect(new Set(ids.map(mastodonIdempotencyKey)).size).toBe(3);
  });

  it('the thread choice is part of the content hash, without changing hashes of posts without one', () => {
    const plain = content();
    expect(contentHash({ ...plain, thread: false })).toBe(contentHash(plain));
    expect(contentHash({ ...plain, thread: true })).not.toBe(contentHash(plain));
  });

  it('variants keep a thread choice only where it differs from the post’s', () => {
    expect(normaliseVariants({ a: { text: 'x', thread: true }, b: { text: 'y', thread: false }, c: { text: 'z' } }, true)).toEqual({ a: { text: 'x' }, b: { text: 'y', thread: false }, c: { text: 'z' } });
  });
});

describe('validation of thread posts', () => {
  const policy = { altTextRequired: true };
  it('accepts a too-long text chosen as a thread, refuses it otherwise', () => {
    expect(validateForChannels(content({ thread: true }), [bsky, masto], policy)).toEqual([]);
    const errors = validateForChannels(content(), [bsky], policy);
    expect(errors).toEqual([expect.objectContaining({ path: 'body.text', message: expect.stringMatching(/Too long for Bluesky/) })]);
  });

  it('names the variant when its part cannot fit (a content warning longer than the limit)', () => {
    const c = content({ thread: true, contentWarning: 'W'.repeat(495), variants: { 'c-masto': { text: long } } });
    const errors = validateForChannels(c, [masto], policy);
    expect(errors.some((e) => e.path === 'body.variants.c-masto.text' && /Part 1 of the thread is too long for Mastodon/.test(e.message))).toBe(true);
  });

  it('refuses threads with more parts than allowed', () => {
    const huge = Array.from({ length: 120 }, (_, i) => sentence(i)).join(' ');
    const errors = validateForChannels(content({ thread: true, text: huge }), [bsky], policy);
    expect(errors).toEqual([expect.objectContaining({ path: 'body.text', message: expect.stringContaining(`at most ${MAX_THREAD_PARTS}`) })]);
  });
});
