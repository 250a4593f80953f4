/**
 * The pluggable sentiment interface of listening. The built-in analyzer works offline for German
 * and English; other implementations (a transformer model an admin installs) plug in through
 * {@link createAnalyzer}.
 */
import { BuiltinSentimentAnalyzer } from './builtin-analyzer.ts';

export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  sentiment: Sentiment;
  /** -1 (very negative) … 1 (very positive). */
  score: number;
}

export interface SentimentAnalyzer {
  /** `lang` is an ISO 639-1 code or null when unknown (the analyzer then detects it). */
  analyze(text: string, lang: string | null): Promise<SentimentResult>;
}

export type AnalyzerConfig =
  | {
      kind: 'builtin';
      /** `model` (default): the trained model over lexicon and word features; `lexicon`: rules only. */
      mode?: 'model' | 'lexicon';
    }
  | {
      kind: 'onnx';
      /** Local directory with a transformers.js-compatible ONNX sequence-classification model. */
      modelDir: string;
    };

/**
 * Creates the configured analyzer. Unavailable kinds fail here, loudly, rather than silently
 * falling back to another analyzer whose figures an admin did not choose.
 */
export function createAnalyzer(config: AnalyzerConfig = { kind: 'builtin' }): SentimentAnalyzer {
  switch (config.kind) {
    case 'builtin':
      return new BuiltinSentimentAnalyzer({ mode: config.mode ?? 'model' });
    case 'onnx':
      throw new Error(
        `ONNX sentiment models are not supported by this build (model directory ${config.modelDir}): ` +
          'the @huggingface/transformers runtime is not installed; use { kind: "builtin" }',
      );
  }
}
