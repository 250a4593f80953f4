/** Loads everything the strategy document shows and renders it. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { users } from '../identity/identity.schema.ts';
import { memberships, workspaces } from '../workspaces/workspaces.schema.ts';
import { kindOf } from './strategy-kinds.ts';
import { listItems, presentItems } from './strategy-items.service.ts';
import { renderStrategyDocument, type StrategySnapshot } from './strategy-document.ts';
import { workspaceToday } from './workspace-day.ts';

export async function strategyDocument(tx: Tx, workspaceId: string, now: Date, lang: 'de' | 'en') {
  const load = async (type: Parameters<typeof kindOf>[0]) => {
    const kind = kindOf(type);
    return presentItems(tx, kind, workspaceId, await listItems(tx, kind, workspaceId), now);
  };
  const [ws] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const people = await tx.select({ id: users.id, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.workspaceId, workspaceId));
  const goals = await load('goals');
  const snapshot = {
    workspaceName: ws?.name ?? '',
    today: await workspaceToday(tx, workspaceId, now),
    people: Object.fromEntries(people.map((p) => [p.id, p.name])),
    challenges: await load('challenges'),
    metaGoals: await load('meta-goals'),
    goals,
    goalTitles: Object.fromEntries(goals.map((g) => [g.id, String(g.title)])),
    targetGroups: await load('target-groups'),
    platforms: await load('platforms'),
    topics: await load('topics'),
    effortPlans: await load('effort-plans'),
    phases: await load('phases'),
  } as unknown as StrategySnapshot;
  return renderStrategyDocument(snapshot, lang);
}
