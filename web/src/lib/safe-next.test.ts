import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('keeps in-app paths with their query', () => {
    expect(safeNext('/invitation?token=abc')).toBe('/invitation?token=abc');
    expect(safeNext('/team')).toBe('/team');
  });

  it('refuses other sites, protocol-relative URLs and login loops', () => {
    for (const bad of ['https://evil.example', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '/login/2fa', null, undefined, '']) {
      expect(safeNext(bad)).toBe('/');
    }
  });
});
