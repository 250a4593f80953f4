/** Presentation rules of goal forecasts and readiness states: colours, clamped bar values. */
import type { ReadinessStatus } from '../../../../common/schemas/strategy.ts';

export type Forecast = 'on_track' | 'at_risk' | 'off_track' | 'insufficient_data';

/** Orange text that reaches 4.5:1 on white (Mantine's orange.9 does not); same tone as the theme's. */
const DARK_ORANGE = '#a33a06';
/** Badge colours with AA contrast on white (dark shades, outline variant). */
export const FORECAST_COLOR: Record<Forecast, string> = { on_track: 'teal.9', at_risk: DARK_ORANGE, off_track: 'red.9', insufficient_data: 'gray.7' };
export const STATUS_COLOR: Record<ReadinessStatus, string> = { done: 'teal.9', in_progress: DARK_ORANGE, not_started: 'gray.7' };

/** Bar value 0–100 from a progress share that may be null, negative or beyond the target. */
export function barValue(progress: number | null | undefined): number {
  if (progress === null || progress === undefined || !Number.isFinite(progress)) return 0;
  return Math.min(100, Math.max(0, Math.round(progress)));
}

/** Bar colour of a score 0–100: red below a third, orange below two thirds, teal above. */
export function scoreColor(score: number): string {
  if (score >= 67) return 'teal.8';
  if (score >= 34) return 'orange.8';
  return 'red.8';
}
