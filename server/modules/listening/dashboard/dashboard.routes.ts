/** Dashboard and mention list endpoints. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workspaceParamsSchema } from '../../../../common/schemas/common.ts';
import { dashboardQuerySchema, dashboardSchema, mentionListQuerySchema, mentionPageSchema } from '../../../../common/schemas/listening.ts';
import { workspaceOf } from '../../../http/access.ts';
import type { AppContext } from '../../../http/context.ts';
import { checkTimeZone, dashboard, rangeOf, resolveScope } from './dashboard.service.ts';
import { listMentions } from './mention-list.ts';

export function registerDashboardRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['listening'];
  const base = '/api/v1/workspaces/:workspaceId/listening';
  const config = { access: { permission: 'listening.read' as const } };

  app.get(`${base}/dashboard`, { config, schema: { tags, params: workspaceParamsSchema, querystring: dashboardQuerySchema, response: { 200: dashboardSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const scope = await resolveScope(ctx.database, ws, req.query);
    const { from, to } = rangeOf(req.query, ctx.clock.now());
    return dashboard(ctx.database, ws, scope, { from, to, interval: req.query.interval, tz: checkTimeZone(req.query.tz) });
  });

  app.get(`${base}/mentions`, { config, schema: { tags, params: workspaceParamsSchema, querystring: mentionListQuerySchema, response: { 200: mentionPageSchema } } }, async (req) => {
    const ws = workspaceOf(req).id;
    const scope = await resolveScope(ctx.database, ws, req.query);
    const { from, to } = rangeOf(req.query, ctx.clock.now(), 30);
    if (scope.queryIds.length === 0) return { items: [], nextCursor: null };
    return listMentions(ctx.database, scope.queryIds, { ...req.query, from, to });
  });
}
