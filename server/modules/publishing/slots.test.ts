import { describe, expect, it } from 'vitest';
import { nextFreeSlot } from './slots.ts';

const TZ = 'Europe/Berlin';

describe('nextFreeSlot', () => {
  // Wednesday 2031-03-26 12:00 Berlin (CET, +01:00).
  const now = new Date('2031-03-26T11:00:00Z');
  const slots = [{ weekday: 1, time: '09:00' }, { weekday: 3, time: '10:00' }, { weekday: 3, time: '15:00' }];

  it('takes the next slot later today', () => {
    expect(nextFreeSlot(slots, [], now, TZ)).toEqual({ at: new Date('2031-03-26T14:00:00Z'), local: '2031-03-26T15:00' });
  });

  it('skips a slot taken by a post within 30 minutes, and keeps 09:00 local across the DST change', () => {
    const busy = [new Date('2031-03-26T14:20:00Z')];
    // Monday 2031-03-31 is after the change to CEST (+02:00): 09:00 local is 07:00Z.
    expect(nextFreeSlot(slots, busy, now, TZ)).toEqual({ at: new Date('2031-03-31T07:00:00Z'), local: '2031-03-31T09:00' });
  });

  it('is null without slots or when every slot in the horizon is taken', () => {
    expect(nextFreeSlot([], [], now, TZ)).toBeNull();
    const one = [{ weekday: 4, time: '08:00' }];
    // Thursday 27 March 08:00 CET is taken; the next Thursday (CEST) is free.
    expect(nextFreeSlot(one, [new Date('2031-03-27T07:00:00Z')], now, TZ)).toEqual({ at: new Date('2031-04-03T06:00:00Z'), local: '2031-04-03T08:00' });
    const everyThursday = [new Date('2031-03-27T07:00:00Z'), ...[0, 1, 2, 3].map((w) => new Date(Date.UTC(2031, 3, 3 + 7 * w, 6, 0)))];
    expect(nextFreeSlot(one, everyThursday, now, TZ, 28)).toBeNull();
  });
});
