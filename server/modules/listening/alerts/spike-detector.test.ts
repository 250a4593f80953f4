import { describe, expect, it } from 'vitest';
import { baselineSamples, detectSpikes, mad, median, type HourlyCount } from './spike-detector.ts';
import { webhookPayload, type AlertMessage } from './webhook-formats.ts';

const HOUR = 3_600_000;
const now = new Date('2026-03-16T10:07:00Z'); // a Monday
const start = new Date(now.getTime() - 35 * 24 * HOUR);

/** Four weeks of hourly history: busy office hours on weekdays (60/h), quiet otherwise (6/h), 20 % negative. */
function history(): HourlyCount[] {
  const out: HourlyCount[] = [];
  const current = Math.floor(now.getTime() / HOUR) * HOUR;
  for (let t = current - 28 * 24 * HOUR; t < current; t += HOUR) {
    const d = new Date(t);
    const office = d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && d.getUTCHours() >= 7 && d.getUTCHours() <= 16;
    const volume = office ? 60 + ((t / HOUR) % 5) : 6 + ((t / HOUR) % 3);
    out.push({ bucket: d, volume, negative: Math.round(volume * 0.2) });
  }
  return out;
}

describe('robust statistics', () => {
  it('computes median and MAD', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(mad([1, 1, 2, 2, 4, 6, 9])).toBe(1);
  });
});

describe('baseline', () => {
  it('uses the same hour of the week in previous weeks (±1 h)', () => {
    const s = baselineSamples(now, history(), start);
    expect(s).toHaveLength(12);
    for (const x of s) expect([9, 10, 11]).toContain(x.bucket.getUTCHours());
    expect(new Set(s.map((x) => x.bucket.getUTCDay()))).toEqual(new Set([1]));
  });
  it('falls back to the same hour of day for a query younger than a week', () => {
    const young = new Date(now.getTime() - 3 * 24 * HOUR);
    const s = baselineSamples(now, history(), young);
    expect(s.length).toBe(7); // 3 days × 3 hours, minus the two before the query existed
    for (const x of s) expect(x.bucket.getTime()).toBeGreaterThanOrEqual(young.getTime());
  });
});

describe('detectSpikes', () => {
  const base = { now, history: history(), historyStart: start, sensitivity: 'medium' as const, minMentions: 10 };

  it('stays quiet at a normal Monday-morning volume that would be a spike at night', () => {
    // 5 and 15 minutes of a normal office hour: ~5 and ~15 mentions.
    expect(detectSpikes({ ...base, windows: [{ minutes: 5, volume: 6, negative: 1 }, { minutes: 15, volume: 16, negative: 3 }] })).toEqual([]);
    const night = new Date('2026-03-15T02:07:00Z');
    const a = detectSpikes({ ...base, now: night, windows: [{ minutes: 15, volume: 16, negative: 3 }] });
    expect(a.map((x) => x.kind)).toEqual(['volume']);
  });

  it('flags a volume spike and reports observed vs expected', () => {
    const a = detectSpikes({ ...base, windows: [{ minutes: 5, volume: 40, negative: 8 }, { minutes: 15, volume: 50, negative: 10 }] });
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ kind: 'volume', windowMinutes: 5, observed: 40 });
    expect(a[0]!.expected).toBeCloseTo(5.2, 0);
    expect(a[0]!.score).toBeGreaterThanOrEqual(4);
  });

  it('flags a rise of the negative share at normal volume', () => {
    const a = detectSpikes({ ...base, windows: [{ minutes: 15, volume: 16, negative: 13 }] });
    expect(a.map((x) => x.kind)).toEqual(['negative_share']);
    expect(a[0]!.observed).toBeCloseTo(0.8125, 3);
  });

  it('respects sensitivity and the minimum count', () => {
    const w = [{ minutes: 5, volume: 16, negative: 3 }];
    expect(detectSpikes({ ...base, sensitivity: 'high', windows: w })).toHaveLength(1);
    expect(detectSpikes({ ...base, sensitivity: 'low', windows: w })).toHaveLength(0);
    expect(detectSpikes({ ...base, minMentions: 20, windows: w })).toHaveLength(0);
  });

  it('does not judge without history', () => {
    expect(detectSpikes({ ...base, history: [], historyStart: new Date(now.getTime() - 30 * 60_000), windows: [{ minutes: 5, volume: 500, negative: 0 }] })).toEqual([]);
  });
});

describe('webhook payloads', () => {
  const msg: AlertMessage = {
    alertId: 'a1', workspaceId: 'w', queryId: 'q', queryName: 'Bundesamt <Beispiel>', kind: 'volume', observed: 40, expected: 5, score: 9.1,
    windowStart: '2026-03-16T10:02:00.000Z', windowEnd: '2026-03-16T10:07:00.000Z', link: 'https://resonanz.example/w/1',
  };
  it('has the shapes Slack, Teams and Matrix accept', () => {
    const slack = webhookPayload('slack', msg) as { text: string; blocks: unknown[] };
    expect(slack.text).toContain('40 Erwähnungen');
    expect(slack.blocks.length).toBeGreaterThan(0);
    const teams = webhookPayload('teams', msg) as { type: string; attachments: { contentType: string; content: { type: string } }[] };
    expect(teams.type).toBe('message');
    expect(teams.attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(teams.attachments[0]!.content.type).toBe('AdaptiveCard');
    const matrix = webhookPayload('matrix', msg) as { msgtype: string; formatted_body: string };
    expect(matrix.msgtype).toBe('m.text');
    expect(matrix.formatted_body).toContain('&#60;Beispiel&#62;');
    expect((webhookPayload('json', msg) as { alert: AlertMessage }).alert.alertId).toBe('a1');
  });
});
