/** SLA API: the service calendar and targets, the response-time report (JSON and CSV). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { slaReportQuerySchema, slaReportSchema, slaSettingsSchema, slaSettingsUpdateSchema } from '../../../common/schemas/sla.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { toCsv } from '../audit/csv.ts';
import { registerSlaKpiCollector } from './sla-kpi.ts';
import { REPORT_CSV_COLUMNS, slaReport } from './sla-report.ts';
import { getSlaSettings, updateSlaSettings } from './sla-settings.service.ts';

export function registerSlaRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  registerSlaKpiCollector();
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla'];
  const base = '/api/v1/workspaces/:workspaceId/sla';

  app.get(`${base}/settings`, { config: { access: { permission: 'inbox.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: slaSettingsSchema } } }, async (req) =>
    getSlaSettings(ctx.database.db, workspaceOf(req).id));
  app.put(`${base}/settings`, { config: { access: { permission: 'community.manage' } }, schema: { tags, params: workspaceParamsSchema, body: slaSettingsUpdateSchema, response: { 200: slaSettingsSchema } } }, async (req) =>
    updateSlaSettings(ctx, actorOf(req), workspaceOf(req).id, req.body));
  app.get(`${base}/report`, { config: { access: { permission: 'inbox.read' } }, schema: { tags, params: workspaceParamsSchema, querystring: slaReportQuerySchema, response: { 200: slaReportSchema } } }, async (req) =>
    slaReport(ctx.database.db, workspaceOf(req).id, req.query, ctx.clock.now()));
  app.get(`${base}/report.csv`, { config: { access: { permission: 'inbox.read' } }, schema: { tags, summary: 'The response-time report as CSV', params: workspaceParamsSchema, querystring: slaReportQuerySchema } }, async (req, reply) => {
    const r = await slaReport(ctx.database.db, workspaceOf(req).id, req.query, ctx.clock.now());
    const csv = toCsv(REPORT_CSV_COLUMNS, [...r.rows, { ...r.total, key: 'total' }]);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="response-times-${r.groupBy}-${r.from}-${r.to}.csv"`).send(csv);
  });
}
