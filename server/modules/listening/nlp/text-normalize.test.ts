import { describe, expect, it } from 'vitest';
import { foldText, splitHashtag, squeezeRuns, tokenize } from './text-normalize.ts';

describe('foldText', () => {
  it('folds German umlauts and ß so that spellings without them match', () => {
    expect(foldText('Müller')).toBe('mueller');
    expect(foldText('MÜLLER')).toBe(foldText('mueller'));
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('schön')).toBe('schoen');
    expect(foldText('Café')).toBe('cafe');
  });
});

describe('tokenize', () => {
  it('keeps hashtags, mentions, URLs, emoji and emoticons apart from words', () => {
    const kinds = tokenize('Super @user #Fail http://x.de/a 😍 :-) !').map((t) => `${t.kind}:${t.norm}`);
    expect(kinds).toEqual(['word:super', 'mention:USER', 'hashtag:fail', 'url:URL', 'emoji:😍', 'emoticon::-)', 'punct:!']);
  });

  it('squeezes stretched words and marks them', () => {
    const [so, gut] = tokenize('sooo guuuut');
    expect(so).toMatchObject({ norm: 'soo', elongated: true });
    expect(gut).toMatchObject({ norm: 'guut', elongated: true });
    expect(squeezeRuns('cool')).toBe('cool');
  });

  it('marks a word in capitals as shouted only when the post is not all capitals', () => {
    expect(tokenize('das ist SCHÖN')[2]?.shouted).toBe(true);
    expect(tokenize('DAS IST SCHÖN')[2]?.shouted).toBe(false);
  });

  it('does not read a colon before a capital letter as an emoticon', () => {
    expect(tokenize('Achtung:Das').map((t) => t.kind)).toEqual(['word', 'punct', 'word']);
  });

  it('decodes HTML entities so &lt;3 is a heart', () => {
    expect(tokenize('&lt;3')[0]).toMatchObject({ kind: 'emoticon', norm: '<3' });
  });

  it('splits camel-cased hashtags into folded words', () => {
    expect(splitHashtag('#NichtMeinKönig')).toEqual(['nicht', 'mein', 'koenig']);
  });
});
