/**
 * Sentiment from a transformer model that an admin installed in a local directory — the layout of
 * a Hugging Face export for transformers.js: `onnx/model.onnx` (or `model.onnx`), `config.json`
 * with `id2label`, `tokenizer.json` (+ optional `tokenizer_config.json`). Nothing is downloaded:
 * the runtime is onnxruntime-web's WebAssembly build (onnxruntime-node would fetch CUDA binaries
 * at install time), the tokenizer @huggingface/tokenizers, both pure JavaScript/wasm.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';
import * as ort from 'onnxruntime-web';
import type { Sentiment, SentimentAnalyzer, SentimentResult } from './sentiment-analyzer.ts';

const MODEL_FILES = ['onnx/model.onnx', 'model.onnx', 'onnx/model_quantized.onnx', 'model_quantized.onnx'];
const KNOWN_INPUTS = new Set(['input_ids', 'attention_mask', 'token_type_ids']);
const DEFAULT_MAX_TOKENS = 512;

/** A model directory that cannot be used; the message says what is missing or wrong. */
export class ModelLoadError extends Error {}

/**
 * The sentiment of a model's class label: `negative`/`neg`, `neutral`, `positive`/`pos` (any case),
 * `1 star` … `5 stars`, or `LABEL_n` for 2 (negative, positive) or 3 (negative, neutral, positive)
 * classes; null if the label says nothing we can map.
 */
export function sentimentOfLabel(label: string, index: number, classes: number): Sentiment | null {
  const l = label.trim().toLowerCase();
  if (/^neg/.test(l)) return 'negative';
  if (/^neu/.test(l)) return 'neutral';
  if (/^pos/.test(l)) return 'positive';
  const stars = /^([1-5]) stars?$/.exec(l);
  if (stars) return Number(stars[1]) <= 2 ? 'negative' : Number(stars[1]) === 3 ? 'neutral' : 'positive';
  if (/^label_\d+$/.test(l)) {
    if (classes === 3) return (['negative', 'neutral', 'positive'] as const)[index] ?? null;
    if (classes === 2) return (['negative', 'positive'] as const)[index] ?? null;
  }
  return null;
}

async function readJson(dir: string, file: string, required: boolean): Promise<Record<string, unknown> | null> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch {
    if (required) throw new ModelLoadError(`sentiment model ${dir}: ${file} is missing`);
    return null;
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new ModelLoadError(`sentiment model ${dir}: ${file} is not valid JSON (${(error as Error).message})`);
  }
}

async function findModelFile(dir: string): Promise<string> {
  for (const f of MODEL_FILES) {
    const path = join(dir, f);
    if (await stat(path).then((s) => s.isFile(), () => false)) return path;
  }
  throw new ModelLoadError(`sentiment model ${dir}: no ONNX file (looked for ${MODEL_FILES.join(', ')})`);
}

function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const exp = Array.from(logits, (v) => Math.exp(v - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}

export class OnnxSentimentAnalyzer implements SentimentAnalyzer {
  readonly modelDir: string;
  readonly #session: ort.InferenceSession;
  readonly #tokenizer: Tokenizer;
  readonly #labels: Sentiment[];
  readonly #maxTokens: number;
  readonly #output: string;
  // The wasm runtime runs one inference at a time per session; queue calls instead of racing them.
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(modelDir: string, session: ort.InferenceSession, tokenizer: Tokenizer, labels: Sentiment[], maxTokens: number) {
    this.modelDir = modelDir;
    this.#session = session;
    this.#tokenizer = tokenizer;
    this.#labels = labels;
    this.#maxTokens = maxTokens;
    this.#output = session.outputNames.includes('logits') ? 'logits' : session.outputNames[0]!;
  }

  /** Loads and checks a model directory; throws {@link ModelLoadError} naming what is wrong. */
  static async load(modelDir: string): Promise<OnnxSentimentAnalyzer> {
    if (!(await stat(modelDir).then((s) => s.isDirectory(), () => false))) {
      throw new ModelLoadError(`sentiment model ${modelDir}: not a directory`);
    }
    const config = (await readJson(modelDir, 'config.json', true))!;
    const id2label = config.id2label as Record<string, string> | undefined;
    if (!id2label || typeof id2label !== 'object' || Object.keys(id2label).length < 2) {
      throw new ModelLoadError(`sentiment model ${modelDir}: config.json has no id2label with at least two classes`);
    }
    const count = Object.keys(id2label).length;
    const labels: Sentiment[] = [];
    for (let i = 0; i < count; i++) {
      const label = id2label[String(i)];
      const s = label === undefined ? null : sentimentOfLabel(label, i, count);
      if (s === null) throw new ModelLoadError(`sentiment model ${modelDir}: class ${i} (${JSON.stringify(label)}) is not a sentiment label`);
      labels.push(s);
    }
    const tokenizerJson = (await readJson(modelDir, 'tokenizer.json', true))!;
    const tokenizerConfig = (await readJson(modelDir, 'tokenizer_config.json', false)) ?? {};
    let tokenizer: Tokenizer;
    try {
      tokenizer = new Tokenizer(tokenizerJson as never, tokenizerConfig as never);
    } catch (error) {
      throw new ModelLoadError(`sentiment model ${modelDir}: tokenizer.json cannot be used (${(error as Error).message})`);
    }
    const modelFile = await findModelFile(modelDir);
    // One thread: inference shares the process with ingest and HTTP; no worker threads.
    ort.env.wasm.numThreads = 1;
    let session: ort.InferenceSession;
    try {
      session = await ort.InferenceSession.create(await readFile(modelFile), { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
    } catch (error) {
      throw new ModelLoadError(`sentiment model ${modelDir}: ${modelFile} cannot be loaded (${(error as Error).message})`);
    }
    const unknown = session.inputNames.filter((n) => !KNOWN_INPUTS.has(n));
    if (unknown.length > 0 || !session.inputNames.includes('input_ids')) {
      throw new ModelLoadError(`sentiment model ${modelDir}: expected inputs input_ids[, attention_mask, token_type_ids], got ${session.inputNames.join(', ')}`);
    }
    const limit = [tokenizerConfig.model_max_length, config.max_position_embeddings].find((v): v is number => typeof v === 'number' && v > 0 && v < 1e6);
    return new OnnxSentimentAnalyzer(modelDir, session, tokenizer, labels, Math.min(limit ?? DEFAULT_MAX_TOKENS, DEFAULT_MAX_TOKENS));
  }

  /** Class probabilities of a text (in the order of config.json's id2label). */
  async probabilities(text: string): Promise<number[]> {
    const run = this.#queue.then(() => this.#infer(text));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #infer(text: string): Promise<number[]> {
    const encoded = this.#tokenizer.encode(text);
    let ids = encoded.ids;
    let mask = encoded.attention_mask;
    if (ids.length > this.#maxTokens) {
      // Keep the closing special token (e.g. [SEP]) that the model saw in training.
      ids = [...ids.slice(0, this.#maxTokens - 1), ids[ids.length - 1]!];
      mask = mask.slice(0, this.#maxTokens);
    }
    if (ids.length === 0) return this.#labels.map((l) => (l === 'neutral' ? 1 : 0));
    const dims = [1, ids.length];
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of this.#session.inputNames) {
      const values: number[] = name === 'input_ids' ? ids : name === 'attention_mask' ? mask : ids.map(() => 0);
      feeds[name] = new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims);
    }
    const result = await this.#session.run(feeds);
    const logits = result[this.#output]!.data as Float32Array;
    if (logits.length !== this.#labels.length) {
      throw new ModelLoadError(`sentiment model ${this.modelDir}: ${logits.length} outputs for ${this.#labels.length} labels`);
    }
    return softmax(logits);
  }

  async analyze(text: string, _lang: string | null): Promise<SentimentResult> {
    const p = await this.probabilities(text);
    let best = 0;
    for (let i = 1; i < p.length; i++) if (p[i]! > p[best]!) best = i;
    let score = 0;
    p.forEach((v, i) => {
      if (this.#labels[i] === 'positive') score += v;
      else if (this.#labels[i] === 'negative') score -= v;
    });
    return { sentiment: this.#labels[best]!, score: Math.round(score * 1000) / 1000 };
  }

  async close(): Promise<void> {
    await this.#session.release();
  }
}
