import { describe, expect, it } from 'vitest';
import { analyzePost, type PostInput } from './analyze.ts';
import type { QueryNode } from './ast.ts';
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
