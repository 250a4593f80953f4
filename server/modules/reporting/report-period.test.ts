import { describe, expect, it } from 'vitest';
import { isoWeekKey, lastCompletePeriod, periodContaining, previousPeriod } from './report-period.ts';

describe('report periods', () => {
  it('a monthly report covers the previous calendar month, also across a year and in a leap year', () => {
    expect(lastCompletePeriod('monthly', '2025-03-01')).toEqual({ from: '2025-02-01', to: '2025-02-28', days: 28 });
    expect(lastCompletePeriod('monthly', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29', days: 29 });
    expect(lastCompletePeriod('monthly', '2025-01-15')).toEqual({ from: '2024-12-01', to: '2024-12-31', days: 31 });
  });

  it('a weekly report covers the previous ISO week, Monday to Sunday', () => {
    // 2025-03-03 is a Monday, 2025-03-09 a Sunday.
    expect(lastCompletePeriod('weekly', '2025-03-03')).toEqual({ from: '2025-02-24', to: '2025-03-02', days: 7 });
    expect(lastCompletePeriod('weekly', '2025-03-09')).toEqual({ from: '2025-02-24', to: '2025-03-02', days: 7 });
    expect(periodContaining('weekly', '2025-03-09').from).toBe('2025-03-03');
  });

  it('compares a whole month with the whole previous month and other ranges with as many days before', () => {
    expect(previousPeriod({ from: '2025-03-01', to: '2025-03-31' })).toEqual({ from: '2025-02-01', to: '2025-02-28', days: 28 });
    expect(previousPeriod({ from: '2025-03-03', to: '2025-03-09' })).toEqual({ from: '2025-02-24', to: '2025-03-02', days: 7 });
    expect(previousPeriod({ from: '2025-03-10', to: '2025-03-14' })).toEqual({ from: '2025-03-05', to: '2025-03-09', days: 5 });
  });

  it('names ISO weeks by the year of their Thursday', () => {
    expect(isoWeekKey('2025-03-05')).toBe('2025-W10');
    expect(isoWeekKey('2024-12-30')).toBe('2025-W01');
    expect(isoWeekKey('2021-01-03')).toBe('2020-W53');
  });
});
