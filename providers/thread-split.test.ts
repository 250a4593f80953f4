import { describe, expect, it } from 'vitest';
import type { TextLimits } from './contract.ts';
import { countText } from './text-count.ts';
import { splitThread } from './thread-split.ts';

const BLUESKY: TextLimits = { maxLength: 300, counting: { kind: 'graphemes' } };
const MASTODON: TextLimits = { maxLength: 500, counting: { kind: 'mastodon', charactersReservedPerUrl: 23 } };
const sentence = (i: number) => `Satz Nummer ${i} erklärt, wie der Antrag auf Beispielgeld online gestellt wird.`;
const long = Array.from({ length: 12 }, (_, i) => sentence(i + 1)).join(' ');

describe('splitThread', () => {
  it('keeps a text that fits as one part, without numbering', () => {
    expect(splitThread('Kurz und gut.', BLUESKY)).toEqual(['Kurz und gut.']);
    expect(splitThread('   ', BLUESKY)).toEqual([]);
  });

  it('splits at sentence ends into numbered parts that each fit the network', () => {
    const parts = splitThread(long, BLUESKY);
    expect(parts.length).toBe(4);
    for (const p of parts) expect(countText(p, BLUESKY.counting)).toBeLessThanOrEqual(300);
    expect(parts[0]).toMatch(/\.\s\(1\/4\)$/);
    expect(parts.at(-1)).toMatch(/\(4\/4\)$/);
    // Nothing lost, nothing added except the numbering.
    expect(parts.map((p) => p.replace(/ \(\d+\/\d+\)$/, '')).join(' ')).toBe(long);
  });

  it('counts per network: fewer parts on Mastodon, where links count 23', () => {
    const withLinks = `${long} Mehr: https://www.beispielamt.de/${'x'.repeat(200)}`;
    expect(splitThread(withLinks, MASTODON).length).toBeLessThan(splitThread(withLinks, BLUESKY).length);
    for (const p of splitThread(withLinks, MASTODON, 'Hinweis')) expect(countText(p, MASTODON.counting, 'Hinweis')).toBeLessThanOrEqual(500);
  });

  it('honours explicit breaks (a line ---) even when the text would fit', () => {
    expect(splitThread('Teil eins.\n---\nTeil zwei.', BLUESKY)).toEqual(['Teil eins. (1/2)', 'Teil zwei. (2/2)']);
  });

  it('cuts a single over-long word by graphemes without breaking emoji', () => {
    const parts = splitThread('👩‍👩‍👧'.repeat(400), BLUESKY);
    expect(parts.length).toBe(2);
    for (const p of parts) expect(countText(p, BLUESKY.counting)).toBeLessThanOrEqual(300);
    expect(parts.join('')).toContain('👩‍👩‍👧');
  });
});
