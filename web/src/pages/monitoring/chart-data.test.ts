import { describe, expect, it } from 'vitest';
import { dailyRows } from './chart-data.ts';

describe('dailyRows', () => {
  it('has one row per calendar day in the time zone and fills missing days with zero', () => {
    const rows = dailyRows({
      from: '2026-03-01T23:00:00.000Z', // 00:00 in Berlin on 2 March
      to: '2026-03-04T23:00:00.000Z',
      series: [{ t: '2026-03-02T23:00:00.000Z', volume: 5, negative: 1, neutral: 3, positive: 1 }],
    }, 'Europe/Berlin', 'de-DE');
    expect(rows.map((r) => r.day)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(rows.map((r) => r.volume)).toEqual([0, 5, 0]);
    expect(rows[1]).toMatchObject({ label: '03.03.', negative: 1, neutral: 3, positive: 1 });
  });

  it('counts a day once across a daylight saving change', () => {
    const rows = dailyRows({ from: '2026-03-28T23:00:00.000Z', to: '2026-03-30T22:00:00.000Z', series: [] }, 'Europe/Berlin', 'de-DE');
    expect(rows.map((r) => r.day)).toEqual(['2026-03-29', '2026-03-30']);
  });
});
