import { describe, expect, it } from 'vitest';
import { contentHash, formatDiff, lineDiff, textFor, type PostContent } from './post-content.ts';

const base: PostContent = { text: 'Hallo', variants: {}, media: [{ id: 'm1', mimeType: 'image/png', altText: 'Ein Bild' }], contentWarning: null, language: 'de' };

describe('post content', () => {
  it('hash changes with text, variant or alt text, and is key-order independent', () => {
    const h = contentHash(base);
    expect(contentHash({ ...base, text: 'Hallo!' })).not.toBe(h);
    expect(contentHash({ ...base, variants: { c1: { text: 'x' } } })).not.toBe(h);
    expect(contentHash({ ...base, media: [{ id: 'm1', mimeType: 'image/png', altText: 'Anders' }] })).not.toBe(h);
    expect(contentHash({ language: 'de', contentWarning: null, media: base.media, variants: {}, text: 'Hallo' })).toBe(h);
  });

  it('picks the channel variant', () => {
    expect(textFor({ text: 'a', variants: { c1: { text: 'b' } } }, 'c1')).toBe('b');
    expect(textFor({ text: 'a', variants: {} }, 'c2')).toBe('a');
  });

  it('produces a readable line diff', () => {
    expect(formatDiff(lineDiff('Zeile 1\nZeile 2', 'Zeile 1\nZeile zwei\nNeu'))).toBe('  Zeile 1\n- Zeile 2\n+ Zeile zwei\n+ Neu');
  });
});
