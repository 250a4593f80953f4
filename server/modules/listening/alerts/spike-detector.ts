/**
 * Spike detection, pure. The baseline respects time of day and weekday: it is the median and MAD
 * of the hourly counts at the same hour of the week in the previous four weeks (± one hour), with
 * fall-backs to the same hour of day (first week of a query) and to the previous hours (first
 * day). A recent window is compared with that baseline scaled to the window length, on the
 * Anscombe (variance-stabilised Poisson) scale, so quiet queries do not alarm on a handful of posts.
 */

export type Sensitivity = 'low' | 'medium' | 'high';
export type AnomalyKind = 'volume' | 'negative_share';

/** Robust z needed to alarm. */
export const THRESHOLDS: Record<Sensitivity, number> = { low: 6, medium: 4, high: 3 };

export interface HourlyCount {
  bucket: Date;
  volume: number;
  negative: number;
}

export interface WindowCount {
  minutes: number;
  volume: number;
  negative: number;
}

export interface DetectorInput {
  now: Date;
  /** Counts of the recent windows ending at `now` (e.g. 5 and 15 minutes). */
  windows: WindowCount[];
  /** Hourly rollups before the current hour; hours without a row count as zero. */
  history: HourlyCount[];
  /** Hours before this (the query's creation) are not evidence of quiet. */
  historyStart: Date;
  sensitivity: Sensitivity;
  minMentions: number;
}

export interface Anomaly {
  kind: AnomalyKind;
  windowMinutes: number;
  observed: number;
  expected: number;
  score: number;
}

const HOUR = 3_600_000;

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function mad(xs: readonly number[], m = median(xs)): number {
  return median(xs.map((x) => Math.abs(x - m)));
}

/** Baseline samples for the hour containing `now`: same hour of week, else of day, else recent hours. */
export function baselineSamples(now: Date, history: readonly HourlyCount[], historyStart: Date): HourlyCount[] {
  const current = Math.floor(now.getTime() / HOUR) * HOUR;
  const byHour = new Map(history.map((h) => [h.bucket.getTime(), h]));
  const start = Math.ceil(historyStart.getTime() / HOUR) * HOUR;
  const pick = (offsets: number[]): HourlyCount[] =>
    offsets
      .map((o) => current - o * HOUR)
      .filter((t) => t >= start && t < current)
      .map((t) => byHour.get(t) ?? { bucket: new Date(t), volume: 0, negative: 0 });
  const around = (period: number, count: number) => Array.from({ length: count }, (_, k) => [(k + 1) * period - 1, (k + 1) * period, (k + 1) * period + 1]).flat();
  const weekly = pick(around(168, 4));
  if (weekly.length >= 6) return weekly;
  const daily = pick(around(24, 7));
  if (daily.length >= 6) return daily;
  return pick(Array.from({ length: 24 }, (_, k) => k + 1));
}

/** Anomalies of the current windows; empty when there is too little history to judge. */
export function detectSpikes(input: DetectorInput): Anomaly[] {
  const samples = baselineSamples(input.now, input.history, input.historyStart);
  if (samples.length < 3) return [];
  const threshold = THRESHOLDS[input.sensitivity];
  const volumes = samples.map((s) => s.volume);
  const m = median(volumes);
  const d = mad(volumes, m) * 1.4826;
  const totalVol = volumes.reduce((a, b) => a + b, 0);
  const totalNeg = samples.reduce((a, s) => a + s.negative, 0);
  const p0 = totalVol > 0 ? Math.min(0.95, Math.max(0.05, totalNeg / totalVol)) : 0.2;
  let volume: Anomaly | null = null;
  let negative: Anomaly | null = null;
  for (const w of input.windows) {
    if (w.volume < input.minMentions) continue;
    const scale = w.minutes / 60;
    const expected = m * scale;
    // Anscombe's transform makes Poisson counts nearly normal even in the tail (a plain
    // (x − λ)/√λ alarms far too often on small λ); MAD above Poisson noise widens it further.
    const overdispersion = Math.max(1, (d * scale) / Math.sqrt(Math.max(expected, 1)));
    const z = (2 * (Math.sqrt(w.volume + 0.375) - Math.sqrt(expected + 0.375))) / overdispersion;
    if (z >= threshold && (!volume || z > volume.score)) volume = { kind: 'volume', windowMinutes: w.minutes, observed: w.volume, expected: round(expected), score: round(z) };
    const p = w.negative / w.volume;
    const zn = (p - p0) / Math.sqrt((p0 * (1 - p0)) / w.volume);
    // A lift of at least 15 points: a statistically clear but tiny shift is not a crisis.
    if (zn >= threshold && p - p0 >= 0.15 && (!negative || zn > negative.score)) {
      negative = { kind: 'negative_share', windowMinutes: w.minutes, observed: round(p), expected: round(p0), score: round(zn) };
    }
  }
  return [volume, negative].filter((a): a is Anomaly => a !== null);
}

const round = (x: number) => Math.round(x * 1000) / 1000;
