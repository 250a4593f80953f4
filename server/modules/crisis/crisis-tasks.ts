/** The playbook's checklist for one crisis: owners resolved at activation, due times from its target minutes. */
import { and, eq } from 'drizzle-orm';
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { crisisTasks } from './crisis.schema.ts';
import { logCrisisEvent } from './crisis-events.ts';
import { resolveMember } from './contact-chain.ts';
import type { CrisisRow } from './crisis-state.ts';

export async function createTasks(tx: Tx, c: { id: string; workspaceId: string }, tasks: PlaybookContent['tasks'], now: Date): Promise<void> {
  if (tasks.length === 0) return;
  const rows = [];
  for (const [i, t] of tasks.entries()) {
    rows.push({ crisisId: c.id, workspaceId: c.workspaceId, position: i, title: t.title, ownerId: await resolveMember(tx, c.workspaceId, t.owner, now), dueAt: new Date(now.getTime() + t.dueMinutes * 60_000) });
  }
  await tx.insert(crisisTasks).values(rows);
}

export async function setTaskDone(tx: Tx, ctx: Pick<AppContext, 'events'>, actor: Actor, crisis: CrisisRow, taskId: string, done: boolean, now: Date) {
  if (crisis.state !== 'active') throw conflict('crisis_not_active', 'Tasks can only be changed while the crisis is active.');
  const [t] = await tx.select().from(crisisTasks).where(and(eq(crisisTasks.id, taskId), eq(crisisTasks.crisisId, crisis.id))).for('update');
  if (!t) throw notFound('task');
  if (Boolean(t.doneAt) === done) return t;
  const [after] = await tx.update(crisisTasks).set(done ? { doneAt: now, doneBy: actor.userId } : { doneAt: null, doneBy: null }).where(eq(crisisTasks.id, t.id)).returning();
  const late = done && now.getTime() > t.dueAt.getTime();
  await logCrisisEvent(tx, ctx, crisis, actor.userId, { kind: done ? 'task_done' : 'task_reopened', summary: t.title, data: { taskId: t.id, late } }, now);
  await recordAudit(tx, actor, { workspaceId: crisis.workspaceId, action: done ? 'crisis_task.done' : 'crisis_task.reopened', objectType: 'crisis_task', objectId: t.id, after: { title: t.title, late } }, now);
  return after!;
}
