import { describe, expect, it } from 'vitest';
import { capacityFromRoster } from './roster-capacity.ts';

const shift = (userId: string, startTime: string, endTime: string, over: object = {}) => ({ userId, recurrence: 'weekly' as const, startTime, endTime, validFrom: null, validUntil: null, ...over });

describe('capacity from the duty roster', () => {
  it('adds up each member\'s weekly shifts in hours, night shifts across midnight included', () => {
    expect(capacityFromRoster([shift('a', '08:00', '12:00'), shift('a', '13:00', '15:30'), shift('b', '22:00', '02:00')], '2025-05-05'))
      .toEqual([{ userId: 'a', hoursPerWeek: 6.5 }, { userId: 'b', hoursPerWeek: 4 }]);
  });
  it('leaves out one-off shifts and shifts not valid today', () => {
    expect(capacityFromRoster([
      { ...shift('a', '08:00', '12:00'), recurrence: 'once' },
      shift('b', '08:00', '12:00', { validUntil: '2025-05-01' }),
      shift('c', '08:00', '12:00', { validFrom: '2025-06-01' }),
    ], '2025-05-05')).toEqual([]);
  });
});
