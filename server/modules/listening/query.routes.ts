/** Saved queries, topic groups, and the query check/preview endpoints. */
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  groupParamsSchema, queryCheckResultSchema, queryCheckSchema, queryParamsSchema, queryPreviewResultSchema, queryPreviewSchema,
  savedQueryCreateSchema, savedQuerySchema, savedQueryUpdateSchema, topicGroupCreateSchema, topicGroupSchema, topicGroupUpdateSchema,
} from '../../../common/schemas/listening.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { listeningQueries, listeningTopicGroups } from './listening.schema.ts';
import { recountScopes } from './store/scope-rollups.ts';
import { checkQuery, createQuery, deleteQuery, loadQuery, presentQuery, previewQuery, updateQuery } from './query.service.ts';

const read = { access: { permission: 'listening.read' as const } };
const write = { access: { permission: 'listening.write' as const } };

export function registerQueryRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['listening'];
  const base = '/api/v1/workspaces/:workspaceId/listening';
  const presentGroup = (g: typeof listeningTopicGroups.$inferSelect) => ({ id: g.id, name: g.name, kind: g.kind as 'org', createdAt: g.createdAt.toISOString() });

  // The custom methods of the issue (`queries:check`, `:preview`; `::` is Fastify's escape for a
  // literal colon) stay as hidden aliases: @fastify/swagger would document the colon as a path
  // parameter, so the documented paths are `/queries/check` and `/queries/preview`.
  for (const [suffix, hide] of [['/check', false], [':check', true]] as const) {
    const path = `${base}/queries${suffix === ':check' ? '::check' : suffix}`;
    app.post(path, { config: read, schema: { tags, hide, params: workspaceParamsSchema, body: queryCheckSchema, response: { 200: queryCheckResultSchema } } }, async (req) => checkQuery(req.body.query));
  }
  for (const [suffix, hide] of [['/preview', false], [':preview', true]] as const) {
    const path = `${base}/queries${suffix === ':preview' ? '::preview' : suffix}`;
    app.post(path, { config: read, schema: { tags, hide, params: workspaceParamsSchema, body: queryPreviewSchema, response: { 200: queryPreviewResultSchema } } }, async (req) =>
      previewQuery(ctx, workspaceOf(req).id, req.body));
  }

  app.get(`${base}/queries`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(savedQuerySchema) }) } } }, async (req) => ({
    items: (await db.select().from(listeningQueries).where(eq(listeningQueries.workspaceId, workspaceOf(req).id)).orderBy(listeningQueries.name)).map(presentQuery),
  }));
  app.post(`${base}/queries`, { config: write, schema: { tags, params: workspaceParamsSchema, body: savedQueryCreateSchema, response: { 201: savedQuerySchema } } }, async (req, reply) =>
    reply.code(201).send(presentQuery(await createQuery(ctx, actorOf(req), workspaceOf(req).id, req.body))));
  app.get(`${base}/queries/:queryId`, { config: read, schema: { tags, params: queryParamsSchema, response: { 200: savedQuerySchema } } }, async (req) =>
    presentQuery(await loadQuery(db, workspaceOf(req).id, req.params.queryId)));
  app.patch(`${base}/queries/:queryId`, { config: write, schema: { tags, params: queryParamsSchema, body: savedQueryUpdateSchema, response: { 200: savedQuerySchema } } }, async (req) =>
    presentQuery(await updateQuery(ctx, actorOf(req), workspaceOf(req).id, req.params.queryId, req.body)));
  app.delete(`${base}/queries/:queryId`, { config: write, schema: { tags, params: queryParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await deleteQuery(ctx, actorOf(req), workspaceOf(req).id, req.params.queryId);
    return { ok: true as const };
  });

  app.get(`${base}/topic-groups`, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(topicGroupSchema) }) } } }, async (req) => ({
    items: (await db.select().from(listeningTopicGroups).where(eq(listeningTopicGroups.workspaceId, workspaceOf(req).id)).orderBy(listeningTopicGroups.name)).map(presentGroup),
  }));
  app.post(`${base}/topic-groups`, { config: write, schema: { tags, params: workspaceParamsSchema, body: topicGroupCreateSchema, response: { 201: topicGroupSchema } } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    const g = await db.transaction(async (tx) => {
      const [row] = await tx.insert(listeningTopicGroups).values({ workspaceId: ws, ...req.body, createdAt: now, updatedAt: now }).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'listening_group.created', objectType: 'listening_group', objectId: row!.id, after: req.body }, now);
      return row!;
    });
    return reply.code(201).send(presentGroup(g));
  });
  app.patch(`${base}/topic-groups/:groupId`, { config: write, schema: { tags, params: groupParamsSchema, body: topicGroupUpdateSchema, response: { 200: topicGroupSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    return presentGroup(await db.transaction(async (tx) => {
      const [before] = await tx.select().from(listeningTopicGroups).where(and(eq(listeningTopicGroups.workspaceId, ws), eq(listeningTopicGroups.id, req.params.groupId)));
      if (!before) throw notFound('topic group');
      const [row] = await tx.update(listeningTopicGroups).set({ ...req.body, updatedAt: now }).where(eq(listeningTopicGroups.id, before.id)).returning();
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'listening_group.updated', objectType: 'listening_group', objectId: before.id, before: { name: before.name, kind: before.kind }, after: req.body }, now);
      return row!;
    }));
  });
  app.delete(`${base}/topic-groups/:groupId`, { config: write, schema: { tags, params: groupParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const now = ctx.clock.now();
    await db.transaction(async (tx) => {
      const [before] = await tx.delete(listeningTopicGroups).where(and(eq(listeningTopicGroups.workspaceId, ws), eq(listeningTopicGroups.id, req.params.groupId))).returning();
      if (!before) throw notFound('topic group');
      await recountScopes(tx, ws, [before.id]);
      await recordAudit(tx, actorOf(req), { workspaceId: ws, action: 'listening_group.deleted', objectType: 'listening_group', objectId: before.id, before: { name: before.name, kind: before.kind } }, now);
    });
    return { ok: true as const };
  });
}
