import { describe, expect, it } from 'vitest';
import { humanDuration, slaText } from './sla-time.ts';

describe('SLA clock text', () => {
  const now = Date.parse('2026-03-02T09:00:00Z');
  it('counts down and up in sensible units', () => {
    expect(slaText({ state: 'ok', dueAt: '2026-03-02T09:42:10Z' }, now, 'de')).toEqual({ key: 'left', amount: '42 Min.' });
    expect(slaText({ state: 'breached', dueAt: '2026-03-02T06:00:00Z' }, now, 'en')).toEqual({ key: 'overdue', amount: '3 hrs' });
    expect(slaText({ state: 'ok', dueAt: null }, now, 'de').key).toBe('none');
    expect(slaText({ state: 'met', dueAt: null }, now, 'de').key).toBe('met');
  });
  it('never says zero minutes', () => {
    expect(humanDuration(5_000, 'de')).toBe('1 Min.');
    expect(humanDuration(3 * 86_400_000, 'de')).toBe('3 Tg.');
  });
});
