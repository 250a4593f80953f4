import { describe, expect, it } from 'vitest';
import { goalProgress, type GoalSpec, type KpiPoint } from './goal-progress.ts';

const followers: GoalSpec = { baseline: 1000, targetValue: 2000, startDate: '2025-01-01', deadline: '2025-12-31', aggregation: 'last' };
const posts: GoalSpec = { baseline: 0, targetValue: 100, startDate: '2025-01-01', deadline: '2025-04-10', aggregation: 'sum' };

/** One value per day from `from` for `days` days. */
function daily(from: string, days: number, value: (i: number) => number): KpiPoint[] {
  const t0 = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: days }, (_, i) => ({ date: new Date(t0 + i * 86_400_000).toISOString().slice(0, 10), value: value(i) }));
}

describe('goal progress', () => {
  it('reports insufficient data and no progress without measurements since the start', () => {
    const r = goalProgress(followers, [{ date: '2024-12-01', value: 1500 }], '2025-03-01');
    expect(r).toMatchObject({ current: null, progress: null, forecast: 'insufficient_data', points: 0 });
  });

  it('reads a level metric at its latest value and measures the way from baseline to target', () => {
    const r = goalProgress(followers, [{ date: '2025-02-01', value: 1200 }, { date: '2025-03-01', value: 1250 }], '2025-03-02');
    expect(r.current).toBe(1250);
    expect(r.progress).toBe(25);
    expect(r.achieved).toBe(false);
  });

  it('cumulates a flow metric from the start', () => {
    const r = goalProgress(posts, daily('2025-01-01', 10, () => 2), '2025-01-10');
    expect(r.current).toBe(20);
    expect(r.progress).toBe(20);
  });

  it('is on track when the linear trend reaches the target by the deadline', () => {
    // 1 post a day for 100 days reaches 100 exactly on the deadline.
    const r = goalProgress(posts, daily('2025-01-01', 30, () => 1), '2025-01-30');
    expect(r.forecast).toBe('on_track');
    expect(r.projectedProgress).toBeGreaterThanOrEqual(100);
  });

  it('is at risk when the trend reaches 80–100 % of the way, off track below', () => {
    const atRisk = goalProgress(posts, daily('2025-01-01', 30, () => 0.9), '2025-01-30');
    expect(atRisk.forecast).toBe('at_risk');
    const off = goalProgress(posts, daily('2025-01-01', 30, () => 0.3), '2025-01-30');
    expect(off.forecast).toBe('off_track');
    expect(off.projectedProgress).toBeLessThan(80);
  });

  it('follows the trend of a level metric, not only its last value', () => {
    // Growth of 2 followers a day from 1000: about 1728 by the deadline, 73 % of the way.
    const slow = goalProgress(followers, daily('2025-01-01', 60, (i) => 1000 + 2 * i), '2025-03-01');
    expect(slow.forecast).toBe('off_track');
    const fast = goalProgress(followers, daily('2025-01-01', 60, (i) => 1000 + 4 * i), '2025-03-01');
    expect(fast.forecast).toBe('on_track');
  });

  it('handles goals where less is better (response time down from 120 to 60 minutes)', () => {
    const g: GoalSpec = { baseline: 120, targetValue: 60, startDate: '2025-01-01', deadline: '2025-03-01', aggregation: 'last' };
    const r = goalProgress(g, daily('2025-01-01', 30, (i) => 120 - i * 1.2), '2025-01-30');
    expect(r.progress).toBeCloseTo(58, 0);
    expect(r.forecast).toBe('on_track');
    const worse = goalProgress(g, daily('2025-01-01', 30, (i) => 120 + i), '2025-01-30');
    expect(worse.progress).toBe(0);
    expect(worse.forecast).toBe('off_track');
  });

  it('is final at the deadline: achieved is on track, missed is off track', () => {
    const hit = goalProgress(posts, daily('2025-01-01', 100, () => 1.2), '2025-05-01');
    expect(hit).toMatchObject({ achieved: true, forecast: 'on_track', progress: 100 });
    const missed = goalProgress(posts, daily('2025-01-01', 100, () => 0.95), '2025-05-01');
    expect(missed.achieved).toBe(false);
    expect(missed.forecast).toBe('off_track');
  });

  it('ignores values after today and after the deadline', () => {
    const r = goalProgress(posts, [...daily('2025-01-01', 5, () => 1), { date: '2025-06-01', value: 500 }], '2025-01-05');
    expect(r.current).toBe(5);
    expect(r.points).toBe(5);
  });

  it('counts an achieved target as on track even if the trend points down afterwards', () => {
    const r = goalProgress(followers, [{ date: '2025-02-01', value: 2100 }, { date: '2025-03-01', value: 2050 }], '2025-03-02');
    expect(r.achieved).toBe(true);
    expect(r.forecast).toBe('on_track');
  });
});

describe('daily rates', () => {
  it('take the mean of the last days as the current value, so one quiet day does not decide', () => {
    const goal = { baseline: 35, targetValue: 20, startDate: '2025-01-01', deadline: '2025-12-31', aggregation: 'last' as const, windowDays: 7 };
    const series = [...Array.from({ length: 6 }, (_, i) => ({ date: `2025-03-0${i + 1}`, value: 30 })), { date: '2025-03-07', value: 0 }];
    const p = goalProgress(goal, series, '2025-03-07');
    expect(p.current).toBe(25.7);
    expect(p.achieved).toBe(false);
    expect(goalProgress({ ...goal, windowDays: 1 }, series, '2025-03-07').achieved).toBe(true);
  });
});
