import { describe, expect, it } from 'vitest';
import { BuiltinSentimentAnalyzer } from './builtin-analyzer.ts';
import { createAnalyzer } from './sentiment-analyzer.ts';

const analyzer = createAnalyzer();
const rules = createAnalyzer({ kind: 'builtin', mode: 'lexicon' });

describe('built-in sentiment analyzer', () => {
  it.each([
    ['de', 'Das Essen war gut', 'positive'],
    ['de', 'Das Essen war nicht gut', 'negative'],
    ['de', 'Das gefällt mir nicht', 'negative'],
    ['de', 'Kein Problem, mache ich gerne', 'positive'],
    ['en', 'I love it', 'positive'],
    ['en', 'I do not love it', 'negative'],
    ['en', 'not bad at all', 'positive'],
    ['en', 'no problem', 'positive'],
  ] as const)('handles negation (%s) %j → %s', async (lang, text, sentiment) => {
    expect((await analyzer.analyze(text, lang)).sentiment).toBe(sentiment);
    expect((await rules.analyze(text, lang)).sentiment).toBe(sentiment);
  });

  it('scores intensified words higher', async () => {
    expect((await rules.analyze('Das ist sehr schön', 'de')).score).toBeGreaterThan((await rules.analyze('Das ist schön', 'de')).score);
    expect((await analyzer.analyze('Das ist sehr schön', 'de')).score).toBeGreaterThan((await analyzer.analyze('Das ist schön', 'de')).score);
  });

  it('treats folded and unfolded German spellings alike', async () => {
    expect(await analyzer.analyze('Das ist schoen', 'de')).toEqual(await analyzer.analyze('Das ist schön', 'de'));
    expect(await analyzer.analyze('Grosse Freude', 'de')).toEqual(await analyzer.analyze('Große Freude', 'de'));
  });

  it.each([
    ['de', 'Heute 😍', 'positive'],
    ['de', 'Heute 😡', 'negative'],
    ['de', 'Heute :(', 'negative'],
    ['en', 'Today 😭', 'negative'],
    ['en', 'What a day 😍😍', 'positive'],
  ] as const)('reads emoji and emoticons (%s) %j → %s', async (lang, text, sentiment) => {
    expect((await analyzer.analyze(text, lang)).sentiment).toBe(sentiment);
  });

  it('reads hashtags and stretched words', async () => {
    expect((await analyzer.analyze('Wieder mal Verspätung #fail', 'de')).sentiment).toBe('negative');
    expect((await analyzer.analyze('sooo guuut', 'de')).sentiment).toBe('positive');
  });

  it.each([
    ['de', 'Die Sitzung beginnt um 10 Uhr im Rathaus.'],
    ['de', 'Der Bus kommt um 8 Uhr.'],
    ['en', 'The meeting starts at 10am in the town hall.'],
    ['en', 'The bus leaves at 8.'],
  ] as const)('keeps factual text neutral (%s) %j', async (lang, text) => {
    expect((await analyzer.analyze(text, lang)).sentiment).toBe('neutral');
    expect((await rules.analyze(text, lang)).sentiment).toBe('neutral');
  });

  it('returns neutral 0 for empty input', async () => {
    expect(await analyzer.analyze('', 'de')).toEqual({ sentiment: 'neutral', score: 0 });
    expect(await analyzer.analyze('   ', null)).toEqual({ sentiment: 'neutral', score: 0 });
  });

  it('keeps scores in [-1, 1] and their sign in line with the label', async () => {
    for (const text of ['Das ist der absolut allerbeste Tag!!! 😍😍 <3', 'SCHEISSE!!! Alles kaputt 😡😡 #fail', 'Der Bus kommt.']) {
      const r = await analyzer.analyze(text, 'de');
      expect(Math.abs(r.score)).toBeLessThanOrEqual(1);
      if (r.sentiment === 'positive') expect(r.score).toBeGreaterThan(0);
      if (r.sentiment === 'negative') expect(r.score).toBeLessThan(0);
    }
  });

  it('detects the language when none is given', async () => {
    expect((await analyzer.analyze('Das ist wirklich nicht gut, ich bin enttäuscht', null)).sentiment).toBe('negative');
  });

  it('falls back to emoji for languages without a word list', async () => {
    const sync = new BuiltinSentimentAnalyzer({ mode: 'model' });
    expect(sync.analyzeSync('Bonne journée 😍', 'fr').sentiment).toBe('positive');
    expect(sync.analyzeSync('Le bus arrive à 8 heures', 'fr').sentiment).toBe('neutral');
  });
});

describe('createAnalyzer', () => {
  it('fails loudly for a missing ONNX model instead of silently using the built-in analyzer', async () => {
    await expect(createAnalyzer({ kind: 'onnx', modelDir: '/models/x' }).analyze('gut', 'de')).rejects.toThrow(/sentiment model \/models\/x: not a directory/);
  });
});
