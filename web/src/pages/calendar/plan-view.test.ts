import { describe, expect, it } from 'vitest';
import { channelColour, entriesOf, planRange } from './plan-view.ts';

const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

describe('planRange', () => {
  it('opens on Monday with last week, this week and the next', () => {
    const r = planRange(new Date(2025, 8, 1, 8)); // Monday 1 September
    expect([ymd(r.start), ymd(r.end)]).toEqual(['2025-08-25', '2025-09-15']);
  });
  it('opens later in the week on this week and the next', () => {
    const r = planRange(new Date(2025, 8, 3, 8)); // Wednesday
    expect([ymd(r.start), ymd(r.end)]).toEqual(['2025-09-01', '2025-09-15']);
  });
  it('always shows the last two days and the next seven, in whole weeks, on every day of a month', () => {
    for (let day = 1; day <= 31; day++) {
      const { start, end } = planRange(new Date(2026, 2, day, 9));
      expect(new Date(2026, 2, day - 2, 12) >= start).toBe(true);
      expect(new Date(2026, 2, day + 7, 12) < end).toBe(true);
      expect(start.getDay()).toBe(1);
      expect(end.getDay()).toBe(1);
      expect([14, 21]).toContain(Math.round((end.getTime() - start.getTime()) / 86_400_000));
    }
  });
});

describe('entriesOf', () => {
  const post = { id: 'p', targets: [{ channelId: 'b', state: 'published' as const }, { channelId: 'm', state: 'failed' as const }] };
  it('is one entry by status, one per channel by channel, honouring the channel filter', () => {
    expect(entriesOf(post, 'failed', 'state', ['b', 'm'], null)).toEqual([{ id: 'p', postId: 'p', channelId: null, state: 'failed', colour: '#c92a2a' }]);
    const byChannel = entriesOf(post, 'failed', 'channel', ['b', 'm'], null);
    expect(byChannel.map((e) => [e.channelId, e.state])).toEqual([['b', 'published'], ['m', 'failed']]);
    expect(byChannel[0]!.colour).toBe(channelColour(['b', 'm'], 'b'));
    expect(byChannel[0]!.colour).not.toBe(byChannel[1]!.colour);
    expect(entriesOf(post, 'failed', 'channel', ['b', 'm'], 'm').map((e) => e.channelId)).toEqual(['m']);
  });
});
