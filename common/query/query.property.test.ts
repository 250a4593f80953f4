import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzePost, type PostInput } from './analyze.ts';
import { matches } from './evaluate.ts';
import { QueryIndex } from './query-index.ts';
import { formatQuery } from './query-format.ts';
import { parseQuery } from './query-parser.ts';
import { terms } from './term-table.ts';
import { tokenize } from './tokenizer.ts';

const WORDS = ['müller', 'mueller', 'Straße', 'strasse', 'klima', 'klimaschutz', 'gesetz', 'bund', 'car', 'cars', 'eins', 'zwei', 'and'];
const LEAVES = [
  ...WORDS, '"klima gesetz"', '"eins zwei eins"', 'klima*', '*gesetz', 'stra?se', 'kli*utz', 'car?', 'c?rs',
  '#klima', '#Klimaschutz', '@anna', '@anna@social.example', '@bob.bsky.social',
  'lang:de', 'lang:en|de', 'source:bluesky', 'site:example.org', 'author:anna', 'url:example.org/a', 'title:klima', 'title:"neues gesetz"', 'title:geset*',
];
const PROX = ['klima', 'gesetz', '"eins zwei"', 'klima*', '#klima', '@anna', '(bund OR zwei*)'];

const leaf = fc.constantFrom(...LEAVES);
const queryText: fc.Arbitrary<string> = fc.letrec<{ q: string }>((tie) => ({
  q: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('q'), fc.constantFrom(' AND ', ' OR ', ' ', ' NOT ', ' -'), tie('q')).map(([a, op, b]) => `${a}${op}${b}`),
    tie('q').map((q) => `(${q})`),
    fc.tuple(fc.constantFrom(...PROX), fc.constantFrom('NEAR', 'ONEAR'), fc.nat(4), fc.constantFrom(...PROX))
      .map(([a, op, n, b]) => `${a} ${op}/${n} ${b}`),
  ),
})).q;

const postText = fc
  .array(fc.oneof(fc.constantFrom(...WORDS), fc.constantFrom('#Klima', '#klimaschutz', '@anna', '@anna@social.example', '@bob.bsky.social', 'https://example.org/a', 'KLIMA-Gesetz', 'Bundesgesetz', 'Straßenbau', '!', ',')), { maxLength: 12 })
  .map((w) => w.join(' '));
const post: fc.Arbitrary<PostInput> = fc.record({
  text: postText,
  lang: fc.constantFrom(undefined, 'de', 'en', 'de-AT'),
  author: fc.constantFrom(undefined, 'anna', 'anna@social.example', 'bob'),
  source: fc.constantFrom(undefined, 'bluesky', 'rss'),
  url: fc.constantFrom(undefined, 'https://www.example.org/a/b', 'https://other.net'),
  title: fc.constantFrom(undefined, 'Neues Gesetz', 'Klima heute'),
});

describe('properties', () => {
  it('the parser never throws on arbitrary input and always returns a value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const r = parseQuery(s);
        return r.ok || (r.error.column >= 1 && r.error.column <= s.length + 1 && r.error.message !== '');
      }),
      { numRuns: 2000 },
    );
  });

  it('the parser never throws on inputs made of query syntax', () => {
    const piece = fc.constantFrom('(', ')', '"', 'AND', 'OR', 'NOT', '-', 'NEAR/2', 'ONEAR/', ' ', 'a', 'ab*', '#', '@', 'lang:', 'title:', 'x:', '*', '?', 'Müller');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
      const r = parseQuery(parts.join(''));
      return typeof r.ok === 'boolean';
    }), { numRuns: 3000 });
  });

  it('the tokenizer and matcher never throw on arbitrary text', () => {
    const q = parseQuery('klima* OR "a b" OR #x OR @y OR site:example.org OR url:x OR title:zen*');
    if (!q.ok) throw new Error('fixture');
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
      tokenize(s);
      return typeof matches(q.ast, analyzePost({ text: s, title: s, url: s, author: s, lang: s })) === 'boolean';
    }), { numRuns: 1000 });
  });

  it('handles long adversarial inputs (linear time; the test timeout is the guard)', () => {
    expect(parseQuery('a '.repeat(100_000)).ok).toBe(true);
    expect(parseQuery('"'.repeat(100_001)).ok).toBe(false);
    expect(parseQuery('(a '.repeat(30_000)).ok).toBe(false);
    expect(parseQuery(`${'*a'.repeat(50_000)}bbb`).ok).toBe(true);
    tokenize('#'.repeat(100_000) + '@'.repeat(100_000) + 'a.'.repeat(100_000));
  });

  it('the canonical form parses back to the same tree', () => {
    fc.assert(fc.property(queryText, (q) => {
      const r = parseQuery(q);
      if (!r.ok) return true;
      const again = parseQuery(formatQuery(r.ast));
      expect(again.ok && again.ast).toEqual(r.ast);
      return true;
    }), { numRuns: 500 });
  });

  it('the indexed matcher agrees with the naive evaluator while the term table rotates after almost every post', () => {
    const saved = terms.capacity;
    terms.capacity = 3;
    try {
      fc.assert(fc.property(fc.array(queryText, { minLength: 1, maxLength: 10 }), fc.array(post, { minLength: 1, maxLength: 6 }), (queries, posts) => {
        const index = new QueryIndex<number>();
        const asts = queries.map((q) => parseQuery(q));
        asts.forEach((r, i) => r.ok && index.add(i, r.ast));
        // Analyse all posts first, so that later ones rotate the table under the earlier ones.
        const analysed = posts.map((p) => analyzePost(p));
        analysed.forEach((a, k) => {
          const expected = asts.flatMap((r, i) => (r.ok && matches(r.ast, analyzePost(posts[k]!)) ? [i] : []));
          expect(index.match(a)).toEqual(expected);
        });
        asts.forEach((r, i) => r.ok && index.remove(i));
      }), { numRuns: 150 });
    } finally {
      terms.capacity = saved;
    }
  });

  it('the indexed matcher returns exactly what the naive evaluator returns', () => {
    // Counters guard against a generator that silently produces only invalid queries or no hits.
    let parsed = 0;
    let total = 0;
    let hits = 0;
    fc.assert(fc.property(fc.array(queryText, { minLength: 1, maxLength: 25 }), fc.array(post, { minLength: 1, maxLength: 10 }), (queries, posts) => {
      const index = new QueryIndex<number>();
      const asts = queries.map((q) => parseQuery(q));
      asts.forEach((r, i) => r.ok && index.add(i, r.ast));
      total += asts.length;
      parsed += asts.filter((r) => r.ok).length;
      for (const p of posts) {
        const expected = asts.flatMap((r, i) => (r.ok && matches(r.ast, analyzePost(p)) ? [i] : []));
        hits += expected.length;
        expect(index.match(analyzePost(p))).toEqual(expected);
      }
    }), { numRuns: 400 });
    expect(parsed / total).toBeGreaterThan(0.6);
    expect(hits).toBeGreaterThan(500);
  });
});
