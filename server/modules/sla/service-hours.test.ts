import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holidayOn, type FederalState } from './holidays.ts';
import { addServiceMinutes, addServiceMinutesMany, isOpenAt, serviceMinutesBetween, type ServiceCalendar, type WeeklyHours } from './service-hours.ts';

const TZ = 'Europe/Berlin';
const OFFICE: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, [{ start: '08:00', end: '18:00' }]]));
const ALWAYS: WeeklyHours = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]));

function cal(hours: WeeklyHours, state: FederalState | null = null, closed: string[] = []): ServiceCalendar {
  return { timeZone: TZ, hours, isClosed: (d) => closed.includes(d) || holidayOn(state, d) !== null };
}
const due = (from: string, minutes: number, c: ServiceCalendar) => addServiceMinutes(new Date(from), minutes, c)?.toISOString();

describe('service hours: due dates', () => {
  it('adds minutes inside the same service day', () => {
    // Wednesday 2025-01-15 10:00 CET
    expect(due('2025-01-15T09:00:00Z', 60, cal(OFFICE))).toBe('2025-01-15T10:00:00.000Z');
  });

  it('carries the rest of a Friday target over the weekend to Monday', () => {
    // Friday 17:30 CET + 60 → Monday 08:30 CET
    expect(due('2025-01-17T16:30:00Z', 60, cal(OFFICE))).toBe('2025-01-20T07:30:00.000Z');
  });

  it('starts counting at the next opening for items arriving outside hours', () => {
    expect(due('2025-01-18T11:00:00Z', 60, cal(OFFICE))).toBe('2025-01-20T08:00:00.000Z'); // Saturday → Monday 09:00
    expect(due('2025-01-14T05:00:00Z', 60, cal(OFFICE))).toBe('2025-01-14T08:00:00.000Z'); // Tuesday 06:00 → 09:00
    expect(due('2025-01-14T19:00:00Z', 30, cal(OFFICE))).toBe('2025-01-15T07:30:00.000Z'); // Tuesday 20:00 → Wednesday 08:30
  });

  it('skips public holidays of the workspace’s federal state only', () => {
    // Friday 2025-01-03 17:30; Monday 2025-01-06 is Heilige Drei Könige in Bavaria, not in Berlin.
    expect(due('2025-01-03T16:30:00Z', 60, cal(OFFICE, 'BE'))).toBe('2025-01-06T07:30:00.000Z');
    expect(due('2025-01-03T16:30:00Z', 60, cal(OFFICE, 'BY'))).toBe('2025-01-07T07:30:00.000Z');
    // Christmas: Wednesday 24th 17:30 (an ordinary day) → 25th, 26th closed nationwide → Monday 29th.
    expect(due('2025-12-24T16:30:00Z', 60, cal(OFFICE))).toBe('2025-12-29T07:30:00.000Z');
  });

  it('skips custom closed days', () => {
    expect(due('2025-01-14T16:30:00Z', 60, cal(OFFICE, null, ['2025-01-15']))).toBe('2025-01-16T07:30:00.000Z');
  });

  it('keeps wall-clock opening hours across the spring DST change', () => {
    // Friday 2025-03-28 17:30 CET (+1) → Monday 31st 08:30 CEST (+2)
    expect(due('2025-03-28T16:30:00Z', 60, cal(OFFICE))).toBe('2025-03-31T06:30:00.000Z');
  });

  it('keeps wall-clock opening hours across the autumn DST change', () => {
    // Friday 2025-10-24 17:30 CEST (+2) → Monday 27th 08:30 CET (+1)
    expect(due('2025-10-24T15:30:00Z', 60, cal(OFFICE))).toBe('2025-10-27T07:30:00.000Z');
  });

  it('counts real minutes through the DST nights for a 24/7 service', () => {
    // 2025-03-30 01:30 CET + 60 real minutes = 03:30 CEST (the 02:00 hour does not exist).
    expect(due('2025-03-30T00:30:00Z', 60, cal(ALWAYS))).toBe('2025-03-30T01:30:00.000Z');
    // 2025-10-26 00:00 CEST + 6 h: the 02:00 hour happens twice, 05:00 CET = 04:00Z.
    expect(due('2025-10-25T22:00:00Z', 360, cal(ALWAYS))).toBe('2025-10-26T04:00:00.000Z');
  });

  it('a night service on the short spring night has only the hours that exist', () => {
    // Sunday 00:00–06:00 on 2025-03-30 is 5 real hours.
    const night: WeeklyHours = { 7: [{ start: '00:00', end: '06:00' }] };
    expect(serviceMinutesBetween(new Date('2025-03-29T12:00:00Z'), new Date('2025-03-31T00:00:00Z'), cal(night))).toBe(300);
    // and 7 on the long autumn night
    expect(serviceMinutesBetween(new Date('2025-10-25T12:00:00Z'), new Date('2025-10-27T00:00:00Z'), cal(night))).toBe(420);
  });

  it('returns null when the calendar never opens', () => {
    expect(due('2025-01-15T09:00:00Z', 60, cal({}))).toBeUndefined();
    expect(addServiceMinutes(new Date('2025-01-15T09:00:00Z'), 60, cal({}))).toBeNull();
  });

  it('zero minutes are due at once', () => {
    expect(due('2025-01-18T11:00:00Z', 0, cal(OFFICE))).toBe('2025-01-18T11:00:00.000Z');
  });

  it('supports split days (lunch break)', () => {
    const split: WeeklyHours = { 3: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '17:00' }] };
    // Wednesday 11:30 CET + 60 → 13:30 CET
    expect(due('2025-01-15T10:30:00Z', 60, cal(split))).toBe('2025-01-15T12:30:00.000Z');
    expect(isOpenAt(new Date('2025-01-15T11:30:00Z'), cal(split))).toBe(false);
    expect(isOpenAt(new Date('2025-01-15T12:30:00Z'), cal(split))).toBe(true);
  });
});

describe('service hours: elapsed time', () => {
  it('counts only open time between two instants', () => {
    // Friday 17:00 CET → Monday 09:00 CET: 60 + 60 minutes
    expect(serviceMinutesBetween(new Date('2025-01-17T16:00:00Z'), new Date('2025-01-20T08:00:00Z'), cal(OFFICE))).toBe(120);
    expect(serviceMinutesBetween(new Date('2025-01-20T08:00:00Z'), new Date('2025-01-17T16:00:00Z'), cal(OFFICE))).toBe(0);
  });

  it('is the inverse of adding service minutes (any start, any state, across DST)', () => {
    const states: (FederalState | null)[] = [null, 'BY', 'BE', 'NW'];
    fc.assert(fc.property(
      fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.integer({ min: 1, max: 5000 }),
      fc.constantFrom(...states),
      (from, minutes, state) => {
        const c = cal(OFFICE, state);
        const d = addServiceMinutes(from, minutes, c)!;
        expect(d.getTime()).toBeGreaterThan(from.getTime());
        expect(serviceMinutesBetween(from, d, c)).toBeCloseTo(minutes, 6);
        // and the due instant is inside (or at the end of) an open interval
        expect(isOpenAt(new Date(d.getTime() - 1), c)).toBe(true);
        // the one-walk variant gives the same instants for several targets
        const many = addServiceMinutesMany(from, [minutes, minutes * 0.8, 0, minutes + 600], c);
        expect(many.map((x) => x?.getTime())).toEqual([d, addServiceMinutes(from, minutes * 0.8, c), from, addServiceMinutes(from, minutes + 600, c)].map((x) => x?.getTime()));
      },
    ), { numRuns: 300 });
  });
});

describe('holidays', () => {
  it('knows the state holidays, including the recent ones', () => {
    expect(holidayOn('BY', '2025-01-06')).toBe('Heilige Drei Könige');
    expect(holidayOn('BE', '2025-01-06')).toBeNull();
    expect(holidayOn('BE', '2025-03-08')).toBe('Internationaler Frauentag');
    expect(holidayOn('MV', '2023-03-08')).not.toBeNull();
    expect(holidayOn('MV', '2022-03-08')).toBeNull();
    expect(holidayOn(null, '2025-10-03')).toBe('Tag der Deutschen Einheit');
    expect(holidayOn(null, '2025-12-24')).toBeNull(); // an observance, not a public holiday
  });
});
