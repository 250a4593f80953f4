/** Factories for integration tests (Outline style): rows straight into the database. */
import { randomBytes } from 'node:crypto';
import type { Role } from '../../common/permissions.ts';
import type { Database } from '../db/client.ts';
import { SYSTEM_ACTOR } from '../modules/audit/audit.service.ts';
import { users } from '../modules/identity/identity.schema.ts';
import { hashPassword } from '../modules/identity/password.ts';
import { createOrganisation, createWorkspace } from '../modules/workspaces/workspace.service.ts';
import { memberships } from '../modules/workspaces/workspaces.schema.ts';

export const TEST_PASSWORD = 'correct horse battery';
let cachedHash: Promise<string> | null = null;

export async function buildUser(database: Database, over: { email?: string; name?: string; locale?: string } = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = over.email ?? `user-${randomBytes(4).toString('hex')}@example.org`;
  const [u] = await database.db.insert(users).values({ email, name: over.name ?? email.split('@')[0]!, passwordHash: await cachedHash, locale: over.locale ?? 'de' }).returning();
  return u!;
}

/** A workspace (in a new organisation) whose owner is a new user. */
export async function buildWorkspace(database: Database, name = `WS ${randomBytes(3).toString('hex')}`) {
  const owner = await buildUser(database);
  const ws = await database.db.transaction(async (tx) => {
    const org = await createOrganisation(tx, SYSTEM_ACTOR, `Org of ${name}`);
    return createWorkspace(tx, SYSTEM_ACTOR, { organisationId: org.id, name, locale: 'de', timezone: 'Europe/Berlin', ownerId: owner.id });
  });
  return { workspace: ws, owner };
}

export async function buildMember(database: Database, workspaceId: string, roles: Role[]) {
  const u = await buildUser(database);
  await database.db.insert(memberships).values({ workspaceId, userId: u.id, roles });
  return u;
}
