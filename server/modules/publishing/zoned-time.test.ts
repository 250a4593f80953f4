import { describe, expect, it } from 'vitest';
import { instantToZoned, offsetMinutes, zonedToInstant } from './zoned-time.ts';

const TZ = 'Europe/Berlin';

describe('zoned time (Europe/Berlin DST)', () => {
  it('uses +01:00 in winter and +02:00 in summer for the same wall time', () => {
    expect(zonedToInstant('2025-03-29T09:00', TZ).toISOString()).toBe('2025-03-29T08:00:00.000Z');
    expect(zonedToInstant('2025-03-30T09:00', TZ).toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(zonedToInstant('2025-10-26T09:00', TZ).toISOString()).toBe('2025-10-26T08:00:00.000Z');
    expect(offsetMinutes(new Date('2025-07-01T12:00:00Z'), TZ)).toBe(120);
  });

  it('moves a time inside the spring-forward gap forward', () => {
    expect(zonedToInstant('2025-03-30T02:30', TZ).toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(instantToZoned(zonedToInstant('2025-03-30T02:30', TZ), TZ)).toBe('2025-03-30T03:30');
  });

  it('picks the first occurrence of an ambiguous autumn time', () => {
    expect(zonedToInstant('2025-10-26T02:30', TZ).toISOString()).toBe('2025-10-26T00:30:00.000Z');
  });

  it('round-trips ordinary times', () => {
    for (const l of ['2025-01-15T12:00', '2025-06-15T23:59', '2025-12-31T00:00']) expect(instantToZoned(zonedToInstant(l, TZ), TZ)).toBe(l);
    expect(() => zonedToInstant('morgen früh', TZ)).toThrow(RangeError);
  });
});
