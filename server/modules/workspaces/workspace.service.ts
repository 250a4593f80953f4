import { eq, sql } from 'drizzle-orm';
import type { Role } from '../../../common/permissions.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { memberships, organisations, workspaces } from './workspaces.schema.ts';

export function slugify(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return s || 'workspace';
}

/** A slug not yet taken, by appending -2, -3 … */
export async function uniqueSlug(tx: Tx, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await tx.execute<{ slug: string }>(sql`SELECT slug FROM workspaces WHERE slug = ${base} OR slug LIKE ${`${base}-%`}`);
  const set = new Set(taken.rows.map((r) => r.slug));
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function createWorkspace(
  tx: Tx,
  actor: Actor,
  input: { organisationId: string; name: string; locale: string; timezone: string; ownerId: string; ownerRoles?: Role[] },
) {
  const slug = await uniqueSlug(tx, input.name);
  const [ws] = await tx
    .insert(workspaces)
    .values({ organisationId: input.organisationId, name: input.name, slug, locale: input.locale, timezone: input.timezone })
    .returning();
  await tx.insert(memberships).values({ workspaceId: ws!.id, userId: input.ownerId, roles: input.ownerRoles ?? ['owner'] });
  await recordAudit(tx, actor, { workspaceId: ws!.id, action: 'workspace.created', objectType: 'workspace', objectId: ws!.id, after: ws });
  return ws!;
}

export async function createOrganisation(tx: Tx, actor: Actor, name: string) {
  const [org] = await tx.insert(organisations).values({ name }).returning();
  await recordAudit(tx, actor, { workspaceId: null, action: 'organisation.created', objectType: 'organisation', objectId: org!.id, after: org });
  return org!;
}

export async function organisationOf(tx: Tx, workspaceId: string): Promise<string | null> {
  const [w] = await tx.select({ org: workspaces.organisationId }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.org ?? null;
}
