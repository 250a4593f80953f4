/** The next deadlines of the strategy: SMART goal deadlines and ends of roll-out phases, from today. */
import { and, eq, gte } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { strategyGoals, strategyPhases } from './strategy.schema.ts';

export interface Deadline {
  title: string;
  date: string;
  kind: 'goal' | 'phase';
  id: string;
}

export async function nextDeadlines(tx: Tx, workspaceId: string, today: string, limit = 5): Promise<Deadline[]> {
  const goals = await tx.select({ id: strategyGoals.id, title: strategyGoals.title, date: strategyGoals.deadline }).from(strategyGoals).where(and(eq(strategyGoals.workspaceId, workspaceId), gte(strategyGoals.deadline, today)));
  const phases = await tx.select({ id: strategyPhases.id, title: strategyPhases.name, date: strategyPhases.endDate }).from(strategyPhases).where(and(eq(strategyPhases.workspaceId, workspaceId), gte(strategyPhases.endDate, today)));
  return [
    ...goals.map((g) => ({ ...g, kind: 'goal' as const })),
    ...phases.filter((p): p is { id: string; title: string; date: string } => p.date !== null).map((p) => ({ ...p, kind: 'phase' as const })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.title.localeCompare(b.title))).slice(0, limit);
}
