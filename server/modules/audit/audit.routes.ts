import { and, desc, eq, gte, inArray, isNull, lt, lte, or, type SQL } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntrySchema, auditQuerySchema } from '../../../common/schemas/audit.ts';
import { pageOf, uuidSchema } from '../../../common/schemas/common.ts';
import { workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { users } from '../identity/identity.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { auditLog } from './audit.schema.ts';
import { toCsv } from './csv.ts';

type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The audit trail of a workspace, plus account events (logins, 2FA) of its members. */
export function registerAuditRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['audit'];

  async function list(req: FastifyRequest, q: AuditQuery, limit: number) {
    const wsId = workspaceOf(req).id;
    const members = db.select({ id: memberships.userId }).from(memberships).where(eq(memberships.workspaceId, wsId));
    const where: (SQL | undefined)[] = [
      or(eq(auditLog.workspaceId, wsId), and(isNull(auditLog.workspaceId), inArray(auditLog.actorUserId, members))),
      q.cursor ? lt(auditLog.id, Number(q.cursor)) : undefined,
      q.action ? eq(auditLog.action, q.action) : undefined,
      q.objectType ? eq(auditLog.objectType, q.objectType) : undefined,
      q.actorUserId ? eq(auditLog.actorUserId, q.actorUserId) : undefined,
      q.from ? gte(auditLog.createdAt, new Date(q.from)) : undefined,
      q.to ? lte(auditLog.createdAt, new Date(q.to)) : undefined,
    ];
    const rows = await db
      .select({ a: auditLog, actorName: users.name })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(...where))
      .orderBy(desc(auditLog.id))
      .limit(limit);
    return rows.map(({ a, actorName }) => ({
      id: a.id, workspaceId: a.workspaceId, actorUserId: a.actorUserId, actorName, actorTokenId: a.actorTokenId, action: a.action,
      objectType: a.objectType, objectId: a.objectId, diff: a.diff ?? (a.after ? { after: a.after } : null), requestId: a.requestId, ip: a.ip,
      createdAt: a.createdAt.toISOString(),
    }));
  }

  const schema = {
    tags,
    querystring: auditQuerySchema,
    response: { 200: pageOf(auditEntrySchema) },
  };
  const handler = async (req: FastifyRequest<{ Querystring: AuditQuery }>, reply: import('fastify').FastifyReply) => {
    const q = req.query;
    if (q.format === 'csv') {
      // CSV export: up to 100,000 rows, newest first, same filters as the list.
      const rows = await list(req, q, 100_000);
      reply.header('content-disposition', 'attachment; filename="audit.csv"');
      return reply.type('text/csv; charset=utf-8').serializer((x: unknown) => x as string).send(
        toCsv(['id', 'createdAt', 'actorName', 'actorUserId', 'action', 'objectType', 'objectId', 'requestId', 'ip', 'diff'], rows.map((r) => ({ ...r, diff: JSON.stringify(r.diff) }))),
      );
    }
    const rows = await list(req, q, q.limit + 1);
    const more = rows.length > q.limit;
    const items = more ? rows.slice(0, q.limit) : rows;
    return { items, nextCursor: more ? String(items[items.length - 1]!.id) : null };
  };

  app.get('/api/v1/workspaces/:workspaceId/audit', { config: { access: { permission: 'audit.read' } }, schema: { ...schema, params: z.object({ workspaceId: uuidSchema }) } }, handler);
  app.get('/api/v1/audit', { config: { access: { permission: 'audit.read' } }, schema: { ...schema, querystring: auditQuerySchema.extend({ workspaceId: uuidSchema }) } }, handler);
}
