/**
 * A multinomial logistic regression over sparse features (see `sentiment-features.ts`). The
 * weights live in `sentiment-weights.<lang>.json`; they hold feature names and numbers only.
 */
import type { FeatureVector } from './sentiment-features.ts';

export const CLASSES = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof CLASSES)[number];

export interface SentimentModelWeights {
  version: 1;
  lang: string;
  /** How the weights were obtained, for the curious admin. */
  note: string;
  bias: number[];
  /** Feature name → one weight per class, in the order of {@link CLASSES}. */
  weights: Record<string, number[]>;
}

/** Class probabilities in the order of {@link CLASSES}. */
export function predictProba(model: SentimentModelWeights, features: FeatureVector): number[] {
  const z = [...model.bias];
  for (const [name, value] of features) {
    const w = model.weights[name];
    if (!w) continue;
    for (let c = 0; c < z.length; c++) z[c]! += (w[c] ?? 0) * value;
  }
  return softmax(z);
}

export function softmax(z: number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export interface TrainOptions {
  /** L2 penalty on word and emoji weights. */
  l2: number;
  /** L2 penalty on the lexicon and shape features (they generalise across topics, so less). */
  l2Dense: number;
  iterations: number;
  learningRate: number;
  /** Features seen in fewer training samples are dropped (lexicon and shape features are always kept). */
  minCount: number;
}

export interface Sample {
  features: FeatureVector;
  label: number;
}

/**
 * Fits the model by full-batch Adam on the mean cross-entropy plus L2. Deterministic: the same
 * samples and options always give the same weights.
 */
export function trainSoftmax(samples: readonly Sample[], opts: TrainOptions, lang: string, note: string): SentimentModelWeights {
  const counts = new Map<string, number>();
  for (const s of samples) for (const name of s.features.keys()) counts.set(name, (counts.get(name) ?? 0) + 1);
  const names = [...counts].filter(([n, c]) => c >= opts.minCount || !n.startsWith('w:')).map(([n]) => n).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const k = CLASSES.length;
  const dim = names.length * k;
  const w = new Float64Array(dim + k); // the last k entries are the bias
  const m = new Float64Array(dim + k);
  const v = new Float64Array(dim + k);
  const grad = new Float64Array(dim + k);
  const rows = samples.map((s) => ({
    label: s.label,
    idx: [...s.features.keys()].map((n) => index.get(n)).filter((i): i is number => i !== undefined),
    val: [...s.features].filter(([n]) => index.has(n)).map(([, x]) => x),
  }));
  const n = rows.length;
  const penalty = names.map((name) => (name.startsWith('w:') || name.startsWith('e:') ? opts.l2 : opts.l2Dense));
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let it = 1; it <= opts.iterations; it++) {
    grad.fill(0);
    for (const r of rows) {
      const z = new Array<number>(k).fill(0);
      for (let c = 0; c < k; c++) {
        let s = w[dim + c]!;
        for (let j = 0; j < r.idx.length; j++) s += w[r.idx[j]! * k + c]! * r.val[j]!;
        z[c] = s;
      }
      const p = softmax(z);
      for (let c = 0; c < k; c++) {
        const g = (p[c]! - (c === r.label ? 1 : 0)) / n;
        grad[dim + c]! += g;
        for (let j = 0; j < r.idx.length; j++) grad[r.idx[j]! * k + c]! += g * r.val[j]!;
      }
    }
    for (let i = 0; i < dim; i++) grad[i]! += penalty[Math.floor(i / k)]! * w[i]!;
    for (let i = 0; i < dim + k; i++) {
      const g = grad[i]!;
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const mh = m[i]! / (1 - beta1 ** it);
      const vh = v[i]! / (1 - beta2 ** it);
      w[i]! -= (opts.learningRate * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const weights: Record<string, number[]> = {};
  names.forEach((name, i) => {
    const row = Array.from({ length: k }, (_, c) => round(w[i * k + c]!));
    if (row.some((x) => Math.abs(x) >= 0.005)) weights[name] = row;
  });
  return { version: 1, lang, note, bias: Array.from({ length: k }, (_, c) => round(w[dim + c]!)), weights };
}
