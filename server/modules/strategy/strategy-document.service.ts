/** Loads everything the strategy document shows and renders it. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { users } from '../identity/identity.schema.ts';
import { memberships, organisations, workspaces } from '../workspaces/workspaces.schema.ts';
import { kindOf } from './strategy-kinds.ts';
import { listItems, presentItems } from './strategy-items.service.ts';
import { renderMarkdown, strategyBlocks, type StrategyDocument, type StrategySnapshot } from './strategy-document.ts';
import { workspaceToday } from './workspace-day.ts';

/** The strategy document's blocks (for PDF and DOCX) and its Markdown. */
export async function strategyDocument(tx: Tx, workspaceId: string, now: Date, lang: 'de' | 'en'): Promise<{ title: string; markdown: string; document: StrategyDocument; organisation: string }> {
  const load = async (type: Parameters<typeof kindOf>[0]) => {
    const kind = kindOf(type);
    return presentItems(tx, kind, workspaceId, await listItems(tx, kind, workspaceId), now);
  };
  const [ws] = await tx.select({ name: workspaces.name, organisation: organisations.name }).from(workspaces).innerJoin(organisations, eq(organisations.id, workspaces.organisationId)).where(eq(workspaces.id, workspaceId));
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
  const document = strategyBlocks(snapshot, lang);
  return { title: document.title, markdown: renderMarkdown(document), document, organisation: ws?.organisation ?? '' };
}
