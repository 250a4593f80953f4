/**
 * The built-in analyzer: our own German and English word lists scored by rules
 * (`lexicon-scorer.ts`), combined with a small logistic regression trained on the train split of
 * the SB-10k (German) and SemEval-2017 (English) tweet sets; it learns how far to trust the
 * lexicon and adds word evidence. Needs no download. Other languages get emoji and emoticons only.
 */
import { detectLanguage } from './language-detector.ts';
import { compileLexicon, type CompiledLexicon } from './lexicon-lookup.ts';
import { germanLexicon } from './lexicon.de.ts';
import { englishLexicon } from './lexicon.en.ts';
import type { SentimentAnalyzer, SentimentResult } from './sentiment-analyzer.ts';
import { extractFeatures } from './sentiment-features.ts';
import { CLASSES, predictProba, type SentimentModelWeights } from './sentiment-model.ts';
import { tokenize } from './text-normalize.ts';
import deWeights from './sentiment-weights.de.json' with { type: 'json' };
import enWeights from './sentiment-weights.en.json' with { type: 'json' };

interface LanguageSupport {
  lexicon: CompiledLexicon | undefined;
  model: SentimentModelWeights | undefined;
  /** Lexicon-only mode: scores inside (negativeBelow, positiveAbove) are neutral. */
  band: { negativeBelow: number; positiveAbove: number };
}

// Bands chosen on the train splits (macro-F1); positive words are more common in everyday
// talk ("danke", "gerne") than negative ones, hence the higher bar for positive.
const SUPPORT: Record<string, LanguageSupport> = {
  de: {
    lexicon: compileLexicon(germanLexicon),
    model: deWeights as SentimentModelWeights,
    band: { negativeBelow: -0.05, positiveAbove: 0.3 },
  },
  en: {
    lexicon: compileLexicon(englishLexicon),
    model: enWeights as SentimentModelWeights,
    band: { negativeBelow: -0.1, positiveAbove: 0.3 },
  },
};
const SYMBOLS_ONLY: LanguageSupport = {
  lexicon: undefined,
  model: undefined,
  band: { negativeBelow: -0.2, positiveAbove: 0.2 },
};

export interface BuiltinOptions {
  mode: 'model' | 'lexicon';
}

/** Languages with a word list and a trained model. */
export const BUILTIN_LANGUAGES = Object.keys(SUPPORT);

export class BuiltinSentimentAnalyzer implements SentimentAnalyzer {
  readonly #mode: 'model' | 'lexicon';

  constructor(options: BuiltinOptions = { mode: 'model' }) {
    this.#mode = options.mode;
  }

  async analyze(text: string, lang: string | null): Promise<SentimentResult> {
    return this.analyzeSync(text, lang);
  }

  /** Synchronous form for batch jobs and benchmarks. */
  analyzeSync(text: string, lang: string | null): SentimentResult {
    const code = (lang ?? detectLanguage(text).lang ?? '').toLowerCase().slice(0, 2);
    const support = SUPPORT[code] ?? SYMBOLS_ONLY;
    const tokens = tokenize(text);
    const { features, lexicon } = extractFeatures(text, tokens, support.lexicon);
    if (tokens.length === 0) return { sentiment: 'neutral', score: 0 };
    if (this.#mode === 'model' && support.model) {
      const p = predictProba(support.model, features);
      const best = p.indexOf(Math.max(...p));
      return { sentiment: CLASSES[best] ?? 'neutral', score: round((p[2] ?? 0) - (p[0] ?? 0)) };
    }
    const s = lexicon.score;
    const sentiment = s < support.band.negativeBelow ? 'negative' : s > support.band.positiveAbove ? 'positive' : 'neutral';
    return { sentiment, score: round(s) };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
