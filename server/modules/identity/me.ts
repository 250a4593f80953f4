import { eq } from 'drizzle-orm';
import type { Me } from '../../../common/schemas/auth.ts';
import { permissionsOf, rolesCoveredBy, type Role } from '../../../common/permissions.ts';
import type { AppContext } from '../../http/context.ts';
import { csrfTokenFor, type Principal } from '../../http/access.ts';
import { memberships, organisations, workspaces } from '../workspaces/workspaces.schema.ts';
import { users } from './identity.schema.ts';
import { notFound } from '../../http/errors.ts';

/** The signed-in user, their workspaces with roles and permissions, and the CSRF token of the session. */
export async function loadMe(ctx: AppContext, p: Principal): Promise<Me> {
  const { db } = ctx.database;
  const [u] = await db.select().from(users).where(eq(users.id, p.userId));
  if (!u) throw notFound('user');
  const rows = await db
    .select({ ws: workspaces, orgName: organisations.name, roles: memberships.roles })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .innerJoin(organisations, eq(organisations.id, workspaces.organisationId))
    .where(eq(memberships.userId, p.userId))
    .orderBy(workspaces.createdAt, workspaces.name);
  const visible = p.token ? rows.filter((r) => r.ws.id === p.token!.workspaceId) : rows;
  return {
    user: { id: u.id, email: u.email, name: u.name, locale: u.locale as 'de' | 'en', totpEnabled: u.totpEnabled },
    workspaces: visible.map((r) => {
      const roles = p.token ? rolesCoveredBy(p.token.roles, r.roles) : (r.roles as Role[]);
      return {
        id: r.ws.id, name: r.ws.name, slug: r.ws.slug, organisationName: r.orgName, locale: r.ws.locale as 'de' | 'en', timezone: r.ws.timezone,
        roles, permissions: permissionsOf(roles),
      };
    }),
    ...(p.sessionIdHash ? { csrfToken: csrfTokenFor(ctx, p.sessionIdHash) } : {}),
  };
}
