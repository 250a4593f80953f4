/** Secret iCal feeds: manage my feed URLs in a workspace; serve a feed by its secret file name. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { can } from '../../../common/permissions.ts';
import { feedCreatedSchema, feedCreateSchema, feedFileParamsSchema, feedKindParamsSchema, feedListSchema } from '../../../common/schemas/calendar-feeds.ts';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { actorOf, principalOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { feedBuilder, feedKinds } from './feed-registry.ts';
import { listFeeds, renderFeed, revokeFeed, rotateFeed } from './calendar-feeds.service.ts';

export function registerCalendarFeedRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['calendar feeds'];
  const base = '/api/v1/workspaces/:workspaceId/calendar-feeds';
  // Each kind declares its own permission; the service checks it (403) for create.
  const member = { access: { permission: 'workspace.read' as const } };

  app.get(base, { config: member, schema: { tags, params: workspaceParamsSchema, response: { 200: feedListSchema } } }, async (req) => ({
    items: await listFeeds(ctx.database, workspaceOf(req).id, principalOf(req).userId),
    available: feedKinds().map(feedBuilder).filter((b) => b && can(workspaceOf(req).roles, b.permission)).map((b) => ({ kind: b!.kind, title: b!.title })),
  }));
  app.post(base, { config: member, schema: { tags, params: workspaceParamsSchema, body: feedCreateSchema, response: { 201: feedCreatedSchema } } }, async (req, reply) =>
    reply.code(201).send(await rotateFeed(ctx, actorOf(req), workspaceOf(req), req.body.kind)));
  app.delete(`${base}/:kind`, { config: member, schema: { tags, params: feedKindParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await revokeFeed(ctx, actorOf(req), workspaceOf(req).id, req.params.kind);
    return { ok: true as const };
  });

  app.get('/api/v1/calendar-feeds/:file', {
    config: { access: { public: true }, rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags, summary: 'An iCal feed (text/calendar) by its secret URL', params: feedFileParamsSchema },
  }, async (req, reply) => {
    const body = await renderFeed(ctx, req.params.file.slice(0, -'.ics'.length));
    if (body === null) throw notFound('calendar feed');
    return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
  });
}
