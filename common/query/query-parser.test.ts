import { describe, expect, it } from 'vitest';
import { parseQuery } from './query-parser.ts';
import { formatQuery } from './query-format.ts';

/** Canonical form, or `error N: message` — compact for table tests. */
function check(q: string): string {
  const r = parseQuery(q);
  return r.ok ? formatQuery(r.ast) : `error ${r.error.column}: ${r.error.message}`;
}

describe('parseQuery: syntax', () => {
  it.each([
    ['Müller -spam', 'mueller AND NOT spam'],
    ['a b c', 'a AND b AND c'],
    ['a AND b OR c', '(a AND b) OR c'],
    ['a OR b AND c', 'a OR (b AND c)'],
    ['NOT a b', 'NOT a AND b'],
    ['a NOT b OR c', '(a AND NOT b) OR c'],
    ['(a OR b) c', '(a OR b) AND c'],
    ['((a))', 'a'],
    ['(a AND b) AND (c AND d)', 'a AND b AND c AND d'],
    ['a and b or not c', 'a AND and AND b AND or AND not AND c'],
    ['"Klimaschutz  Gesetz"', '"klimaschutz gesetz"'],
    ['"Klimaschutz"', 'klimaschutz'],
    ['covid-19', '"covid 19"'],
    ['*Regierung', '*regierung'],
    ['Stra?e', 'stra?e'],
    ['Straß**', 'strass*'],
    ['#Klimaschutz', '#klimaschutz'],
    ['@Bundesregierung.bsky.social', '@bundesregierung.bsky.social'],
    ['@user@Social.Example', '@user@social.example'],
    ['a NEAR/3 b', 'a NEAR/3 b'],
    ['"a b" ONEAR/0 (c OR d*ef OR #x)', '"a b" ONEAR/0 (c OR d*ef OR #x)'],
    ['NOT a NEAR/2 b c', 'NOT a NEAR/2 b AND c'],
    ['lang:DE|en source:Bluesky', 'lang:de|en AND source:bluesky'],
    ['site:https://www.Example.org/pfad', 'site:example.org'],
    ['author:@Anna url:"example.org/a b"', 'author:anna AND url:"example.org/a b"'],
    ['title:"neues gesetz" OR title:Klima*', 'title:"neues gesetz" OR title:klima*'],
    ['"k:a"', '"k:a"'],
  ])('%s → %s', (q, expected) => {
    expect(check(q)).toBe(expected);
  });
});

describe('parseQuery: errors carry a 1-based column', () => {
  it.each([
    ['', 'error 1: empty query'],
    ['   ', 'error 1: empty query'],
    ['(a OR b', "error 1: unbalanced parentheses: '(' is never closed"],
    ['a OR (b', "error 6: unbalanced parentheses: '(' is never closed"],
    ['a) b', "error 2: unbalanced parentheses: unexpected ')'"],
    ['()', 'error 1: empty parentheses'],
    ['a AND', "error 3: dangling operator 'AND'"],
    ['AND a', "error 1: dangling operator 'AND'"],
    ['a OR', "error 3: dangling operator 'OR'"],
    ['a AND OR b', "error 3: dangling operator 'AND'"],
    ['(a OR) b', "error 4: dangling operator 'OR'"],
    ['a NOT', "error 3: dangling operator 'NOT'"],
    ['a - b', "error 3: dangling operator '-'"],
    ['a NEAR/2', "error 3: dangling operator 'NEAR/2'"],
    ['NEAR/2 a', "error 1: dangling operator 'NEAR/2'"],
    ['foo:bar', "error 1: unknown field 'foo'"],
    ['a Autor:x', "error 3: unknown field 'Autor'"],
    ['lang:', "error 1: field 'lang' needs a value"],
    ['a NEAR b', 'error 3: NEAR without a number: write NEAR/n with n from 0 to 50'],
    ['a ONEAR/x b', 'error 3: ONEAR without a number: write ONEAR/n with n from 0 to 50'],
    ['a NEAR/51 b', 'error 3: NEAR distance must be between 0 and 50'],
    ['*a', "error 1: wildcard '*a' is too short: keep at least 3 literal characters"],
    ['x ab?', "error 3: wildcard 'ab?' is too short: keep at least 3 literal characters"],
    ['NOT spam', 'error 1: query is only negative: every alternative needs a term that must match'],
    ['-spam -werbung', 'error 1: query is only negative: every alternative needs a term that must match'],
    ['a OR NOT b', 'error 6: query is only negative: every alternative needs a term that must match'],
    ['"a b', 'error 1: unterminated phrase: missing closing quote'],
    ['"a* b"', 'error 1: wildcards are not allowed inside a phrase'],
    ['a NEAR/2 b NEAR/2 c', 'error 12: NEAR/2 cannot be chained; combine proximity conditions with AND'],
    ['(a b) NEAR/2 c', 'error 1: NEAR/2 operands must be terms, phrases, wildcards, hashtags, mentions or OR-groups of these'],
    ['a NEAR/2 lang:de', 'error 10: NEAR/2 operands must be terms, phrases, wildcards, hashtags, mentions or OR-groups of these'],
    ['www.example.org', 'error 1: a term cannot contain a URL; search links with url: or site:'],
    ['x !!!', 'error 3: a term contains no letters or digits'],
    ['#', "error 1: invalid hashtag '#'"],
    ['klima-*', "error 1: wildcard 'klima-*' must be a single word"],
  ])('%j → %s', (q, expected) => {
    expect(check(q)).toBe(expected);
  });

  it('accepts NEAR/0 and NEAR/50 as the bounds', () => {
    expect(check('a NEAR/0 b')).toBe('a NEAR/0 b');
    expect(check('a NEAR/50 b')).toBe('a NEAR/50 b');
  });

  it('allows negation when another part is positive', () => {
    expect(check('a AND (NOT b OR NOT c)')).toBe('a AND (NOT b OR NOT c)');
  });

  it('reports deep nesting as an error instead of overflowing the stack', () => {
    const deep = `${'('.repeat(50_000)}a${')'.repeat(50_000)}`;
    const r = parseQuery(deep);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/nested too deeply/);
    expect(parseQuery(`${'NOT '.repeat(50_000)}a b`).ok).toBe(false);
  });

  it('parses a query of many thousand terms', () => {
    const r = parseQuery(Array.from({ length: 20_000 }, (_, i) => `w${i}`).join(' OR '));
    expect(r.ok && r.ast.type === 'or' && r.ast.children.length).toBe(20_000);
  });
});
