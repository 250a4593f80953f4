import { describe, expect, it } from 'vitest';
import { checkText, countGraphemes, countText, mastodonCountableText } from './text-count.ts';

const mastodon = { kind: 'mastodon', charactersReservedPerUrl: 23 } as const;

describe('text counting', () => {
  it('counts graphemes, not UTF-16 units or code points', () => {
    expect(countGraphemes('Grüße')).toBe(5);
    expect(countGraphemes('a\u0308')).toBe(1); // decomposed ä
    expect(countGraphemes('👩‍👩‍👧🇩🇪')).toBe(2);
    expect(countText('👍🏽'.repeat(300), { kind: 'graphemes' })).toBe(300);
  });

  it('counts every Mastodon URL as 23 characters, keeping trailing punctuation', () => {
    const long = 'https://www.stadtwerke-beispielstadt.de/aktuelles/2025/tag-der-offenen-tuer?utm_source=mastodon';
    expect(countText(`Mehr: ${long}.`, mastodon)).toBe('Mehr: '.length + 23 + 1);
    expect(countText('http://a.de', mastodon)).toBe(23);
    expect(countText('kein link: example.de', mastodon)).toBe(21);
  });

  it('counts remote mentions by their local part only', () => {
    expect(mastodonCountableText('Hallo @presse@social.bund.de!', 23)).toBe('Hallo @presse!');
    expect(countText('@presse@social.bund.de', mastodon)).toBe('@presse'.length);
    expect(countText('mail: info@example.de', mastodon)).toBe(21); // e-mail addresses are not mentions
  });

  it('adds the content warning to the Mastodon budget', () => {
    const limits = { maxLength: 10, counting: mastodon };
    expect(checkText('12345', limits, 'CW')).toMatchObject({ count: 7, remaining: 3, ok: true });
    expect(checkText('1234567890', limits, 'CW').ok).toBe(false);
  });
});
