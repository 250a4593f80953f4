/**
 * Department contacts for expert escalation. The directory is kept by the community team (one entry
 * per address, stored lower-case); the escalation form offers it first, then the external experts
 * asked before who are not in it, so nobody retypes an address and a new contact needs no setup.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { inboxExpertContacts } from './inbox.schema.ts';

export type ExpertContactRow = typeof inboxExpertContacts.$inferSelect;
export interface ExpertContact {
  id: string | null;
  source: 'directory' | 'history';
  email: string;
  name: string | null;
  department: string | null;
  uses: number;
  lastUsedAt: Date | null;
}
type Input = { department: string; name?: string | null | undefined; email: string };

const snapshot = (r: ExpertContactRow) => ({ department: r.department, name: r.name, email: r.email });

/**
 * External experts asked before, one per address, with the name and department of the latest request,
 * newest first (or only `email`'s). All of them: a workspace asks a few hundred addresses at most, and
 * the directory's entries need their counts too.
 */
async function askedBefore(tx: Tx, workspaceId: string, email?: string) {
  const rows = await tx.execute<{ email: string; name: string | null; department: string | null; uses: number; last_used_at: Date | string }>(sql`
    SELECT * FROM (
      SELECT DISTINCT ON (expert_email) expert_email AS email, expert_name AS name, department,
             (count(*) OVER (PARTITION BY expert_email))::int AS uses, created_at AS last_used_at
      FROM inbox_escalations
      WHERE workspace_id = ${workspaceId} AND expert_user_id IS NULL AND expert_email IS NOT NULL${email === undefined ? sql`` : sql` AND expert_email = ${email}`}
      ORDER BY expert_email, created_at DESC
    ) c ORDER BY last_used_at DESC, email`);
  return rows.rows.map((r) => ({ email: r.email, name: r.name, department: r.department, uses: Number(r.uses), lastUsedAt: new Date(r.last_used_at) }));
}

/** A directory entry with the earlier requests to its address. */
const entryOf = (d: ExpertContactRow, used: { uses: number; lastUsedAt: Date } | undefined): ExpertContact =>
  ({ id: d.id, source: 'directory', email: d.email, name: d.name, department: d.department, uses: used?.uses ?? 0, lastUsedAt: used?.lastUsedAt ?? null });

/** One directory entry as the list shows it (after a change). */
export async function directoryEntry(tx: Tx, workspaceId: string, row: ExpertContactRow): Promise<ExpertContact> {
  return entryOf(row, (await askedBefore(tx, workspaceId, row.email))[0]);
}

/** The directory (by department, then name), then up to 50 experts asked before who are not in it. */
export async function listExpertContacts(tx: Tx, workspaceId: string): Promise<ExpertContact[]> {
  const [directory, history] = await Promise.all([
    tx.select().from(inboxExpertContacts).where(eq(inboxExpertContacts.workspaceId, workspaceId)).orderBy(asc(inboxExpertContacts.department), asc(inboxExpertContacts.name), asc(inboxExpertContacts.email)),
    askedBefore(tx, workspaceId),
  ]);
  const used = new Map(history.map((h) => [h.email, h]));
  const listed = new Set(directory.map((d) => d.email));
  return [
    ...directory.map((d) => entryOf(d, used.get(d.email))),
    ...history.filter((h) => !listed.has(h.email)).slice(0, 50).map((h) => ({ id: null, source: 'history' as const, ...h })),
  ];
}

async function assertFree(tx: Tx, workspaceId: string, email: string, except: string | null): Promise<void> {
  const [dup] = await tx.select({ id: inboxExpertContacts.id }).from(inboxExpertContacts).where(and(eq(inboxExpertContacts.workspaceId, workspaceId), eq(inboxExpertContacts.email, email)));
  if (dup && dup.id !== except) throw validationFailed([{ path: 'body.email', message: 'this address is already in the directory' }]);
}

export async function createExpertContact(tx: Tx, actor: Actor, workspaceId: string, input: Input, now: Date): Promise<ExpertContactRow> {
  await assertFree(tx, workspaceId, input.email, null);
  const [row] = await tx.insert(inboxExpertContacts).values({ workspaceId, department: input.department, name: input.name ?? null, email: input.email, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.expert_contact.created', objectType: 'inbox_expert_contact', objectId: row!.id, after: snapshot(row!) }, now);
  return row!;
}

export async function updateExpertContact(tx: Tx, actor: Actor, workspaceId: string, id: string, patch: Partial<Input>, now: Date): Promise<ExpertContactRow> {
  const [before] = await tx.select().from(inboxExpertContacts).where(and(eq(inboxExpertContacts.workspaceId, workspaceId), eq(inboxExpertContacts.id, id)));
  if (!before) throw notFound('expert contact');
  if (patch.email !== undefined) await assertFree(tx, workspaceId, patch.email, id);
  const [after] = await tx.update(inboxExpertContacts).set({
    ...(patch.department !== undefined ? { department: patch.department } : {}), ...(patch.name !== undefined ? { name: patch.name } : {}),
    ...(patch.email !== undefined ? { email: patch.email } : {}), updatedAt: now,
  }).where(eq(inboxExpertContacts.id, id)).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.expert_contact.updated', objectType: 'inbox_expert_contact', objectId: id, before: snapshot(before), after: snapshot(after!) }, now);
  return after!;
}

export async function deleteExpertContact(tx: Tx, actor: Actor, workspaceId: string, id: string, now: Date): Promise<void> {
  const [before] = await tx.delete(inboxExpertContacts).where(and(eq(inboxExpertContacts.workspaceId, workspaceId), eq(inboxExpertContacts.id, id))).returning();
  if (!before) throw notFound('expert contact');
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.expert_contact.deleted', objectType: 'inbox_expert_contact', objectId: id, before: snapshot(before) }, now);
}

export const presentExpertContact = (c: ExpertContact) => ({ ...c, lastUsedAt: c.lastUsedAt ? c.lastUsedAt.toISOString() : null });
