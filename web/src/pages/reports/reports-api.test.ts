import { describe, expect, it } from 'vitest';
import { alignedRows } from './reports-api.ts';

describe('alignedRows', () => {
  it('lines up the days of a period with the days of the previous one, gaps kept for levels', () => {
    const rows = alignedRows({ from: '2025-03-01', days: 3 }, { from: '2025-02-26', days: 3 },
      [{ date: '2025-03-01', value: 10 }, { date: '2025-03-03', value: 12 }], [{ date: '2025-02-26', value: 8 }, { date: '2025-02-27', value: 9 }, { date: '2025-02-28', value: 9 }], false);
    expect(rows).toEqual([
      { date: '2025-03-01', current: 10, previous: 8 },
      { date: '2025-03-02', current: null, previous: 9 },
      { date: '2025-03-03', current: 12, previous: 9 },
    ]);
  });
  it('runs totals for flows and pads the shorter period', () => {
    const rows = alignedRows({ from: '2025-03-01', days: 2 }, { from: '2025-02-01', days: 3 }, [{ date: '2025-03-01', value: 2 }, { date: '2025-03-02', value: 1 }], [{ date: '2025-02-02', value: 5 }], true);
    expect(rows.map((r) => [r.current, r.previous])).toEqual([[2, 0], [3, 5], [null, 5]]);
  });
});
