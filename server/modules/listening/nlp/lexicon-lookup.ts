/**
 * Turns a written word list (`lexicon.de.ts`, `lexicon.en.ts`) into fast lookups: exact words,
 * two-word entries, stems, inflection endings and — for German — compound heads and tails.
 */
import type { LanguageLexicon } from './lexicon-types.ts';
import { foldText, squeezeAll } from './text-normalize.ts';

export interface CompiledLexicon {
  /** Sentiment weight of a folded word, or 0. */
  weight(word: string): number;
  /** Weight of the two-word entry `a_b`, or 0. */
  bigram(a: string, b: string): number;
  isNegator(word: string): boolean;
  isContrast(word: string): boolean;
  /** Multiplier of an intensifier/downtoner, or undefined. */
  modifier(word: string): number | undefined;
}

const MIN_BASE = 3;
// German compounds: only heads/tails this long count, so `gut` does not fire inside `Gutachten`.
const MIN_COMPOUND_PART = 5;
const CACHE_LIMIT = 50_000;

function words(list: string): string[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => foldText(w));
}

/** Compiles a word list; every lookup is memoised per compiled lexicon. */
export function compileLexicon(lex: LanguageLexicon): CompiledLexicon {
  const exact = new Map<string, number>();
  const stems = new Map<string, number>();
  const bigrams = new Map<string, number>();
  for (const [weight, list] of Object.entries(lex.weights)) {
    for (const w of words(list)) {
      if (w.endsWith('*')) stems.set(w.slice(0, -1), Number(weight));
      else if (w.includes('_')) bigrams.set(w, Number(weight));
      else exact.set(w, Number(weight));
    }
  }
  const negators = new Set(words(lex.negators));
  const contrasts = new Set(words(lex.contrasts));
  const modifiers = new Map<string, number>();
  for (const [factor, list] of Object.entries(lex.intensifiers)) for (const w of words(list)) modifiers.set(w, Number(factor));
  const cache = new Map<string, number>();

  const stemOf = (word: string): number | undefined => {
    for (let len = word.length; len >= 4; len--) {
      const w = stems.get(word.slice(0, len));
      if (w !== undefined) return w;
    }
    return undefined;
  };

  const inflected = (word: string): number | undefined => {
    const direct = exact.get(word) ?? stemOf(word);
    if (direct !== undefined) return direct;
    for (const ending of lex.endings) {
      if (!word.endsWith(ending)) continue;
      const base = word.slice(0, -ending.length);
      // `wind` is not `win` + `d`: a bare -d only follows a silent e (`loved`).
      if (base.length < MIN_BASE || (ending === 'd' && !base.endsWith('e'))) continue;
      const w = exact.get(base);
      if (w !== undefined) return w;
    }
    return undefined;
  };

  const compound = (word: string): number | undefined => {
    // The tail decides a German compound's meaning (`Verkehrschaos`), the head often its tone
    // (`Scheißwetter`, `Traumtag`).
    for (let start = 1; word.length - start >= MIN_COMPOUND_PART; start++) {
      const w = inflected(word.slice(start));
      if (w !== undefined) return w;
    }
    for (let len = word.length - 3; len >= MIN_COMPOUND_PART; len--) {
      const w = exact.get(word.slice(0, len));
      if (w !== undefined) return w;
    }
    return undefined;
  };

  const compute = (word: string): number => {
    if (negators.has(word)) return 0;
    const w = inflected(word) ?? inflected(squeezeAll(word)) ?? (lex.suffixMatch ? compound(word) : undefined);
    return w ?? 0;
  };

  return {
    weight(word) {
      let w = cache.get(word);
      if (w === undefined) {
        if (cache.size >= CACHE_LIMIT) cache.clear();
        w = compute(word);
        cache.set(word, w);
      }
      return w;
    },
    bigram: (a, b) => bigrams.get(`${a}_${b}`) ?? 0,
    isNegator: (word) => negators.has(word),
    isContrast: (word) => contrasts.has(word),
    modifier: (word) => modifiers.get(word),
  };
}
