import { describe, expect, it } from 'vitest';
import { matchTrigger } from './crisis-triggers.ts';

const q = '11111111-1111-4111-8111-111111111111';
const playbook = (name: string, levels: { level: number; triggers: unknown[] }[]) => ({ name, content: { levels } });

describe('matchTrigger', () => {
  const a = playbook('a', [
    { level: 1, triggers: [] },
    { level: 2, triggers: [{ kind: 'listening_spike', queryId: q, alertKinds: ['volume'], minScore: 0 }] },
    { level: 3, triggers: [{ kind: 'listening_spike', queryId: q, alertKinds: ['volume'], minScore: 10 }] },
  ]);
  const b = playbook('b', [{ level: 2, triggers: [{ kind: 'listening_spike', queryId: q, alertKinds: ['negative_share'], minScore: 0 }, { kind: 'inbox_volume', perHour: 100 }] }]);

  it('picks the highest level whose trigger matches the signal', () => {
    expect(matchTrigger([a, b], { kind: 'listening_spike', queryId: q, alertKind: 'volume', score: 5 })).toMatchObject({ playbook: a, level: 2 });
    expect(matchTrigger([a, b], { kind: 'listening_spike', queryId: q, alertKind: 'volume', score: 12 })).toMatchObject({ playbook: a, level: 3 });
    expect(matchTrigger([a, b], { kind: 'listening_spike', queryId: q, alertKind: 'negative_share', score: 12 })).toMatchObject({ playbook: b, level: 2 });
  });

  it('ignores other queries and volumes below the threshold', () => {
    expect(matchTrigger([a, b], { kind: 'listening_spike', queryId: '22222222-2222-4222-8222-222222222222', alertKind: 'volume', score: 50 })).toBeNull();
    expect(matchTrigger([a, b], { kind: 'inbox_volume', perHour: 99 })).toBeNull();
    expect(matchTrigger([a, b], { kind: 'inbox_volume', perHour: 100 })).toMatchObject({ playbook: b });
  });
});
