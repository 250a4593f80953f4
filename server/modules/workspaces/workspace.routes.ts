import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { workspaceSummarySchema } from '../../../common/schemas/auth.ts';
import { workspaceCreateSchema, workspaceSchema, workspaceUpdateSchema } from '../../../common/schemas/workspaces.ts';
import { actorOf, principalOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { loadMe } from '../identity/me.ts';
import { createWorkspace, organisationOf } from './workspace.service.ts';
import { workspaces } from './workspaces.schema.ts';

const present = (w: typeof workspaces.$inferSelect) => ({ id: w.id, name: w.name, slug: w.slug, locale: w.locale as 'de' | 'en', timezone: w.timezone });

function assertTimezone(tz: string | undefined) {
  if (tz === undefined) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw validationFailed([{ path: 'body.timezone', message: `unknown time zone "${tz}"` }]);
  }
}

export function registerWorkspaceRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['workspaces'];

  app.get('/api/v1/workspaces', { config: { access: { user: true } }, schema: { tags, response: { 200: z.object({ items: z.array(workspaceSummarySchema) }) } } }, async (req) => ({
    items: (await loadMe(ctx, principalOf(req))).workspaces,
  }));

  app.get(
    '/api/v1/workspaces/:workspaceId',
    { config: { access: { permission: 'workspace.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: workspaceSchema } } },
    async (req) => {
      const [w] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceOf(req).id));
      if (!w) throw notFound('workspace');
      return present(w);
    },
  );

  app.patch(
    '/api/v1/workspaces/:workspaceId',
    { config: { access: { permission: 'workspace.update' } }, schema: { tags, params: workspaceParamsSchema, body: workspaceUpdateSchema, response: { 200: workspaceSchema } } },
    async (req) => {
      assertTimezone(req.body.timezone);
      const id = workspaceOf(req).id;
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(workspaces).where(eq(workspaces.id, id));
        // An empty patch changes nothing (and an UPDATE without columns is not valid SQL).
        if (Object.keys(req.body).length === 0) return present(before!);
        const [after] = await tx.update(workspaces).set(req.body).where(eq(workspaces.id, id)).returning();
        await recordAudit(tx, actorOf(req), { workspaceId: id, action: 'workspace.updated', objectType: 'workspace', objectId: id, before: present(before!), after: present(after!) });
        return present(after!);
      });
    },
  );

  // A further workspace of the same organisation (e.g. ministry + agency); the creator becomes its owner.
  app.post(
    '/api/v1/workspaces/:workspaceId/siblings',
    { config: { access: { permission: 'workspace.update' } }, schema: { tags, params: workspaceParamsSchema, body: workspaceCreateSchema, response: { 201: workspaceSchema } } },
    async (req, reply) => {
      assertTimezone(req.body.timezone);
      const p = principalOf(req);
      const ws = await db.transaction(async (tx) => {
        const orgId = await organisationOf(tx, workspaceOf(req).id);
        if (!orgId) throw notFound('workspace');
        return createWorkspace(tx, actorOf(req), { organisationId: orgId, ...req.body, ownerId: p.userId });
      });
      return reply.code(201).send(present(ws));
    },
  );
}
