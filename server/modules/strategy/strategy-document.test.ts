import { describe, expect, it } from 'vitest';
import { renderStrategyDocument, type StrategySnapshot } from './strategy-document.ts';

const empty: StrategySnapshot = {
  workspaceName: 'Amt', today: '2025-06-15', people: { u1: 'Sabine' }, challenges: [], metaGoals: [], goals: [], targetGroups: [],
  platforms: [], topics: [], goalTitles: {}, effortPlans: [], phases: [],
};

describe('strategy document', () => {
  it('says explicitly what is not defined yet, in the chosen language', () => {
    const de = renderStrategyDocument(empty, 'de').markdown;
    expect(de).toContain('# Social-Media-Strategie – Amt');
    expect(de.match(/Noch nicht festgelegt\./g)).toHaveLength(7);
    expect(renderStrategyDocument(empty, 'en').markdown).toContain('## Target groups\n\nNot defined yet.');
  });

  it('renders goals as a table with progress and forecast, escaping table syntax', () => {
    const md = renderStrategyDocument({
      ...empty,
      metaGoals: [{ id: 'm1', title: 'Informieren', description: '' }],
      goals: [{ metaGoalId: 'm1', title: 'A | B', metric: 'followers', channels: [], baseline: 1000, targetValue: 5000, deadline: '2026-01-01', ownerId: 'u1',
        progress: { current: 2000, progress: 25, achieved: false, forecast: 'at_risk', projected: 4500, projectedProgress: 87.5, points: 10 } }],
    }, 'de').markdown;
    expect(md).toContain('| A \\| B | Follower | 1.000 | 5.000 | 2026-01-01 | alle | Sabine | 25 % | gefährdet |');
  });

  it('warns in the effort section when the plan exceeds the capacity', () => {
    const result = { lines: [], postingHours: 10, interactionHours: 5, monitoringHours: 1, plannedHours: 16, capacityHours: 10, utilisation: 1.6, overCapacity: true, budgetEur: 0, warnings: ['over_capacity' as const] };
    expect(renderStrategyDocument({ ...empty, effortPlans: [{ name: 'Plan', result }] }, 'en').markdown).toContain('> Warning: the plan exceeds the capacity.');
  });
});
