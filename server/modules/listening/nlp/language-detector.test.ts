import { describe, expect, it } from 'vitest';
import { detectLanguage } from './language-detector.ts';

describe('detectLanguage', () => {
  it.each([
    ['de', 'Die Bundesregierung hat heute ein neues Gesetz zum Klimaschutz beschlossen.'],
    ['en', 'The city council approved the new budget for public transport yesterday.'],
    ['fr', 'Le conseil municipal a approuvé hier le nouveau budget des transports publics.'],
    ['es', 'El ayuntamiento aprobó ayer el nuevo presupuesto para el transporte público.'],
    ['it', 'Il consiglio comunale ha approvato ieri il nuovo bilancio per i trasporti pubblici.'],
    ['nl', 'De gemeenteraad heeft gisteren de nieuwe begroting voor het openbaar vervoer goedgekeurd.'],
    ['pl', 'Rada miasta zatwierdziła wczoraj nowy budżet na transport publiczny.'],
  ])('recognises a clear %s sentence', (lang, text) => {
    const guess = detectLanguage(text);
    expect(guess.lang).toBe(lang);
    expect(guess.confidence).toBeGreaterThan(0.5);
    expect(guess.confidence).toBeLessThanOrEqual(1);
  });

  it('ignores mentions and URLs', () => {
    expect(detectLanguage('@thecouncil https://example.org/news Wir freuen uns sehr auf das Sommerfest im Park').lang).toBe('de');
  });

  it.each(['', '   ', 'ok', '😍😍😍', '@user https://example.org'])('returns null for empty or too short text %j', (text) => {
    expect(detectLanguage(text)).toEqual({ lang: null, confidence: 0 });
  });
});
