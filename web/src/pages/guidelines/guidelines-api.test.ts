import { describe, expect, it } from 'vitest';
import { pickGuideline, withoutTitle, type Guideline } from './guidelines-api.ts';

const g = (id: string, language: 'de' | 'en', currentVersion: number | null): Guideline => ({
  id, language, currentVersion, title: 't', body: 'b', publishedAt: null, acknowledged: false, draft: null,
});

describe('pickGuideline', () => {
  it('prefers the published guideline in the UI language', () => {
    expect(pickGuideline([g('a', 'de', 1), g('b', 'en', 2)], 'en')?.id).toBe('b');
  });
  it('falls back to another published language and skips drafts', () => {
    expect(pickGuideline([g('a', 'en', null), g('b', 'de', 1)], 'en')?.id).toBe('b');
  });
  it('returns null when nothing is published', () => {
    expect(pickGuideline([g('a', 'de', null)], 'de')).toBeNull();
  });
});

describe('withoutTitle', () => {
  it('drops an opening heading that repeats the title', () => {
    expect(withoutTitle('# Leitfaden\n\nText', 'Leitfaden')).toBe('\nText');
  });
  it('keeps other openings', () => {
    expect(withoutTitle('# Anderes\n\nText', 'Leitfaden')).toBe('# Anderes\n\nText');
    expect(withoutTitle('Text', 'Leitfaden')).toBe('Text');
  });
});
