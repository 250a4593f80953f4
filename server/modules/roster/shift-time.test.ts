import { describe, expect, it } from 'vitest';
import { substitute } from './duty.ts';
import { isOnAt, occurrences, type ShiftRule } from './shift-time.ts';

const TZ = 'Europe/Berlin';
const weekly = (weekday: number, startTime: string, endTime: string, over: Partial<ShiftRule> = {}): ShiftRule =>
  ({ recurrence: 'weekly', weekday, startTime, endTime, validFrom: null, validUntil: null, startsAt: null, endsAt: null, ...over });

describe('shift times', () => {
  it('a weekly day shift is on from its start (inclusive) to its end (exclusive), in local time', () => {
    const mon = weekly(1, '08:00', '16:00');
    expect(isOnAt(mon, TZ, new Date('2025-01-13T07:00:00Z'))).toBe(true); // Mon 08:00 CET
    expect(isOnAt(mon, TZ, new Date('2025-01-13T06:59:00Z'))).toBe(false);
    expect(isOnAt(mon, TZ, new Date('2025-01-13T15:00:00Z'))).toBe(false); // 16:00
    expect(isOnAt(mon, TZ, new Date('2025-07-14T06:00:00Z'))).toBe(true); // Mon 08:00 CEST
    expect(isOnAt(mon, TZ, new Date('2025-01-14T09:00:00Z'))).toBe(false); // Tuesday
  });

  it('a night shift runs into the next day', () => {
    const fri = weekly(5, '22:00', '06:00');
    expect(isOnAt(fri, TZ, new Date('2025-01-18T02:00:00Z'))).toBe(true); // Sat 03:00
    expect(isOnAt(fri, TZ, new Date('2025-01-18T05:00:00Z'))).toBe(false); // Sat 06:00
    expect(isOnAt(fri, TZ, new Date('2025-01-17T20:59:00Z'))).toBe(false); // Fri 21:59
  });

  it('a shift through the spring-forward night is an hour shorter, through the autumn night an hour longer', () => {
    const sat = weekly(6, '22:00', '06:00');
    const [spring] = occurrences(sat, TZ, new Date('2025-03-29T12:00:00Z'), new Date('2025-03-30T12:00:00Z'));
    expect((spring!.end.getTime() - spring!.start.getTime()) / 3600_000).toBe(7);
    const [autumn] = occurrences(sat, TZ, new Date('2025-10-25T12:00:00Z'), new Date('2025-10-26T12:00:00Z'));
    expect((autumn!.end.getTime() - autumn!.start.getTime()) / 3600_000).toBe(9);
  });

  it('respects the validity range of a weekly shift', () => {
    const mon = weekly(1, '08:00', '16:00', { validFrom: '2025-01-20', validUntil: '2025-01-27' });
    expect(isOnAt(mon, TZ, new Date('2025-01-13T09:00:00Z'))).toBe(false);
    expect(isOnAt(mon, TZ, new Date('2025-01-20T09:00:00Z'))).toBe(true);
    expect(isOnAt(mon, TZ, new Date('2025-01-27T09:00:00Z'))).toBe(true);
    expect(isOnAt(mon, TZ, new Date('2025-02-03T09:00:00Z'))).toBe(false);
  });

  it('expands weekly shifts over a range and keeps one-off shifts as they are', () => {
    const tue = weekly(2, '09:00', '17:00');
    const occ = occurrences(tue, TZ, new Date('2025-01-01T00:00:00Z'), new Date('2025-02-01T00:00:00Z'));
    expect(occ.map((o) => o.date)).toEqual(['2025-01-07', '2025-01-14', '2025-01-21', '2025-01-28']);
    const once: ShiftRule = { ...tue, recurrence: 'once', startsAt: new Date('2025-01-04T10:00:00Z'), endsAt: new Date('2025-01-04T14:00:00Z') };
    expect(isOnAt(once, TZ, new Date('2025-01-04T13:59:00Z'))).toBe(true);
    expect(isOnAt(once, TZ, new Date('2025-01-04T14:00:00Z'))).toBe(false);
  });
});

describe('substitutes', () => {
  const members = new Set(['anna', 'ben', 'cem', 'dora']);

  it('an absent person is replaced by their substitute', () => {
    expect(substitute(['anna', 'ben'], [{ userId: 'anna', substituteId: 'cem' }], members)).toEqual(['cem', 'ben']);
  });

  it('follows a chain of absences and stops at a cycle', () => {
    expect(substitute(['anna'], [{ userId: 'anna', substituteId: 'ben' }, { userId: 'ben', substituteId: 'cem' }], members)).toEqual(['cem']);
    expect(substitute(['anna'], [{ userId: 'anna', substituteId: 'ben' }, { userId: 'ben', substituteId: 'anna' }], members)).toEqual([]);
  });

  it('drops absent people without substitute, non-members and duplicates', () => {
    expect(substitute(['anna', 'ben'], [{ userId: 'anna', substituteId: null }], members)).toEqual(['ben']);
    expect(substitute(['anna'], [{ userId: 'anna', substituteId: 'eve' }], members)).toEqual([]);
    expect(substitute(['anna', 'cem'], [{ userId: 'anna', substituteId: 'cem' }], members)).toEqual(['cem']);
  });
});
