/** Moderation API: actions (with the clause + reason rule), the record and its exports, the ladder, suggestions. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  actionCreateSchema, actionListQuerySchema, actionParamsSchema, actionSchema, confirmSchema, flagParamsSchema, flagSchema, ladderItemSchema, ladderSchema, statsQuerySchema, statsSchema,
} from '../../../common/schemas/moderation.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { toCsv } from '../audit/csv.ts';
import { getAuthor, getItem } from '../inbox/item-store.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { eq } from 'drizzle-orm';
import { moderationNetwork } from './moderation-network.ts';
import { authorLadder, listActions, loadAction, moderationStats, RECORD_CSV_COLUMNS, recordCsvRow } from './moderation-record.ts';
import { dismissFlag, openFlags } from './moderation-rules.ts';
import { confirmAction, requestAction, retryAction } from './moderation.service.ts';
import { moderationSettingsOf } from './netiquette.service.ts';
import { registerModerationSetupRoutes } from './moderation-setup.routes.ts';
import { renderRecordPdf } from './record-pdf.ts';

export function registerModerationRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  registerModerationSetupRoutes(appIn, ctx);
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['moderation'];
  const base = '/api/v1/workspaces/:workspaceId/moderation';
  const read = { access: { permission: 'inbox.read' as const } };
  const act = { access: { permission: 'moderation.act' as const } };
  const ban = { access: { permission: 'moderation.ban' as const } };

  app.post(`${base}/actions`, { config: act, schema: { tags, summary: 'Moderate an item on a netiquette clause (clause and reason required)', params: workspaceParamsSchema, body: actionCreateSchema, response: { 201: actionSchema } } }, async (req, reply) =>
    reply.code(201).send((await requestAction(ctx, actorOf(req), workspaceOf(req), req.body))!));
  app.get(`${base}/actions`, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: actionListQuerySchema, response: { 200: z.object({ items: z.array(actionSchema) }) } } }, async (req) =>
    ({ items: await listActions(ctx.database.db, workspaceOf(req).id, req.query) }));
  app.get(`${base}/actions.csv`, { config: read, schema: { tags, summary: 'The moderation record as CSV', params: workspaceParamsSchema, querystring: actionListQuerySchema } }, async (req, reply) => {
    const rows = await listActions(ctx.database.db, workspaceOf(req).id, { ...req.query, limit: 5000 });
    return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="moderation-record.csv"').send(toCsv(RECORD_CSV_COLUMNS, rows.map(recordCsvRow)));
  });
  app.get(`${base}/actions.pdf`, { config: read, schema: { tags, summary: 'The moderation record with statistics and evidence as PDF', params: workspaceParamsSchema, querystring: statsQuerySchema } }, async (req, reply) => {
    const ws = workspaceOf(req).id;
    if (req.query.to < req.query.from) throw badRequest('invalid_range', 'The end must not be before the start.', [{ path: 'querystring.to', message: 'must not be before from' }]);
    const [w] = await ctx.database.db.select({ name: workspaces.name, tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, ws));
    const [stats, actions] = await Promise.all([
      moderationStats(ctx.database.db, ws, req.query),
      listActions(ctx.database.db, ws, { from: req.query.from, to: req.query.to, ...(req.query.action ? { action: req.query.action } : {}), limit: 2000 }),
    ]);
    const pdf = await renderRecordPdf({ workspace: w?.name ?? '', from: req.query.from, to: req.query.to, stats, actions, timeZone: w?.tz ?? 'Europe/Berlin' });
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="moderation-record-${req.query.from}-${req.query.to}.pdf"`).send(pdf);
  });
  app.get(`${base}/actions/:actionId`, { config: read, schema: { tags, params: actionParamsSchema, response: { 200: actionSchema } } }, async (req) => {
    const a = await loadAction(ctx.database.db, workspaceOf(req).id, req.params.actionId);
    if (!a) throw notFound('moderation action');
    return a;
  });
  app.post(`${base}/actions/:actionId/confirm`, { config: ban, schema: { tags, summary: 'Second person confirms or rejects a ban', params: actionParamsSchema, body: confirmSchema, response: { 200: actionSchema } } }, async (req) =>
    (await confirmAction(ctx, actorOf(req), workspaceOf(req).id, req.params.actionId, req.body.decision, req.body.note))!);
  app.post(`${base}/actions/:actionId/retry`, { config: act, schema: { tags, summary: 'Repeat the network part of a failed action', params: actionParamsSchema, response: { 200: actionSchema } } }, async (req) =>
    (await retryAction(ctx, actorOf(req), workspaceOf(req), req.params.actionId))!);

  app.get(`${base}/stats`, { config: read, schema: { tags, summary: 'Actions per clause and month, with distinct accounts', params: workspaceParamsSchema, querystring: statsQuerySchema, response: { 200: statsSchema } } }, async (req) => {
    if (req.query.to < req.query.from) throw badRequest('invalid_range', 'The end must not be before the start.', [{ path: 'querystring.to', message: 'must not be before from' }]);
    return moderationStats(ctx.database.db, workspaceOf(req).id, req.query);
  });

  app.get(`${base}/items/:itemId/ladder`, { config: read, schema: { tags, summary: 'The author’s warning ladder and what the network can do', params: z.object({ workspaceId: z.uuid(), itemId: z.uuid() }), response: { 200: ladderSchema.extend({ flags: z.array(flagSchema), item: ladderItemSchema }) } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const item = await getItem(ctx.database.db, ws, req.params.itemId);
    if (!item) throw notFound('inbox item');
    const settings = await moderationSettingsOf(ctx.database.db, ws);
    const counts = item.authorId ? await authorLadder(ctx.database.db, ws, item.authorId) : { warnings: 0, hides: 0, blocks: 0 };
    const author = item.authorId ? await getAuthor(ctx.database.db, ws, item.authorId) : null;
    return {
      authorId: item.authorId ?? '', ...counts, warningsBeforeBan: settings.warningsBeforeBan, suggestBan: counts.warnings >= settings.warningsBeforeBan,
      operations: item.channelId ? [...moderationNetwork(ctx).operations(ctx, item.network)] : [], network: item.network, flags: await openFlags(ctx.database.db, ws, item.id),
      item: {
        id: item.id, text: item.text, authorHandle: author?.handle ?? null, authorName: author?.displayName ?? null, receivedAt: item.receivedAt.toISOString(),
        url: item.url, moderationState: item.moderationState, hidden: item.hiddenAt !== null, channelId: item.channelId,
      },
    };
  });
  app.get(`${base}/flags`, { config: read, schema: { tags, summary: 'Open rule suggestions (probable violations) for a human', params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(flagSchema) }) } } }, async (req) =>
    ({ items: await openFlags(ctx.database.db, workspaceOf(req).id) }));
  app.post(`${base}/flags/:itemId/:ruleId/dismiss`, { config: act, schema: { tags, params: flagParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await dismissFlag(ctx, actorOf(req), workspaceOf(req).id, req.params.itemId, req.params.ruleId);
    return { ok: true as const };
  });
}
