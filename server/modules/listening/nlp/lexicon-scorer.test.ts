import { describe, expect, it } from 'vitest';
import { compileLexicon } from './lexicon-lookup.ts';
import { scoreTokens } from './lexicon-scorer.ts';
import { germanLexicon } from './lexicon.de.ts';
import { englishLexicon } from './lexicon.en.ts';
import { tokenize } from './text-normalize.ts';

const de = compileLexicon(germanLexicon);
const en = compileLexicon(englishLexicon);
const scoreDe = (text: string): number => scoreTokens(tokenize(text), de).raw;
const scoreEn = (text: string): number => scoreTokens(tokenize(text), en).raw;

describe('lexicon rules', () => {
  it('flips negated words forwards and backwards (German verb-final negation)', () => {
    expect(scoreDe('Das ist gut')).toBeGreaterThan(0);
    expect(scoreDe('Das ist nicht gut')).toBeLessThan(0);
    expect(scoreDe('Das gefällt mir nicht')).toBeLessThan(0);
    expect(scoreEn('This is not good')).toBeLessThan(0);
  });

  it('reads fixed negated phrases as positive', () => {
    expect(scoreDe('Kein Problem')).toBeGreaterThan(0);
    expect(scoreEn('not bad')).toBeGreaterThan(0);
  });

  it('lets negation end at the clause boundary', () => {
    expect(scoreDe('Nicht heute, aber gut')).toBeGreaterThan(0);
  });

  it('scales words after intensifiers up and after downtoners down', () => {
    expect(scoreDe('sehr gut')).toBeGreaterThan(scoreDe('gut'));
    expect(scoreDe('etwas gut')).toBeLessThan(scoreDe('gut'));
    expect(scoreEn('extremely bad')).toBeLessThan(scoreEn('bad'));
    expect(scoreEn('slightly bad')).toBeGreaterThan(scoreEn('bad'));
  });

  it('weighs the part after "aber"/"but" more', () => {
    expect(scoreDe('Das Essen war gut, aber viel zu teuer und langweilig')).toBeLessThan(0);
    expect(scoreEn('The start was bad but the ending was great')).toBeGreaterThan(0);
  });

  it('matches folded spellings, inflections, stems and compounds', () => {
    expect(scoreDe('schön')).toBe(scoreDe('schoen'));
    expect(scoreDe('schönes')).toBeGreaterThan(0);
    expect(scoreDe('enttäuschend')).toBeLessThan(0);
    expect(scoreDe('Verkehrschaos')).toBeLessThan(0);
    expect(scoreEn('loved')).toBe(scoreEn('love'));
    expect(scoreEn('wind')).toBe(0);
  });

  it('counts emphasis: stretched words, capitals and exclamation marks', () => {
    expect(scoreDe('sooo guuut')).toBeGreaterThan(scoreDe('so gut'));
    expect(scoreDe('das ist TOLL')).toBeGreaterThan(scoreDe('das ist toll'));
    expect(scoreDe('toll!!!')).toBeGreaterThan(scoreDe('toll'));
  });

  it('scores hashtags, emoji and emoticons', () => {
    expect(scoreEn('#fail')).toBeLessThan(0);
    expect(scoreDe('#NichtGut')).toBeLessThan(0);
    expect(scoreDe('😍')).toBeGreaterThan(0);
    expect(scoreDe('😭')).toBeLessThan(0);
    expect(scoreDe(':-)')).toBeGreaterThan(0);
    expect(scoreDe(":'(")).toBeLessThan(0);
    expect(scoreTokens(tokenize('<3 :D'), undefined).raw).toBeGreaterThan(0);
  });

  it('gives factual text no sentiment', () => {
    expect(scoreDe('Die Sitzung beginnt um 10 Uhr im Rathaus.')).toBe(0);
    expect(scoreEn('The meeting starts at 10am in the town hall.')).toBe(0);
  });
});
