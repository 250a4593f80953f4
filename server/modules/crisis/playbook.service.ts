/**
 * Playbooks: versioned configuration per scenario (every change stores a snapshot and an audit row).
 * References (members, listening queries) are checked against the workspace, so a playbook can
 * never call someone outside it or watch another workspace's query.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { PlaybookContent } from '../../../common/schemas/crisis.ts';
import type { Tx } from '../../db/client.ts';
import { conflict, notFound, unprocessable, type FieldError } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { listeningQueries } from '../listening/listening.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { crisisPlaybooks, crisisPlaybookVersions } from './crisis.schema.ts';

export type PlaybookRow = typeof crisisPlaybooks.$inferSelect;

/** Field errors for references that do not belong to the workspace. */
export async function playbookReferenceErrors(tx: Tx, workspaceId: string, content: PlaybookContent, base = 'body.content'): Promise<FieldError[]> {
  const userRefs: { path: string; id: string }[] = [];
  content.team.forEach((e, i) => {
    if (e.member.kind === 'user') userRefs.push({ path: `${base}.team.${i}.member.userId`, id: e.member.userId });
    if (e.substituteUserId) userRefs.push({ path: `${base}.team.${i}.substituteUserId`, id: e.substituteUserId });
  });
  content.tasks.forEach((t, i) => {
    if (t.owner.kind === 'user') userRefs.push({ path: `${base}.tasks.${i}.owner.userId`, id: t.owner.userId });
  });
  (content.crisisChain ?? []).forEach((s, i) => s.userIds.forEach((id, j) => userRefs.push({ path: `${base}.crisisChain.${i}.userIds.${j}`, id })));
  const queryRefs: { path: string; id: string }[] = [];
  if (content.queryId) queryRefs.push({ path: `${base}.queryId`, id: content.queryId });
  content.levels.forEach((l, i) => l.triggers.forEach((t, j) => {
    if (t.kind === 'listening_spike') queryRefs.push({ path: `${base}.levels.${i}.triggers.${j}.queryId`, id: t.queryId });
  }));
  const errors: FieldError[] = [];
  if (userRefs.length) {
    const found = new Set((await tx.select({ id: memberships.userId }).from(memberships)
      .where(and(eq(memberships.workspaceId, workspaceId), inArray(memberships.userId, userRefs.map((r) => r.id))))).map((r) => r.id));
    for (const r of userRefs) if (!found.has(r.id)) errors.push({ path: r.path, message: 'not a member of this workspace' });
  }
  if (queryRefs.length) {
    const found = new Set((await tx.select({ id: listeningQueries.id }).from(listeningQueries)
      .where(and(eq(listeningQueries.workspaceId, workspaceId), inArray(listeningQueries.id, queryRefs.map((r) => r.id))))).map((r) => r.id));
    for (const r of queryRefs) if (!found.has(r.id)) errors.push({ path: r.path, message: 'unknown listening query' });
  }
  const levels = content.levels.map((l) => l.level);
  if (new Set(levels).size !== levels.length) errors.push({ path: `${base}.levels`, message: 'each severity level once' });
  return errors;
}

export async function loadPlaybook(tx: Tx, workspaceId: string, playbookId: string, lock = false): Promise<PlaybookRow> {
  const q = tx.select().from(crisisPlaybooks).where(and(eq(crisisPlaybooks.id, playbookId), eq(crisisPlaybooks.workspaceId, workspaceId)));
  const [p] = lock ? await q.for('update') : await q;
  if (!p) throw notFound('playbook');
  return p;
}

/** For references in request bodies: an unknown playbook is a field error (422), not a missing route. */
export async function playbookFromBody(tx: Tx, workspaceId: string, playbookId: string): Promise<PlaybookRow> {
  const [p] = await tx.select().from(crisisPlaybooks).where(and(eq(crisisPlaybooks.id, playbookId), eq(crisisPlaybooks.workspaceId, workspaceId)));
  if (!p || p.archived) throw unprocessable('unknown_playbook', 'Choose an existing, not archived playbook.', [{ path: 'body.playbookId', message: 'unknown or archived playbook' }]);
  return p;
}

export const contentOfPlaybook = (p: PlaybookRow) => p.content as PlaybookContent;

export async function listPlaybooks(tx: Tx, workspaceId: string): Promise<PlaybookRow[]> {
  return tx.select().from(crisisPlaybooks).where(eq(crisisPlaybooks.workspaceId, workspaceId)).orderBy(asc(crisisPlaybooks.archived), asc(crisisPlaybooks.name));
}

export async function createPlaybook(tx: Tx, actor: Actor, workspaceId: string, input: { scenario: string; name: string; content: PlaybookContent }, now: Date): Promise<PlaybookRow> {
  const errors = await playbookReferenceErrors(tx, workspaceId, input.content);
  if (errors.length) throw unprocessable('playbook_invalid', 'The playbook refers to something outside this workspace.', errors);
  const [p] = await tx.insert(crisisPlaybooks).values({ workspaceId, scenario: input.scenario, name: input.name, content: input.content, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
  await tx.insert(crisisPlaybookVersions).values({ playbookId: p!.id, version: 1, name: input.name, content: input.content, editedBy: actor.userId, createdAt: now });
  await recordAudit(tx, actor, { workspaceId, action: 'crisis_playbook.created', objectType: 'crisis_playbook', objectId: p!.id, after: { scenario: input.scenario, name: input.name, version: 1 } }, now);
  return p!;
}

export async function updatePlaybook(tx: Tx, actor: Actor, workspaceId: string, playbookId: string, input: { name?: string; content?: PlaybookContent; archived?: boolean; version: number }, now: Date): Promise<PlaybookRow> {
  const before = await loadPlaybook(tx, workspaceId, playbookId, true);
  if (before.version !== input.version) throw conflict('version_conflict', `The playbook was changed meanwhile (now version ${before.version}). Reload and apply your change again.`);
  if (input.content) {
    const errors = await playbookReferenceErrors(tx, workspaceId, input.content);
    if (errors.length) throw unprocessable('playbook_invalid', 'The playbook refers to something outside this workspace.', errors);
  }
  const name = input.name ?? before.name;
  const content = input.content ?? before.content;
  const version = before.version + 1;
  const [after] = await tx.update(crisisPlaybooks).set({ name, content, archived: input.archived ?? before.archived, version, updatedAt: now }).where(eq(crisisPlaybooks.id, playbookId)).returning();
  await tx.insert(crisisPlaybookVersions).values({ playbookId, version, name, content, editedBy: actor.userId, createdAt: now });
  await recordAudit(tx, actor, {
    workspaceId, action: 'crisis_playbook.updated', objectType: 'crisis_playbook', objectId: playbookId,
    before: { name: before.name, version: before.version, archived: before.archived, content: before.content },
    after: { name, version, archived: after!.archived, content },
  }, now);
  return after!;
}

export async function playbookVersions(tx: Tx, playbookId: string) {
  return tx.select({ version: crisisPlaybookVersions.version, name: crisisPlaybookVersions.name, editedBy: crisisPlaybookVersions.editedBy, createdAt: crisisPlaybookVersions.createdAt })
    .from(crisisPlaybookVersions).where(eq(crisisPlaybookVersions.playbookId, playbookId)).orderBy(asc(crisisPlaybookVersions.version));
}
