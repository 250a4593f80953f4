import { describe, expect, it } from 'vitest';
import { tokenize } from './tokenizer.ts';

const show = (text: string): string[] => tokenize(text).map((t) => `${t.kind}:${t.value}`);

describe('tokenize', () => {
  it('splits on Unicode word boundaries and folds words', () => {
    expect(show('Die Straße, der MÜLLER!')).toEqual(['word:die', 'word:strasse', 'word:der', 'word:mueller']);
  });

  it('keeps apostrophes, decimal numbers and dotted abbreviations inside words (UAX #29)', () => {
    expect(show("don't 3,5 1.000,50 e.g. foo_bar")).toEqual(['word:don\'t', 'word:3,5', 'word:1.000,50', 'word:e.g', 'word:foo_bar']);
  });

  it('splits at hyphens and slashes', () => {
    expect(show('Klima-Schutz und/oder')).toEqual(['word:klima', 'word:schutz', 'word:und', 'word:oder']);
  });

  it('agrees with Intl.Segmenter on word-like segments of ordinary German and English text', () => {
    const seg = new Intl.Segmenter('de', { granularity: 'word' });
    const texts = [
      'Die Bundesregierung hat am 3.5.2024 ein neues Klimaschutz-Gesetz beschlossen, sagt Müller’s Team.',
      "I can't believe it's 10:30 already... e.g. the U.S. team scored 2,5 points!",
      'Ärger über Öl-Preise: Straßen gesperrt (Foto) — „Wahnsinn“',
    ];
    for (const text of texts) {
      const expected = [...seg.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment);
      expect(tokenize(text).map((t) => text.slice(t.start, t.end))).toEqual(expected);
    }
  });

  it('recognises hashtags, folded, but not numbers after #', () => {
    expect(show('#Klimaschutz jetzt #1')).toEqual(['hashtag:klimaschutz', 'word:jetzt', 'word:1']);
  });

  it('does not start a hashtag inside a word', () => {
    expect(show('C#sharp')).toEqual(['word:c', 'word:sharp']);
  });

  it('recognises Bluesky handles with dots and Mastodon user@instance mentions', () => {
    expect(show('Hallo @bundesregierung.bsky.social und @Anna@social.bund.de.')).toEqual([
      'word:hallo', 'mention:bundesregierung.bsky.social', 'word:und', 'mention:anna@social.bund.de',
    ]);
  });

  it('does not treat an e-mail address as a mention', () => {
    expect(show('info@example.org')).toEqual(['word:info', 'word:example.org']);
  });

  it('recognises URLs with and without scheme and leaves trailing punctuation outside', () => {
    expect(show('Siehe https://www.Example.org/a_(b)?x=1. und (www.test.de)')).toEqual([
      'word:siehe', 'url:https://www.example.org/a_(b)?x=1', 'word:und', 'url:www.test.de',
    ]);
  });

  it('reports offsets into the original text', () => {
    const [t] = tokenize('  #Tag');
    expect(t).toEqual({ kind: 'hashtag', value: 'tag', start: 2, end: 6 });
  });

  it('ignores emoji and keeps words joined by invisible characters', () => {
    expect(show('❤️ super👍🏽 Bundes\u00adregierung')).toEqual(['word:super', 'word:bundesregierung']);
  });
});
