import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText } from './fold.ts';

describe('foldText', () => {
  it('folds German umlauts and ß so that Müller, mueller and MÜLLER are one word', () => {
    expect(foldText('Müller')).toBe('mueller');
    expect(foldText('MÜLLER')).toBe('mueller');
    expect(foldText('mueller')).toBe('mueller');
    expect(foldText('Straße')).toBe('strasse');
    expect(foldText('STRAẞE')).toBe('strasse');
    expect(foldText('Ärger Öl Übel')).toBe('aerger oel uebel');
  });

  it('treats a decomposed umlaut (u + combining diaeresis) like the composed one', () => {
    expect(foldText('Mu\u0308ller')).toBe('mueller');
  });

  it('removes other diacritics and compatibility forms', () => {
    expect(foldText('Café Ñandú')).toBe('cafe nandu');
    expect(foldText('ﬁne')).toBe('fine');
    expect(foldText('Ｂｕｎｄ')).toBe('bund');
  });

  it('removes invisible characters such as the soft hyphen', () => {
    expect(foldText('Bundes\u00adregierung')).toBe('bundesregierung');
  });

  it('unifies typographic apostrophes', () => {
    expect(foldText('don’t')).toBe("don't");
  });

  it('keeps marks that change letters of other scripts', () => {
    expect(foldText('です')).toBe('です');
  });

  it('is idempotent on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => foldText(foldText(s)) === foldText(s)), { numRuns: 500 });
  });
});
