/**
 * The pluggable sentiment interface of listening. The built-in analyzer works offline for German
 * and English; a transformer model an admin installs in a local directory (ONNX, onnx-analyzer.ts)
 * plugs in through {@link createAnalyzer}, configured with `RESONANZ_SENTIMENT_MODEL`.
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
 * An analyzer whose model loads in the background: the first calls wait for it, and a model that
 * cannot be loaded fails every call with the same error (onnx-analyzer.ts `ModelLoadError`) (ingest then retries the
 * batch and logs it) instead of quietly scoring with another analyzer.
 */
export class LoadingAnalyzer implements SentimentAnalyzer {
  readonly #loading: Promise<SentimentAnalyzer>;

  constructor(load: () => Promise<SentimentAnalyzer>) {
    this.#loading = load();
    this.#loading.catch(() => undefined); // reported through ready() and analyze()
  }

  /** Resolves when the model is loaded; rejects with the reason it cannot be. */
  async ready(): Promise<void> {
    await this.#loading;
  }

  async analyze(text: string, lang: string | null): Promise<SentimentResult> {
    return (await this.#loading).analyze(text, lang);
  }
}

/**
 * Creates the configured analyzer. Unavailable models fail loudly (see {@link LoadingAnalyzer})
 * rather than silently falling back to another analyzer whose figures an admin did not choose.
 */
export function createAnalyzer(config: AnalyzerConfig = { kind: 'builtin' }): SentimentAnalyzer {
  switch (config.kind) {
    case 'builtin':
      return new BuiltinSentimentAnalyzer({ mode: config.mode ?? 'model' });
    case 'onnx':
      // Imported on demand: the wasm runtime is large and most instances use the built-in analyzer.
      return new LoadingAnalyzer(async () => (await import('./onnx-analyzer.ts')).OnnxSentimentAnalyzer.load(config.modelDir));
  }
}

/** The analyzer an instance is configured for: `RESONANZ_SENTIMENT_MODEL` (a model directory) or the built-in one. */
export function analyzerConfigOf(config: { RESONANZ_SENTIMENT_MODEL?: string | undefined }): AnalyzerConfig {
  return config.RESONANZ_SENTIMENT_MODEL ? { kind: 'onnx', modelDir: config.RESONANZ_SENTIMENT_MODEL } : { kind: 'builtin' };
}

const shared = new Map<string, SentimentAnalyzer>();

/** One analyzer per configuration and process (a transformer model is loaded once, not per caller). */
export function sharedAnalyzer(config: { RESONANZ_SENTIMENT_MODEL?: string | undefined }): SentimentAnalyzer {
  const c = analyzerConfigOf(config);
  const key = c.kind === 'onnx' ? `onnx:${c.modelDir}` : 'builtin';
  let a = shared.get(key);
  if (a === undefined) shared.set(key, (a = createAnalyzer(c)));
  return a;
}
