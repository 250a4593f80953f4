import { describe, expect, it } from 'vitest';
import { analyzePost, type PostInput } from './analyze.ts';
import type { QueryNode } from './ast.ts';
import { matches } from './evaluate.ts';
import { QueryIndex } from './query-index.ts';
import { parseQuery } from './query-parser.ts';

function ast(q: string): QueryNode {
  const r = parseQuery(q);
  if (!r.ok) throw new Error(`test query does not parse: ${r.error.message}`);
  return r.ast;
}

function indexOf(queries: Record<string, string>): QueryIndex {
  const index = new QueryIndex();
  for (const [id, q] of Object.entries(queries)) index.add(id, ast(q));
  return index;
}

const post = (p: string | PostInput) => analyzePost(typeof p === 'string' ? { text: p } : p);

describe('QueryIndex', () => {
  it('returns matching ids in the order the queries were added', () => {
    const index = indexOf({ b: 'klima*', a: 'gesetz', c: 'spam', d: 'bund OR gesetz' });
    expect(index.match(post('Das Klimagesetz und das Gesetz'))).toEqual(['b', 'a', 'd']);
  });

  it('finds queries through every kind of anchor', () => {
    const index = indexOf({
      word: 'müller', phrase: '"neues gesetz"', wild: '*regierung', tag: '#klima', mention: '@anna',
      author: 'author:bob', lang: 'lang:de', source: 'source:rss', site: 'site:example.org', url: 'url:artikel',
      title: 'title:eilmeldung', titleWild: 'title:eil*', near: 'bund NEAR/2 land',
    });
    expect(index.match(post('Frau Mueller'))).toEqual(['word']);
    expect(index.match(post('ein neues Gesetz'))).toEqual(['phrase']);
    expect(index.match(post('Die Bundesregierung'))).toEqual(['wild']);
    expect(index.match(post('#Klima'))).toEqual(['tag']);
    expect(index.match(post('hi @anna@social.example'))).toEqual(['mention']);
    expect(index.match(post({ text: 'x', author: 'Bob' }))).toEqual(['author']);
    expect(index.match(post({ text: 'x', lang: 'de' }))).toEqual(['lang']);
    expect(index.match(post({ text: 'x', source: 'RSS' }))).toEqual(['source']);
    expect(index.match(post({ text: 'x', url: 'https://blog.example.org/artikel/1' }))).toEqual(['site', 'url']);
    expect(index.match(post({ text: 'x', title: 'Eilmeldung!' }))).toEqual(['title', 'titleWild']);
    expect(index.match(post('Bund und Land'))).toEqual(['near']);
  });

  it('evaluates candidates exactly: an anchor alone is not a match', () => {
    const index = indexOf({ q: 'bundesregierung AND klima* AND NOT spam' });
    expect(index.match(post('Die Bundesregierung'))).toEqual([]);
    expect(index.match(post('Die Bundesregierung und das Klima'))).toEqual(['q']);
    expect(index.match(post('Die Bundesregierung und das Klima spam'))).toEqual([]);
  });

  it('removes queries and replaces a query added again under the same id', () => {
    const index = indexOf({ a: 'klima*', b: 'klima*', c: 'gesetz' });
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.match(post('Klima Gesetz'))).toEqual(['b', 'c']);
    index.remove('b');
    expect(index.match(post('Klima Gesetz'))).toEqual(['c']);
    index.add('c', ast('spam'));
    expect(index.match(post('Klima Gesetz'))).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('gives the same answer when a post is matched twice or also evaluated naively', () => {
    const index = indexOf({ a: 'klima* NEAR/1 gesetz', b: 'stra?e' });
    const p = post('Klimaschutz Gesetz in der Strase');
    expect(index.match(p)).toEqual(['a', 'b']);
    expect(index.match(p)).toEqual(['a', 'b']);
  });

  it('supports non-string ids', () => {
    const index = new QueryIndex<number>();
    index.add(7, ast('klima'));
    expect(index.match(post('klima'))).toEqual([7]);
  });
});

describe('QueryIndex with the shared term table', () => {
  it('matches a post analysed before the term table rotated (the post is analysed again)', async () => {
    const { terms } = await import('./term-table.ts');
    const index = indexOf({ a: 'klima* NEAR/2 gesetz', b: '"neues gesetz"', c: '#wahl OR @anna' });
    const early = post('Ein neues Gesetz zum Klimaschutz gesetz, #Wahl, @anna@social.example');
    const saved = terms.capacity;
    try {
      terms.capacity = 0;
      // The next analysis rotates: every unpinned id (most words of `early`) is dropped and reused.
      const other = post('völlig andere Wörter hier');
      expect(terms.generation).toBeGreaterThan(early.generation);
      expect(index.match(other)).toEqual([]);
      expect(index.match(early)).toEqual(['a', 'b', 'c']);
    } finally {
      terms.capacity = saved;
    }
  });

  it('keeps matching correctly after many queries were added and removed (program pool compaction)', () => {
    const index = new QueryIndex<number>();
    const live = new Map<number, QueryNode>();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 400; i++) {
        const q = ast(i % 2 === 0 ? `wort${i} OR "runde ${round}"` : `wort${i} AND NOT spam`);
        index.add(i, q);
        // Adding under an existing id replaces the query and moves it to the end of the order.
        live.delete(i);
        live.set(i, q);
      }
      for (let i = round; i < 400; i += 3) {
        index.remove(i);
        live.delete(i);
      }
    }
    expect(index.size).toBe(live.size);
    for (const text of ['wort4 runde 4', 'wort7 und wort8', 'runde 3', 'wort9 spam', 'wort399']) {
      const p = post(text);
      const expected = [...live.entries()].filter(([, q]) => matches(q, p)).map(([id]) => id);
      expect(index.match(p)).toEqual(expected);
    }
    expect(index.match(post('runde 4')).length).toBeGreaterThan(100);
  });
});
