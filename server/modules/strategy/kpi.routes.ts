/** KPI catalogue, time series, manual values and on-demand collection. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KPI_CATALOGUE, KPI_KEYS } from '../../../common/kpi-catalogue.ts';
import { workspaceParamsSchema } from '../../../common/schemas/common.ts';
import { kpiCollectInputSchema, kpiCollectResultSchema, kpiQuerySchema, kpiSeriesSchema, kpiValuesInputSchema } from '../../../common/schemas/strategy.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { validationFailed } from '../../http/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { dayNumber } from './goal-progress.ts';
import { runKpiCollectors, storeSamples } from './kpi-collectors.ts';
import { loadSeries, storeKpiValues } from './kpi-series.ts';
import { workspaceToday } from './workspace-day.ts';

const text = z.object({ name: z.string(), definition: z.string() });
const catalogueSchema = z.object({
  items: z.array(z.object({ key: z.enum(KPI_KEYS), unit: z.string(), aggregation: z.string(), direction: z.string(), source: z.string(), perChannel: z.boolean(), de: text, en: text })),
});
/** On-demand collection covers at most this many days (a daily job covers yesterday). */
const MAX_COLLECT_DAYS = 92;

export function registerKpiRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const tags = ['kpis'];
  const base = '/api/v1/workspaces/:workspaceId/kpis';

  app.get(`${base}/catalogue`, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: workspaceParamsSchema, response: { 200: catalogueSchema } } }, async () => ({
    items: KPI_KEYS.map((k) => KPI_CATALOGUE[k]),
  }));

  app.get(base, { config: { access: { permission: 'strategy.read' } }, schema: { tags, params: workspaceParamsSchema, querystring: kpiQuerySchema, response: { 200: kpiSeriesSchema } } }, async (req) => {
    const q = req.query;
    const points = await loadSeries(db, workspaceOf(req).id, q.metric, q.channel ? [q.channel] : [], { from: q.from, to: q.to });
    return { metric: q.metric, channel: q.channel ?? null, points };
  });

  // Manual values: for what no collector measures yet (or corrections); every write is audited.
  app.post(`${base}/values`, { config: { access: { permission: 'reports.write' } }, schema: { tags, params: workspaceParamsSchema, body: kpiValuesInputSchema, response: { 200: z.object({ stored: z.number().int() }) } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    const errors = req.body.values.flatMap((v, i) => (v.channel && !KPI_CATALOGUE[v.metric].perChannel ? [{ path: `body.values.${i}.channel`, message: 'this metric is measured for the whole workspace only' }] : []));
    if (errors.length) throw validationFailed(errors);
    const stored = await db.transaction(async (tx) => {
      const n = await storeKpiValues(tx, wsId, 'manual', req.body.values.map((v) => ({ ...v, channel: v.channel?.toWellFormed() ?? null })), ctx.clock.now());
      await recordAudit(tx, actorOf(req), { workspaceId: wsId, action: 'kpi.values_entered', objectType: 'kpi_values', after: { count: n, metrics: [...new Set(req.body.values.map((v) => v.metric))] } }, ctx.clock.now());
      return n;
    });
    return { stored };
  });

  app.post(`${base}/collect`, { config: { access: { permission: 'reports.write' } }, schema: { tags, params: workspaceParamsSchema, body: kpiCollectInputSchema, response: { 200: kpiCollectResultSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    const today = await workspaceToday(db, wsId, ctx.clock.now());
    const from = req.body.from ?? today;
    const to = req.body.to ?? today;
    if (from > to) throw validationFailed([{ path: 'body.from', message: 'must not be after `to`' }]);
    if (dayNumber(to) - dayNumber(from) >= MAX_COLLECT_DAYS) throw validationFailed([{ path: 'body.from', message: `at most ${MAX_COLLECT_DAYS} days at once` }]);
    const collectors = await runKpiCollectors({ ctx, workspaceId: wsId, from, to }, storeSamples(wsId, ctx.clock.now()));
    // Who triggered a collection (and what it found) is part of the record the KPIs rest on.
    await db.transaction((tx) => recordAudit(tx, actorOf(req), { workspaceId: wsId, action: 'kpi.collected', objectType: 'kpi', objectId: null, after: { from, to, collectors } }));
    return { collectors };
  });
}
