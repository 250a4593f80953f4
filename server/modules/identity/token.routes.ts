import { and, desc, eq, isNull } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokenCreateSchema, apiTokenCreatedSchema, apiTokenSchema } from '../../../common/schemas/auth.ts';
import { okSchema, uuidSchema } from '../../../common/schemas/common.ts';
import { rolesCoveredBy, type Role } from '../../../common/permissions.ts';
import { randomToken, sha256 } from '../../crypto/secrets.ts';
import { actorOf, principalOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { forbidden, notFound, unprocessable } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { apiTokens } from './identity.schema.ts';

const present = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id, name: t.name, workspaceId: t.workspaceId, prefix: t.prefix, roles: t.roles as Role[],
  expiresAt: t.expiresAt?.toISOString() ?? null, lastUsedAt: t.lastUsedAt?.toISOString() ?? null, createdAt: t.createdAt.toISOString(),
});

/** Personal API tokens: shown once, stored as SHA-256, limited to one workspace and some of the member's roles. */
export function registerTokenRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['profile'];

  app.get('/api/v1/tokens', { config: { access: { user: true } }, schema: { tags, response: { 200: z.object({ items: z.array(apiTokenSchema) }) } } }, async (req) => {
    const p = principalOf(req);
    const rows = await db.select().from(apiTokens).where(and(eq(apiTokens.userId, p.userId), isNull(apiTokens.revokedAt))).orderBy(desc(apiTokens.createdAt));
    return { items: rows.map(present) };
  });

  app.post('/api/v1/tokens', { config: { access: { user: true } }, schema: { tags, body: apiTokenCreateSchema, response: { 201: apiTokenCreatedSchema } } }, async (req, reply) => {
    const p = principalOf(req);
    if (p.token) throw forbidden('session_required', 'API tokens are created in the browser, not with another token.');
    const [m] = await db.select().from(memberships).where(and(eq(memberships.userId, p.userId), eq(memberships.workspaceId, req.body.workspaceId)));
    if (!m) throw notFound('workspace');
    const covered = rolesCoveredBy(req.body.roles, m.roles);
    const extra = req.body.roles.filter((r) => !covered.includes(r));
    if (extra.length) throw unprocessable('roles_not_held', `These roles grant more than you may do in the workspace: ${extra.join(', ')}.`, [{ path: 'body.roles', message: 'exceeds your permissions' }]);
    const secret = `rz_${randomToken(32)}`;
    const expiresAt = req.body.expiresInDays ? new Date(ctx.clock.now().getTime() + req.body.expiresInDays * 86_400_000) : null;
    const row = await db.transaction(async (tx) => {
      const [t] = await tx
        .insert(apiTokens)
        .values({ userId: p.userId, workspaceId: req.body.workspaceId, name: req.body.name, tokenHash: sha256(secret), prefix: secret.slice(0, 8), roles: req.body.roles, expiresAt })
        .returning();
      await recordAudit(tx, actorOf(req), { workspaceId: req.body.workspaceId, action: 'api_token.created', objectType: 'api_token', objectId: t!.id, after: { name: t!.name, roles: t!.roles } });
      return t!;
    });
    return reply.code(201).send({ ...present(row), token: secret });
  });

  app.delete(
    '/api/v1/tokens/:tokenId',
    { config: { access: { user: true } }, schema: { tags, params: z.object({ tokenId: uuidSchema }), response: { 200: okSchema } } },
    async (req) => {
      const p = principalOf(req);
      await db.transaction(async (tx) => {
        const [t] = await tx
          .update(apiTokens)
          .set({ revokedAt: ctx.clock.now() })
          .where(and(eq(apiTokens.id, req.params.tokenId), eq(apiTokens.userId, p.userId), isNull(apiTokens.revokedAt)))
          .returning();
        if (!t) throw notFound('token');
        await recordAudit(tx, actorOf(req), { workspaceId: t.workspaceId, action: 'api_token.revoked', objectType: 'api_token', objectId: t.id });
      });
      return { ok: true as const };
    },
  );
}
