/**
 * Progress and forecast of a SMART goal from its KPI time series. Pure: the caller loads the
 * series and passes "today" in the workspace time zone.
 *
 * - A level metric (`last`: followers, a rate) is at its latest value — for daily rates and
 *   times (`windowDays` > 1) the mean of the measurements of the last `windowDays` days; a flow
 *   metric (`sum`: posts, mentions) is the baseline plus everything counted since the goal's start.
 * - The forecast fits a least-squares line through the measurements since the start, anchored at
 *   the baseline on the start day, and reads it at the deadline: reaching the target is
 *   `on_track`, reaching at least `atRiskFrom` % of the way is `at_risk`, less is `off_track`.
 */
import type { KpiAggregation } from '../../../common/kpi-catalogue.ts';

export interface KpiPoint {
  date: string;
  value: number;
}

export interface GoalSpec {
  baseline: number;
  targetValue: number;
  startDate: string;
  deadline: string;
  aggregation: KpiAggregation;
  /** `last` only: days whose measurements are averaged into the current value (default 1: the latest). */
  windowDays?: number;
}

export type ForecastState = 'on_track' | 'at_risk' | 'off_track' | 'insufficient_data';

export interface GoalProgress {
  /** The metric's value now (null without any measurement since the start). */
  current: number | null;
  /** Share of the way from baseline to target, 0–100 (null without data). */
  progress: number | null;
  achieved: boolean;
  forecast: ForecastState;
  /** Trend value at the deadline. */
  projected: number | null;
  /** Share of the way the trend reaches by the deadline (not clamped; 120 = beyond the target). */
  projectedProgress: number | null;
  /** Measurements used. */
  points: number;
}

const DAY_MS = 86_400_000;
/** Days since the epoch for a `YYYY-MM-DD` day (UTC, so no DST step can shift it). */
export function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / DAY_MS);
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function share(value: number, g: GoalSpec): number {
  return ((value - g.baseline) / (g.targetValue - g.baseline)) * 100;
}

/** Least-squares line through `pts`; null when all x are equal. */
function fitLine(pts: readonly [number, number][]): { slope: number; intercept: number } | null {
  const n = pts.length;
  const mx = pts.reduce((s, [x]) => s + x, 0) / n;
  const my = pts.reduce((s, [, y]) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of pts) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

/**
 * Progress and forecast of `goal` on `today` from `series` (any order, other days ignored).
 * A goal whose target equals its baseline has no way to go; SMART validation rejects those.
 */
export function goalProgress(goal: GoalSpec, series: readonly KpiPoint[], today: string, opts: { atRiskFrom?: number } = {}): GoalProgress {
  const atRiskFrom = opts.atRiskFrom ?? 80;
  const start = dayNumber(goal.startDate);
  const end = dayNumber(goal.deadline);
  const now = Math.min(dayNumber(today), end);
  const used = series
    .map((p) => ({ x: dayNumber(p.date), value: p.value }))
    .filter((p) => Number.isFinite(p.x) && Number.isFinite(p.value) && p.x >= start && p.x <= now)
    .sort((a, b) => a.x - b.x);
  if (!used.length || goal.targetValue === goal.baseline) {
    return { current: null, progress: null, achieved: false, forecast: 'insufficient_data', projected: null, projectedProgress: null, points: used.length };
  }

  // Flow values are cumulated to "total at the end of that day" (x + 1); levels are read as they are.
  const xy: [number, number][] = [[start, goal.baseline]];
  let total = goal.baseline;
  for (const p of used) {
    if (goal.aggregation === 'sum') {
      total += p.value;
      xy.push([p.x + 1, total]);
    } else {
      xy.push([p.x, p.value]);
    }
  }
  const lastX = used[used.length - 1]!.x;
  const recent = used.filter((p) => p.x > lastX - (goal.windowDays ?? 1));
  const current = goal.aggregation === 'sum' ? total : recent.reduce((s, p) => s + p.value, 0) / recent.length;
  const raw = share(current, goal);
  const achieved = raw >= 100;

  let projected: number;
  if (dayNumber(today) >= end) {
    projected = current;
  } else {
    const line = fitLine(xy);
    projected = line ? line.intercept + line.slope * (goal.aggregation === 'sum' ? end + 1 : end) : current;
  }
  const projectedProgress = share(projected, goal);
  let forecast: ForecastState;
  if (achieved || projectedProgress >= 100) forecast = 'on_track';
  else if (dayNumber(today) >= end) forecast = 'off_track';
  else forecast = projectedProgress >= atRiskFrom ? 'at_risk' : 'off_track';

  return {
    current: round1(current),
    progress: round1(Math.min(100, Math.max(0, raw))),
    achieved,
    forecast,
    projected: round1(projected),
    projectedProgress: round1(projectedProgress),
    points: used.length,
  };
}
