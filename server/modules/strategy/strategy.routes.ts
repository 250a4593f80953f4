/**
 * Strategy workspace routes. Every item kind gets the same five routes under
 * `/api/v1/workspaces/:workspaceId/strategy/<kind>` (list, create, get, update, delete); versions
 * and comments live under `/strategy/items/:itemId/…` for every kind at once. Also registers the
 * KPI routes and the readiness navigator, so `app.ts` needs one line for the whole module.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  goalSchema, kpiPointSchema, strategyCommentCreateSchema, strategyCommentSchema, strategyDocumentQuerySchema, strategyDocumentSchema,
  strategyItemParamsSchema, strategyVersionSchema, targetGroupOrderSchema, targetGroupSchema,
} from '../../../common/schemas/strategy.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { validationFailed } from '../../http/errors.ts';
import { loadSeries } from './kpi-series.ts';
import { ITEM_KINDS, kindOf, type ItemKind, type Row } from './strategy-kinds.ts';
import { addComment, createItem, deleteItem, getItem, listComments, listItems, listVersions, presentItems, updateItem } from './strategy-items.service.ts';
import { strategyDocument } from './strategy-document.service.ts';
import type { KpiKey } from '../../../common/kpi-catalogue.ts';
import { registerKpiRoutes } from './kpi.routes.ts';
import { registerReadinessRoutes } from './readiness/readiness.routes.ts';
import { nextDeadlines } from './deadlines.ts';
import { topicEffort } from './topic-effort.ts';
import { registerBrandAssetRoutes } from './brand-assets.routes.ts';
import { workspaceToday } from './workspace-day.ts';
import { renderStrategyDocx } from '../reporting/strategy-document-docx.ts';
import { renderStrategyPdf } from '../reporting/strategy-document-pdf.ts';

const deadlineSchema = z.object({ id: z.string(), title: z.string(), date: z.string(), kind: z.enum(['goal', 'phase']) });

const base = '/api/v1/workspaces/:workspaceId/strategy';

function registerKind(app: FastifyInstance, ctx: AppContext, kind: ItemKind): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['strategy'];
  const read = { access: { permission: 'strategy.read' as const } };
  const write = { access: { permission: 'strategy.write' as const } };
  const one = async (wsId: string, row: Row) => (await presentItems(db, kind, wsId, [row], ctx.clock.now()))[0]!;
  const url = `${base}/${kind.type}`;

  r.get(url, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(kind.responseSchema) }) } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    return { items: await presentItems(db, kind, wsId, await listItems(db, kind, wsId), ctx.clock.now()) };
  });
  r.post(url, { config: write, schema: { tags, params: workspaceParamsSchema, body: kind.createSchema, response: { 201: kind.responseSchema } } }, async (req, reply) => {
    const wsId = workspaceOf(req).id;
    const row = await db.transaction((tx) => createItem(tx, ctx.clock, actorOf(req), kind, wsId, req.body as Record<string, unknown>));
    return reply.code(201).send(await one(wsId, row));
  });
  r.get(`${url}/:itemId`, { config: read, schema: { tags, params: strategyItemParamsSchema, response: { 200: kind.responseSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    return one(wsId, await getItem(db, kind, wsId, req.params.itemId));
  });
  r.patch(`${url}/:itemId`, { config: write, schema: { tags, params: strategyItemParamsSchema, body: kind.updateSchema, response: { 200: kind.responseSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    const row = await db.transaction((tx) => updateItem(tx, ctx.clock, actorOf(req), kind, wsId, req.params.itemId, req.body as Record<string, unknown>));
    return one(wsId, row);
  });
  r.delete(`${url}/:itemId`, { config: write, schema: { tags, params: strategyItemParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    await db.transaction((tx) => deleteItem(tx, ctx.clock, actorOf(req), kind, wsId, req.params.itemId));
    return { ok: true as const };
  });
}

export function registerStrategyRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['strategy'];
  for (const kind of ITEM_KINDS) registerKind(appIn, ctx, kind);
  registerKpiRoutes(appIn, ctx);
  registerReadinessRoutes(appIn, ctx);
  registerBrandAssetRoutes(appIn, ctx);

  app.get(`${base}/items/:itemId/versions`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: strategyItemParamsSchema, response: { 200: z.object({ items: z.array(strategyVersionSchema) }) } } }, async (req) => ({
    items: await listVersions(db, workspaceOf(req).id, req.params.itemId),
  }));
  app.get(`${base}/items/:itemId/comments`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: strategyItemParamsSchema, response: { 200: z.object({ items: z.array(strategyCommentSchema) }) } } }, async (req) => ({
    items: await listComments(db, workspaceOf(req).id, req.params.itemId),
  }));
  // Commenting is discussion, not editing: everyone who may read the strategy may comment.
  app.post(`${base}/items/:itemId/comments`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: strategyItemParamsSchema, body: strategyCommentCreateSchema, response: { 201: strategyCommentSchema } } }, async (req, reply) => {
    const wsId = workspaceOf(req).id;
    const c = await db.transaction((tx) => addComment(tx, ctx.clock, actorOf(req), wsId, req.params.itemId, req.body.body));
    return reply.code(201).send(c);
  });

  app.put(`${base}/target-groups/order`, { config: { access: { permission: 'strategy.write' } }, schema: { tags, params: workspaceParamsSchema, body: targetGroupOrderSchema, response: { 200: z.object({ items: z.array(targetGroupSchema) }) } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    const kind = kindOf('target-groups');
    await db.transaction(async (tx) => {
      const all = await listItems(tx, kind, wsId);
      const ids = req.body.ids;
      if (new Set(ids).size !== ids.length || ids.length !== all.length || !all.every((g) => ids.includes(g.id))) {
        throw validationFailed([{ path: 'body.ids', message: 'must list every target group of the workspace exactly once' }]);
      }
      for (const [i, id] of ids.entries()) {
        const before = all.find((g) => g.id === id)!;
        if (before.priority === i + 1) continue;
        await updateItem(tx, ctx.clock, actorOf(req), kind, wsId, id, { priority: i + 1 });
      }
    });
    return { items: (await presentItems(db, kind, wsId, await listItems(db, kind, wsId), ctx.clock.now())) as never[] };
  });

  app.get(`${base}/goals/:itemId/series`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: strategyItemParamsSchema, response: { 200: z.object({ goal: goalSchema, points: z.array(kpiPointSchema) }) } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    const kind = kindOf('goals');
    const row = await getItem(db, kind, wsId, req.params.itemId);
    const [goal] = await presentItems(db, kind, wsId, [row], ctx.clock.now());
    const points = await loadSeries(db, wsId, row.metric as KpiKey, row.channels as string[], { from: row.startDate as string, to: row.deadline as string });
    return { goal: goal as never, points };
  });

  app.get(`${base}/document`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: workspaceParamsSchema, querystring: strategyDocumentQuerySchema, response: { 200: strategyDocumentSchema }, description: 'The strategy document: Markdown (default), JSON, PDF or DOCX.' } }, async (req, reply) => {
    const { lang, format } = req.query;
    const doc = await strategyDocument(db, workspaceOf(req).id, ctx.clock.now(), lang);
    if (format === 'json') return { lang, title: doc.title, markdown: doc.markdown };
    const name = lang === 'de' ? 'strategie' : 'strategy';
    reply.header('cache-control', 'private, no-store');
    if (format === 'pdf') {
      const asOf = doc.document.blocks[1]?.kind === 'p' ? doc.document.blocks[1].runs.map((r) => r.text).join('') : '';
      const pdf = await renderStrategyPdf(doc.document, doc.organisation, asOf);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}-${lang}.pdf"`).send(pdf as never);
    }
    if (format === 'docx') {
      const docx = await renderStrategyDocx(doc.document, doc.organisation);
      return reply.type('application/vnd.openxmlformats-officedocument.wordprocessingml.document').header('content-disposition', `attachment; filename="${name}-${lang}.docx"`).send(docx as never);
    }
    reply.header('content-disposition', `attachment; filename="${name}-${lang}.md"`);
    return reply.type('text/markdown; charset=utf-8').serializer((x: unknown) => x as string).send(doc.markdown as never);
  });

  const effortSchema = z.object({
    days: z.number().int(), total: z.number().int(), untagged: z.number().int(),
    topics: z.array(z.object({ topicId: z.string(), posts: z.number().int(), share: z.number() })),
    goals: z.array(z.object({ goalId: z.string(), posts: z.number().int(), share: z.number() })),
    targetGroups: z.array(z.object({ targetGroupId: z.string(), posts: z.number().int(), share: z.number() })),
  });
  app.get(`${base}/topics/effort`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: workspaceParamsSchema, querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }), response: { 200: effortSchema } } }, async (req) =>
    topicEffort(db, workspaceOf(req).id, ctx.clock.now(), req.query.days));

  app.get(`${base}/deadlines`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(deadlineSchema) }) } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    return { items: await nextDeadlines(db, wsId, await workspaceToday(db, wsId, ctx.clock.now()), 8) };
  });
}
