import { describe, expect, it } from 'vitest';
import { calculateEffort } from './effort-calculator.ts';

const bluesky = { network: 'bluesky', postsPerWeek: 10, minutesPerPost: 30, interactionsPerWeek: 60, minutesPerInteraction: 5 };

describe('effort calculator', () => {
  it('adds posting, interaction and monitoring hours per week', () => {
    const r = calculateEffort({ lines: [bluesky], monitoringHoursPerWeek: 2, capacity: [{ hoursPerWeek: 20 }] });
    expect(r.postingHours).toBe(5);
    expect(r.interactionHours).toBe(5);
    expect(r.plannedHours).toBe(12);
    expect(r.lines[0]).toEqual({ network: 'bluesky', postingHours: 5, interactionHours: 5, totalHours: 10 });
    expect(r.utilisation).toBe(0.6);
    expect(r.overCapacity).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('warns when the plan needs more hours than the team has', () => {
    const r = calculateEffort({ lines: [bluesky, { ...bluesky, network: 'mastodon' }], monitoringHoursPerWeek: 5, capacity: [{ hoursPerWeek: 10 }, { hoursPerWeek: 8 }] });
    expect(r.plannedHours).toBe(25);
    expect(r.capacityHours).toBe(18);
    expect(r.overCapacity).toBe(true);
    expect(r.warnings).toContain('over_capacity');
  });

  it('warns near capacity and without any capacity', () => {
    expect(calculateEffort({ lines: [bluesky], monitoringHoursPerWeek: 1, capacity: [{ hoursPerWeek: 11.5 }] }).warnings).toEqual(['near_capacity']);
    const none = calculateEffort({ lines: [bluesky], monitoringHoursPerWeek: 0, capacity: [] });
    expect(none.warnings).toEqual(['no_capacity']);
    expect(none.utilisation).toBeNull();
  });

  it('flags a plan that posts but budgets no time for interaction', () => {
    const r = calculateEffort({ lines: [{ ...bluesky, interactionsPerWeek: 0 }], monitoringHoursPerWeek: 0, capacity: [{ hoursPerWeek: 40 }] });
    expect(r.warnings).toEqual(['no_interaction_time']);
  });

  it('sums the budget items', () => {
    expect(calculateEffort({ lines: [], monitoringHoursPerWeek: 0, capacity: [], budgetItems: [{ amountEur: 1200.5 }, { amountEur: 300 }] }).budgetEur).toBe(1500.5);
  });
});
