import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../../common/permissions.ts';
import { workspaceParamsSchema, okSchema } from '../../../common/schemas/common.ts';
import { acceptInvitationSchema, invitationInfoSchema, invitationParamsSchema, invitationSchema, inviteBodySchema, memberParamsSchema, memberSchema, rolesBodySchema, teamSchema } from '../../../common/schemas/workspaces.ts';
import type { Tx } from '../../db/client.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { startSession } from '../identity/session.service.ts';
import { csrfTokenFor } from '../../http/access.ts';
import { acceptInvitation, invitationInfo, invite } from './invitation.service.ts';
import { invitations, memberships } from './workspaces.schema.ts';

async function ownerCount(tx: Tx, workspaceId: string): Promise<number> {
  const r = await tx.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM memberships WHERE workspace_id = ${workspaceId} AND 'owner' = ANY(roles)`);
  return Number(r.rows[0]?.n ?? 0);
}

/** Only an owner may grant or take away the owner role; the last owner cannot be removed. */
function assertOwnerRules(actorRoles: Role[], before: string[], after: string[]) {
  const touchesOwner = before.includes('owner') !== after.includes('owner');
  if (touchesOwner && !actorRoles.includes('owner')) throw forbidden('owner_required', 'Only an owner can grant or remove the owner role.');
}

export function registerTeamRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['team'];

  app.get('/api/v1/workspaces/:workspaceId/members', { config: { access: { permission: 'members.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: teamSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    const members = await db
      .select({ userId: users.id, email: users.email, name: users.name, totpEnabled: users.totpEnabled, roles: memberships.roles, joinedAt: memberships.createdAt })
      .from(memberships).innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.workspaceId, wsId)).orderBy(asc(users.name));
    const open = await db.select().from(invitations)
      .where(and(eq(invitations.workspaceId, wsId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, ctx.clock.now())))
      .orderBy(asc(invitations.createdAt));
    return {
      members: members.map((m) => ({ ...m, roles: m.roles as Role[], joinedAt: m.joinedAt.toISOString() })),
      invitations: open.map((i) => ({ id: i.id, email: i.email, roles: i.roles as Role[], expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() })),
    };
  });

  app.post(
    '/api/v1/workspaces/:workspaceId/invitations',
    { config: { access: { permission: 'members.manage' } }, schema: { tags, params: workspaceParamsSchema, body: inviteBodySchema, response: { 201: invitationSchema } } },
    async (req, reply) => {
      const ws = workspaceOf(req);
      assertOwnerRules(ws.roles, [], req.body.roles);
      const inv = await invite(ctx, req, ws.id, req.body.email, req.body.roles);
      return reply.code(201).send({ id: inv.id, email: inv.email, roles: inv.roles as Role[], expiresAt: inv.expiresAt.toISOString(), createdAt: inv.createdAt.toISOString() });
    },
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId/invitations/:invitationId',
    { config: { access: { permission: 'members.manage' } }, schema: { tags, params: invitationParamsSchema, response: { 200: okSchema } } },
    async (req) => {
      const wsId = workspaceOf(req).id;
      await db.transaction(async (tx) => {
        const [inv] = await tx.update(invitations).set({ revokedAt: ctx.clock.now() })
          .where(and(eq(invitations.id, req.params.invitationId), eq(invitations.workspaceId, wsId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt))).returning();
        if (!inv) throw notFound('invitation');
        await recordAudit(tx, actorOf(req), { workspaceId: wsId, action: 'invitation.revoked', objectType: 'invitation', objectId: inv.id });
      });
      return { ok: true as const };
    },
  );

  app.put(
    '/api/v1/workspaces/:workspaceId/members/:userId/roles',
    { config: { access: { permission: 'members.manage' } }, schema: { tags, params: memberParamsSchema, body: rolesBodySchema, response: { 200: memberSchema } } },
    async (req) => {
      const ws = workspaceOf(req);
      return db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1 FROM memberships WHERE workspace_id = ${ws.id} FOR UPDATE`);
        const [m] = await tx.select().from(memberships).where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, req.params.userId)));
        if (!m) throw notFound('member');
        assertOwnerRules(ws.roles, m.roles, req.body.roles);
        if (m.roles.includes('owner') && !req.body.roles.includes('owner') && (await ownerCount(tx, ws.id)) <= 1) {
          throw unprocessable('last_owner', 'A workspace needs at least one owner.');
        }
        const [after] = await tx.update(memberships).set({ roles: req.body.roles }).where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, req.params.userId))).returning();
        await recordAudit(tx, actorOf(req), { workspaceId: ws.id, action: 'member.roles_changed', objectType: 'membership', objectId: req.params.userId, before: { roles: m.roles }, after: { roles: after!.roles } });
        const [u] = await tx.select().from(users).where(eq(users.id, req.params.userId));
        return { userId: u!.id, email: u!.email, name: u!.name, totpEnabled: u!.totpEnabled, roles: after!.roles as Role[], joinedAt: after!.createdAt.toISOString() };
      });
    },
  );

  app.delete(
    '/api/v1/workspaces/:workspaceId/members/:userId',
    { config: { access: { permission: 'members.manage' } }, schema: { tags, params: memberParamsSchema, response: { 200: okSchema } } },
    async (req) => {
      const ws = workspaceOf(req);
      await db.transaction(async (tx) => {
        await tx.execute(sql`SELECT 1 FROM memberships WHERE workspace_id = ${ws.id} FOR UPDATE`);
        const [m] = await tx.select().from(memberships).where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, req.params.userId)));
        if (!m) throw notFound('member');
        assertOwnerRules(ws.roles, m.roles, []);
        if (m.roles.includes('owner') && (await ownerCount(tx, ws.id)) <= 1) throw unprocessable('last_owner', 'A workspace needs at least one owner.');
        await tx.delete(memberships).where(and(eq(memberships.workspaceId, ws.id), eq(memberships.userId, req.params.userId)));
        await recordAudit(tx, actorOf(req), { workspaceId: ws.id, action: 'member.removed', objectType: 'membership', objectId: req.params.userId, before: { roles: m.roles } });
      });
      return { ok: true as const };
    },
  );

  app.get('/api/v1/invitations/:token', { config: { access: { public: true } }, schema: { tags, params: z.object({ token: z.string().min(10).max(200) }), response: { 200: invitationInfoSchema } } }, async (req) =>
    invitationInfo(ctx, req.params.token),
  );

  app.post('/api/v1/invitations/accept', { config: { access: { public: true }, rateLimit: { max: ctx.config.AUTH_RATE_LIMIT_PER_MIN, timeWindow: '1 minute' } }, schema: { tags, body: acceptInvitationSchema, response: { 200: z.object({ status: z.literal('ok'), csrfToken: z.string() }) } } }, async (req, reply) => {
    const userId = await acceptInvitation(ctx, req, req.body);
    const idHash = await startSession(ctx, req, reply, userId, false);
    return { status: 'ok' as const, csrfToken: csrfTokenFor(ctx, idHash) };
  });
}
