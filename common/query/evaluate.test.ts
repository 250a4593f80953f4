import { describe, expect, it } from 'vitest';
import { analyzePost, type PostInput } from './analyze.ts';
import { matches } from './evaluate.ts';
import { parseQuery } from './query-parser.ts';

function hit(query: string, post: string | PostInput): boolean {
  const r = parseQuery(query);
  if (!r.ok) throw new Error(`test query does not parse: ${r.error.message}`);
  return matches(r.ast, analyzePost(typeof post === 'string' ? { text: post } : post));
}

describe('terms', () => {
  it('match whole tokens with German folding in both directions', () => {
    for (const q of ['Müller', 'mueller', 'MÜLLER']) {
      expect(hit(q, 'Frau Müller sagt')).toBe(true);
      expect(hit(q, 'Frau MUELLER sagt')).toBe(true);
    }
    expect(hit('strasse', 'Die Straße ist gesperrt')).toBe(true);
    expect(hit('Straße', 'die STRASSE')).toBe(true);
    expect(hit('cafe', 'Im Café')).toBe(true);
  });

  it('do not match inside longer words', () => {
    expect(hit('car', 'three cars')).toBe(false);
    expect(hit('car', 'a car!')).toBe(true);
    expect(hit('muller', 'Müller')).toBe(false);
  });

  it('match hashtags of the same word but not mentions or URLs', () => {
    expect(hit('klimaschutz', 'Mehr #Klimaschutz jetzt')).toBe(true);
    expect(hit('klimaschutz', 'an @klimaschutz')).toBe(false);
    expect(hit('klimaschutz', 'https://example.org/klimaschutz')).toBe(false);
    expect(hit('example', 'www.example.org')).toBe(false);
  });

  it('lower-case and/or/not are ordinary words', () => {
    expect(hit('salt and pepper', 'pepper and salt')).toBe(true);
    expect(hit('salt and pepper', 'salt, pepper')).toBe(false);
  });

  it('a split term such as covid-19 is a phrase', () => {
    expect(hit('covid-19', 'COVID 19 Zahlen')).toBe(true);
    expect(hit('covid-19', '19 covid')).toBe(false);
  });
});

describe('phrases', () => {
  it('match consecutive tokens with the same folding', () => {
    expect(hit('"klimaschutz gesetz"', 'Das Klimaschutz-Gesetz kommt')).toBe(true);
    expect(hit('"klimaschutz gesetz"', 'Das Klimaschutz neue Gesetz')).toBe(false);
    expect(hit('"grosse strasse"', 'GROẞE Straße')).toBe(true);
  });

  it('include hashtags but are broken by mentions and URLs', () => {
    expect(hit('"mehr klimaschutz"', 'mehr #Klimaschutz')).toBe(true);
    expect(hit('"mehr klimaschutz"', 'mehr @x klimaschutz')).toBe(false);
  });
});

describe('wildcards', () => {
  it('* matches zero or more characters within a token, ? exactly one', () => {
    expect(hit('*regierung', 'Die Bundesregierung')).toBe(true);
    expect(hit('*regierung', 'Die Regierung')).toBe(true);
    expect(hit('klima*', 'Klimawandel')).toBe(true);
    expect(hit('klima*', 'Das Klima')).toBe(true);
    expect(hit('m?ller', 'Möller')).toBe(false); // ö folds to "oe": two characters
    expect(hit('m??ller', 'Möller')).toBe(true);
    expect(hit('m?ller', 'Miller')).toBe(true);
    expect(hit('klima*', 'Weltklima')).toBe(false);
  });

  it('match hashtags but not mentions', () => {
    expect(hit('klima*', '#Klimaschutz')).toBe(true);
    expect(hit('klima*', '@klimaschutz')).toBe(false);
  });
});

describe('boolean operators', () => {
  const post = 'Die Bundesregierung plant ein Gesetz';
  it('AND, OR, NOT and - follow precedence NOT > AND > OR', () => {
    expect(hit('gesetz AND plant', post)).toBe(true);
    expect(hit('gesetz plant', post)).toBe(true);
    expect(hit('gesetz AND spam', post)).toBe(false);
    expect(hit('spam OR gesetz', post)).toBe(true);
    expect(hit('gesetz -plant', post)).toBe(false);
    expect(hit('gesetz NOT spam', post)).toBe(true);
    // (spam AND x) OR gesetz
    expect(hit('spam x OR gesetz', post)).toBe(true);
    // spam AND (x OR gesetz)
    expect(hit('spam (x OR gesetz)', post)).toBe(false);
    // (NOT spam) AND gesetz, not NOT (spam AND gesetz)
    expect(hit('NOT plant gesetz', post)).toBe(false);
  });
});

describe('proximity', () => {
  const post = 'eins zwei drei vier fünf';
  it('NEAR/n allows at most n tokens between, in any order', () => {
    expect(hit('eins NEAR/0 zwei', post)).toBe(true);
    expect(hit('zwei NEAR/0 eins', post)).toBe(true);
    expect(hit('eins NEAR/1 drei', post)).toBe(true);
    expect(hit('eins NEAR/0 drei', post)).toBe(false);
    expect(hit('fuenf NEAR/3 eins', post)).toBe(true);
    expect(hit('fuenf NEAR/2 eins', post)).toBe(false);
  });

  it('ONEAR/n requires the left operand first', () => {
    expect(hit('eins ONEAR/1 drei', post)).toBe(true);
    expect(hit('drei ONEAR/1 eins', post)).toBe(false);
  });

  it('measures the gap from the end of a phrase and accepts OR-groups and wildcards', () => {
    expect(hit('"eins zwei" NEAR/0 drei', post)).toBe(true);
    expect(hit('"eins zwei" ONEAR/0 vier', post)).toBe(false);
    expect(hit('(x OR vier) NEAR/0 drei', post)).toBe(true);
    expect(hit('fün* NEAR/0 vier', post)).toBe(true);
    expect(hit('#tag NEAR/0 eins', '#Tag eins')).toBe(true);
  });

  it('needs two separate occurrences for the same word', () => {
    expect(hit('eins NEAR/5 eins', post)).toBe(false);
    expect(hit('eins NEAR/5 eins', 'eins und eins')).toBe(true);
  });
});

describe('hashtags and mentions', () => {
  it('#tag matches only the hashtag, folded', () => {
    expect(hit('#klimaschutz', '#KLIMASCHUTZ jetzt')).toBe(true);
    expect(hit('#klimaschutz', 'Klimaschutz jetzt')).toBe(false);
    expect(hit('#strasse', '#Straße')).toBe(true);
  });

  it('@handle matches Bluesky handles exactly and a bare user on any Mastodon instance', () => {
    expect(hit('@bundesregierung.bsky.social', 'an @Bundesregierung.bsky.social.')).toBe(true);
    expect(hit('@bundesregierung', 'an @bundesregierung@social.bund.de')).toBe(true);
    expect(hit('@bundesregierung', 'an @bundesregierung')).toBe(true);
    expect(hit('@bundesregierung@social.bund.de', 'an @bundesregierung@mastodon.social')).toBe(false);
    expect(hit('@bundesregierung', 'an @bundesregierung.bsky.social')).toBe(false);
    expect(hit('@bundesregierung', 'die bundesregierung')).toBe(false);
  });
});

describe('fields', () => {
  const post: PostInput = {
    text: 'Lesen: https://news.Example.org/artikel/klima?ref=x',
    lang: 'de-AT',
    author: '@Anna@social.example',
    source: 'Mastodon',
    url: 'https://social.example/@anna/1',
    title: 'Neues Klimaschutz-Gesetz',
  };
  it.each([
    ['lang:de', true], ['lang:de-at', true], ['lang:en', false], ['lang:en|de', true],
    ['source:mastodon', true], ['source:bluesky', false],
    ['author:anna', true], ['author:@anna@social.example', true], ['author:anna@other.example', false], ['author:bob', false],
    ['site:example.org', true], ['site:news.example.org', true], ['site:www.example.org', true], ['site:ample.org', false],
    ['site:social.example', true],
    ['url:artikel/klima', true], ['url:ARTIKEL', true], ['url:nichts', false],
    ['title:klimaschutz', true], ['title:"klimaschutz gesetz"', true], ['title:klima*', true], ['title:lesen', false],
    ['klimaschutz', false], ['artikel', false], ['lesen', true],
  ])('%s → %s', (q, expected) => {
    expect(hit(q, post)).toBe(expected);
  });
});
