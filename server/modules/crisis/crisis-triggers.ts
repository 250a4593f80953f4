/**
 * Which playbook (and severity level) a signal proposes: the highest level whose trigger matches.
 * Pure; the alert hook and the inbox volume check load the playbooks and call this.
 */
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';

export type Signal =
  | { kind: 'listening_spike'; queryId: string; alertKind: 'volume' | 'negative_share'; score: number }
  | { kind: 'inbox_volume'; perHour: number };

export interface TriggerMatch<P> {
  playbook: P;
  level: number;
}

/** The best match over all playbooks: highest level first, then the playbook order given. */
export function matchTrigger<P extends { content: unknown }>(playbooks: readonly P[], signal: Signal): TriggerMatch<P> | null {
  let best: TriggerMatch<P> | null = null;
  for (const p of playbooks) {
    const content = p.content as PlaybookContent;
    for (const level of content.levels) {
      const hit = level.triggers.some((t) => {
        if (signal.kind === 'listening_spike') return t.kind === 'listening_spike' && t.queryId === signal.queryId && t.alertKinds.includes(signal.alertKind) && signal.score >= t.minScore;
        return t.kind === 'inbox_volume' && signal.perHour >= t.perHour;
      });
      if (hit && (!best || level.level > best.level)) best = { playbook: p, level: level.level };
    }
  }
  return best;
}
