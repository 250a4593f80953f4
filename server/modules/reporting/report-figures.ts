/**
 * The arithmetic of a report, pure: a period's value of a daily KPI series, the change against
 * the previous period, and which channels a breakdown lists.
 */
import { KPI_CATALOGUE, type KpiKey } from '../../../common/kpi-catalogue.ts';
import type { KpiPoint } from '../strategy/goal-progress.ts';

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * One number for a period: flows (`sum`: posts, mentions, engagements) add up; levels counted in
 * accounts (followers) are read at the last measured day; rates and times (percent, minutes) are
 * the mean of the measured days. Null when nothing was measured in the period.
 */
export function periodValue(metric: KpiKey, points: readonly KpiPoint[]): number | null {
  if (!points.length) return null;
  const def = KPI_CATALOGUE[metric];
  if (def.aggregation === 'sum') return round1(points.reduce((s, p) => s + p.value, 0));
  if (def.unit === 'count') return round1([...points].sort((a, b) => (a.date < b.date ? -1 : 1)).at(-1)!.value);
  return round1(points.reduce((s, p) => s + p.value, 0) / points.length);
}

/** Relative change in %, rounded to one decimal; null without a previous value or from zero. */
export function relativeChange(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return round1(((value - previous) / Math.abs(previous)) * 100);
}

/**
 * Shares weighted by volume: Σ(share × volume) / Σ volume over the days that have both; the plain
 * mean of the shares when no volume is known.
 */
export function weightedShare(shares: readonly KpiPoint[], volumes: readonly KpiPoint[]): number | null {
  if (!shares.length) return null;
  const vol = new Map(volumes.map((v) => [v.date, v.value]));
  let w = 0;
  let s = 0;
  for (const p of shares) {
    const v = vol.get(p.date);
    if (v === undefined || v <= 0) continue;
    w += v;
    s += p.value * v;
  }
  return round1(w > 0 ? s / w : shares.reduce((a, p) => a + p.value, 0) / shares.length);
}

/**
 * The channels a metric's breakdown lists: the report's own selection, or every channel with
 * values — a network is left out when its channels are listed one by one (no double rows).
 */
export function breakdownRefs(selected: readonly string[], stored: readonly string[], networkOf: (channelId: string) => string | null): string[] {
  if (selected.length) return [...selected];
  const refs = [...new Set(stored.filter((c) => c !== ''))];
  const detailed = new Set(refs.map(networkOf).filter((n): n is string => n !== null));
  return refs.filter((r) => networkOf(r) !== null || !detailed.has(r)).sort();
}
