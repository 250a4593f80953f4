import { describe, expect, it } from 'vitest';
import { slaState, type SlaClock } from './sla-state.ts';
import { dueDatesWith, DEFAULT_HOURS, targetsFor, type SlaContext } from './sla-targets.ts';

function ctx(over: Partial<SlaContext> = {}): SlaContext {
  return {
    calendar: { timeZone: 'Europe/Berlin', hours: DEFAULT_HOURS, isClosed: () => false },
    warnAtPercent: 80, defaults: { firstResponseMinutes: 60, resolutionMinutes: 1200 },
    policies: [], strategyMinutes: new Map(), crisis: null, ...over,
  };
}

describe('SLA targets', () => {
  const p = (channelId: string | null, priority: string | null, first: number | null, res: number | null = null) => ({ channelId, priority, firstResponseMinutes: first, resolutionMinutes: res });

  it('defaults to 60 minutes first response', () => {
    expect(targetsFor(ctx(), 'ch1', 'normal')).toEqual({ firstResponseMinutes: 60, resolutionMinutes: 1200 });
  });

  it('takes the most specific level that sets a target: channel+priority, channel, strategy, priority, workspace', () => {
    const c = ctx({ policies: [p(null, null, 90, 2000), p(null, 'urgent', 15), p('ch1', null, 45), p('ch1', 'urgent', 10, 120)], strategyMinutes: new Map([['ch1', 30], ['ch2', 20]]) });
    expect(targetsFor(c, 'ch1', 'urgent')).toEqual({ firstResponseMinutes: 10, resolutionMinutes: 120 });
    expect(targetsFor(c, 'ch1', 'low')).toEqual({ firstResponseMinutes: 45, resolutionMinutes: 2000 });
    expect(targetsFor(c, 'ch2', 'urgent')).toEqual({ firstResponseMinutes: 20, resolutionMinutes: 2000 });
    expect(targetsFor(c, 'ch3', 'urgent')).toEqual({ firstResponseMinutes: 15, resolutionMinutes: 2000 });
    expect(targetsFor(c, null, null)).toEqual({ firstResponseMinutes: 90, resolutionMinutes: 2000 });
  });

  it('computes warn instants at the configured share of service time', () => {
    // Wednesday 2025-01-15 17:30 CET, 60 minutes: warn after 48 service minutes (Thu 08:18), due Thu 08:30.
    const d = dueDatesWith(ctx(), { channelId: null, priority: null, receivedAt: new Date('2025-01-15T16:30:00Z') });
    expect(d.firstResponseWarnAt?.toISOString()).toBe('2025-01-16T07:18:00.000Z');
    expect(d.firstResponseDueAt?.toISOString()).toBe('2025-01-16T07:30:00.000Z');
    expect(d.firstResponseMinutes).toBe(60);
  });

  it('runs crisis items on the crisis targets around the clock', () => {
    const d = dueDatesWith(ctx({ crisis: { firstResponseMinutes: 15, resolutionMinutes: 120 } }), { channelId: null, priority: 'crisis', receivedAt: new Date('2025-01-18T22:00:00Z') });
    expect(d.firstResponseDueAt?.toISOString()).toBe('2025-01-18T22:15:00.000Z');
    expect(d.resolutionDueAt?.toISOString()).toBe('2025-01-19T00:00:00.000Z');
  });
});

describe('SLA state', () => {
  const t = (iso: string) => new Date(iso);
  const clock: SlaClock = {
    firstResponseDueAt: t('2025-01-15T11:00:00Z'), firstResponseWarnAt: t('2025-01-15T10:48:00Z'), firstResponseAt: null,
    resolutionDueAt: t('2025-01-17T11:00:00Z'), resolutionWarnAt: t('2025-01-17T07:00:00Z'), resolvedAt: null,
  };

  it('runs ok → warning → breached on the first-response clock', () => {
    expect(slaState(clock, t('2025-01-15T10:00:00Z'))).toBe('ok');
    expect(slaState(clock, t('2025-01-15T10:48:00Z'))).toBe('warning');
    expect(slaState(clock, t('2025-01-15T11:00:00Z'))).toBe('breached');
  });

  it('after the first response the resolution clock runs', () => {
    const answered = { ...clock, firstResponseAt: t('2025-01-15T12:00:00Z') };
    expect(slaState(answered, t('2025-01-16T10:00:00Z'))).toBe('ok');
    expect(slaState(answered, t('2025-01-17T08:00:00Z'))).toBe('warning');
    expect(slaState(answered, t('2025-01-17T12:00:00Z'))).toBe('breached');
    expect(slaState({ ...answered, resolutionDueAt: null, resolutionWarnAt: null }, t('2025-01-16T10:00:00Z'))).toBe('missed');
  });

  it('a resolved item met its targets only when both were kept', () => {
    expect(slaState({ ...clock, firstResponseAt: t('2025-01-15T10:30:00Z'), resolvedAt: t('2025-01-16T10:00:00Z') }, t('2025-02-01T00:00:00Z'))).toBe('met');
    expect(slaState({ ...clock, firstResponseAt: t('2025-01-15T11:30:00Z'), resolvedAt: t('2025-01-16T10:00:00Z') }, t('2025-02-01T00:00:00Z'))).toBe('missed');
    expect(slaState({ ...clock, firstResponseAt: t('2025-01-15T10:30:00Z'), resolvedAt: t('2025-01-18T10:00:00Z') }, t('2025-02-01T00:00:00Z'))).toBe('missed');
  });
});
