import { describe, expect, it } from 'vitest';
import { linkify, toAppPath } from './linkify.ts';

describe('linkify', () => {
  it('splits text into text and link parts, leaving sentence punctuation outside', () => {
    expect(linkify('Öffnen Sie http://localhost:3000/invitation?token=abc_12. Danke')).toEqual([
      { kind: 'text', text: 'Öffnen Sie ' },
      { kind: 'link', href: 'http://localhost:3000/invitation?token=abc_12' },
      { kind: 'text', text: '. Danke' },
    ]);
  });

  it('keeps text without links as one part and finds several links', () => {
    expect(linkify('Hallo')).toEqual([{ kind: 'text', text: 'Hallo' }]);
    expect(linkify('a https://x.example/1 b https://y.example/2').filter((p) => p.kind === 'link')).toHaveLength(2);
  });

  it('maps same-origin links to app paths and leaves others alone', () => {
    expect(toAppPath('http://127.0.0.1:3000/reset-password?token=t#x', 'http://127.0.0.1:3000')).toBe('/reset-password?token=t#x');
    expect(toAppPath('https://evil.example/reset-password', 'http://127.0.0.1:3000')).toBeNull();
    expect(toAppPath('not a url', 'http://127.0.0.1:3000')).toBeNull();
  });
});
