import { describe, expect, it } from 'vitest';
import { placeholderCheck, registerReadinessCheck, readinessChecks, scoreReadiness, type ReadinessItem } from './readiness-registry.ts';

const item = (id: string, area: ReadinessItem['area'], status: ReadinessItem['status']): ReadinessItem => ({
  id, area, status, source: 'bitkom', title: { de: id, en: id }, reason: { de: '', en: '' }, link: '/',
});

describe('readiness scoring', () => {
  it('scores an area by the average of its items and overall by the average of the areas', () => {
    const r = scoreReadiness([item('a', 'goals', 'done'), item('b', 'goals', 'in_progress'), item('c', 'crisis', 'not_started')]);
    const goals = r.areas.find((a) => a.key === 'goals')!;
    expect(goals.score).toBe(75);
    expect(goals.status).toBe('in_progress');
    expect(r.areas.find((a) => a.key === 'crisis')!.status).toBe('not_started');
    // Ten areas: 75 for goals, 0 elsewhere.
    expect(r.score).toBe(8);
  });

  it('marks an area done only when every item is done', () => {
    const r = scoreReadiness([item('a', 'effort', 'done'), item('b', 'effort', 'done')]);
    expect(r.areas.find((a) => a.key === 'effort')).toMatchObject({ score: 100, status: 'done' });
  });
});

describe('check registry', () => {
  it('lets a module replace a placeholder in place', async () => {
    registerReadinessCheck(placeholderCheck({ id: 'test.first', area: 'crisis', source: 'processes', title: { de: 'x', en: 'x' }, link: '/x' }, { de: 'fehlt', en: 'missing' }));
    registerReadinessCheck(placeholderCheck({ id: 'test.second', area: 'crisis', source: 'processes', title: { de: 'y', en: 'y' }, link: '/y' }, { de: 'fehlt', en: 'missing' }));
    const position = readinessChecks().findIndex((c) => c.id === 'test.first');
    registerReadinessCheck({ id: 'test.first', area: 'crisis', source: 'processes', title: { de: 'x', en: 'x' }, link: '/x', run: async () => ({ status: 'done', reason: { de: 'ok', en: 'ok' } }) });
    const checks = readinessChecks();
    expect(checks.findIndex((c) => c.id === 'test.first')).toBe(position);
    expect((await checks[position]!.run({} as never)).status).toBe('done');
  });
});
