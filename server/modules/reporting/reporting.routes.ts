/**
 * Reports API: definitions (the builder), the report of a period as JSON (preview), PDF and CSV
 * (one table each), "send now", the deliveries with the PDF each recipient got, and the KPI
 * dashboard (the current period so far against the previous one). Reading needs `reports.read`,
 * building and sending `reports.write`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { okSchema, workspaceParamsSchema } from '../../../common/schemas/common.ts';
import {
  REPORT_MAX_DAYS, REPORT_PERIODS, reportCsvQuerySchema, reportDataSchema, reportDefinitionCreateSchema, reportDefinitionSchema, reportDefinitionUpdateSchema,
  reportDeliveryParamsSchema, reportDeliverySchema, reportParamsSchema, reportPeriodQuerySchema, reportSendSchema,
} from '../../../common/schemas/reporting.ts';
import { isoDaySchema } from '../../../common/schemas/strategy.ts';
import { actorOf, workspaceOf } from '../../http/access.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound, unprocessable, validationFailed } from '../../http/errors.ts';
import { dayIn } from '../strategy/workspace-day.ts';
import { addDays, daysBetween } from '../../../common/local-date.ts';
import { registerBuiltInKpiCollectors } from './collectors/index.ts';
import { buildReportData, reportPeriod, workspaceTimezone, type ReportSpec } from './report-data.ts';
import { reportTableCsv } from './report-csv.ts';
import { pdfFilename, sendReportNow } from './report-dispatch.ts';
import { customPeriod, periodContaining } from './report-period.ts';
import { renderReportPdf } from './report-pdf.ts';
import { registerReportingReadinessCheck } from './reporting.readiness.ts';
import { createReport, deleteReport, listReports, loadReport, presentReports, specOf, updateReport } from './reporting.service.ts';
import { reportDeliveries } from './reporting.schema.ts';
import { and, desc, eq, sql } from 'drizzle-orm';

const base = '/api/v1/workspaces/:workspaceId/reports';
const tags = ['reports'];

/** Both ends or neither; in order; not longer than REPORT_MAX_DAYS. */
function checkRange(q: { from?: string; to?: string }, where: 'querystring' | 'body'): void {
  if (Boolean(q.from) !== Boolean(q.to)) throw validationFailed([{ path: `${where}.${q.from ? 'to' : 'from'}`, message: 'give both `from` and `to`, or neither (the last complete period)' }]);
  if (q.from && q.to && q.from > q.to) throw validationFailed([{ path: `${where}.from`, message: 'must not be after `to`' }]);
  if (q.from && q.to && daysBetween(q.from, q.to) + 1 > REPORT_MAX_DAYS) throw validationFailed([{ path: `${where}.from`, message: `a report covers at most ${REPORT_MAX_DAYS} days` }]);
}

const dashboardQuerySchema = z.object({
  period: z.enum(REPORT_PERIODS).default('monthly'),
  from: isoDaySchema.optional(),
  to: isoDaySchema.optional(),
  channels: z.string().max(2_000).optional().describe('comma-separated network names or channel ids'),
  lang: z.enum(['de', 'en']).default('de'),
});

let registered = false;
/** Whether this process registered the module routes (and with them every module's collectors and checks). */
export const registriesReady = () => registered;

export function registerReportingRoutes(appIn: FastifyInstance, ctx: AppContext): void {
  registered = true;
  registerBuiltInKpiCollectors();
  registerReportingReadinessCheck();
  const app = appIn.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const read = { access: { permission: 'reports.read' as const } };
  const write = { access: { permission: 'reports.write' as const } };
  const present = async (wsId: string, r: Awaited<ReturnType<typeof loadReport>>) => (await presentReports(db, wsId, [r], ctx.clock.now()))[0]!;
  const dataOf = async (wsId: string, reportId: string, q: { from?: string; to?: string; lang?: 'de' | 'en' }) => {
    checkRange(q, 'querystring');
    const r = await loadReport(db, wsId, reportId);
    const spec = { ...specOf(r), ...(q.lang ? { language: q.lang } : {}) };
    return { report: r, data: await buildReportData(db, wsId, spec, ctx.clock.now(), q) };
  };
  const attachment = (reply: FastifyReply, type: string, filename: string) => reply.type(type).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'private, no-store');

  app.get(base, { config: read, schema: { tags, params: workspaceParamsSchema, response: { 200: z.object({ items: z.array(reportDefinitionSchema) }) } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    return { items: await presentReports(db, wsId, await listReports(db, wsId), ctx.clock.now()) };
  });
  app.post(base, { config: write, schema: { tags, params: workspaceParamsSchema, body: reportDefinitionCreateSchema, response: { 201: reportDefinitionSchema } } }, async (req, reply) => {
    const wsId = workspaceOf(req).id;
    const r = await db.transaction((tx) => createReport(tx, ctx.clock, actorOf(req), wsId, req.body));
    return reply.code(201).send(await present(wsId, r));
  });

  // The KPI dashboard: like a report, for the period that contains today (so far) or a chosen range.
  app.get(`${base}/dashboard`, { config: read, schema: { tags, params: workspaceParamsSchema, querystring: dashboardQuerySchema, response: { 200: reportDataSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    const q = req.query;
    checkRange(q, 'querystring');
    const channels = (q.channels ?? '').split(',').map((c) => c.trim()).filter(Boolean);
    if (channels.length > 20 || channels.some((c) => c.length > 100)) throw validationFailed([{ path: 'querystring.channels', message: 'at most 20 channels of at most 100 characters' }]);
    const today = dayIn(ctx.clock.now(), await workspaceTimezone(db, wsId));
    const spec: ReportSpec = { id: null, name: '', period: q.period, language: q.lang, goalIds: [], metrics: [], channels };
    if (q.from && q.to) return buildReportData(db, wsId, spec, ctx.clock.now(), { from: q.from, to: q.to });
    // This week or month so far, against the same number of days at the start of the period before.
    const current = periodContaining(q.period, today);
    const soFar = customPeriod(current.from, today);
    const before = periodContaining(q.period, addDays(current.from, -1));
    const previous = customPeriod(before.from, addDays(before.from, Math.min(soFar.days, before.days) - 1));
    return buildReportData(db, wsId, spec, ctx.clock.now(), { from: soFar.from, to: soFar.to }, { previous });
  });

  app.get(`${base}/:reportId`, { config: read, schema: { tags, params: reportParamsSchema, response: { 200: reportDefinitionSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    return present(wsId, await loadReport(db, wsId, req.params.reportId));
  });
  app.patch(`${base}/:reportId`, { config: write, schema: { tags, params: reportParamsSchema, body: reportDefinitionUpdateSchema, response: { 200: reportDefinitionSchema } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    return present(wsId, await db.transaction((tx) => updateReport(tx, ctx.clock, actorOf(req), wsId, req.params.reportId, req.body)));
  });
  app.delete(`${base}/:reportId`, { config: write, schema: { tags, params: reportParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await db.transaction((tx) => deleteReport(tx, ctx.clock, actorOf(req), workspaceOf(req).id, req.params.reportId));
    return { ok: true as const };
  });

  app.get(`${base}/:reportId/data`, { config: read, schema: { tags, params: reportParamsSchema, querystring: reportPeriodQuerySchema, response: { 200: reportDataSchema } } }, async (req) =>
    (await dataOf(workspaceOf(req).id, req.params.reportId, req.query)).data);

  app.get(`${base}/:reportId/pdf`, { config: read, schema: { tags, params: reportParamsSchema, querystring: reportPeriodQuerySchema, description: 'The report as PDF (application/pdf).' } }, async (req, reply) => {
    const wsId = workspaceOf(req).id;
    const { data } = await dataOf(wsId, req.params.reportId, req.query);
    const started = performance.now();
    const pdf = await renderReportPdf(data, await workspaceTimezone(db, wsId));
    req.log.info({ reportId: req.params.reportId, bytes: pdf.length, renderMs: Math.round(performance.now() - started) }, 'report rendered');
    return attachment(reply, 'application/pdf', pdfFilename(data)).send(pdf);
  });

  app.get(`${base}/:reportId/csv`, { config: read, schema: { tags, params: reportParamsSchema, querystring: reportCsvQuerySchema, description: 'One table of the report as CSV (text/csv).' } }, async (req, reply) => {
    const { data } = await dataOf(workspaceOf(req).id, req.params.reportId, req.query);
    return attachment(reply, 'text/csv; charset=utf-8', `${req.query.table}-${data.period.from}_${data.period.to}.csv`).serializer((x: unknown) => x as string).send(reportTableCsv(data, req.query.table));
  });

  app.post(`${base}/:reportId/send`, { config: write, schema: { tags, params: reportParamsSchema, body: reportSendSchema, response: { 201: reportDeliverySchema } } }, async (req, reply) => {
    const wsId = workspaceOf(req).id;
    checkRange(req.body, 'body');
    const tz = await workspaceTimezone(db, wsId);
    const d = await db.transaction(async (tx) => {
      const r = await loadReport(tx, wsId, req.params.reportId);
      if (!r.recipients.length) throw unprocessable('no_recipients', 'The report has no recipients; add them first.', [{ path: 'body.recipients', message: 'the report has no recipients' }]);
      const period = reportPeriod(r.period as 'weekly' | 'monthly', dayIn(ctx.clock.now(), tz), req.body);
      const sent = await sendReportNow(tx, { clock: ctx.clock, publicUrl: ctx.config.publicUrl }, actorOf(req), r, period, tz);
      const [row] = await tx.select().from(reportDeliveries).where(eq(reportDeliveries.id, sent.id));
      return row!;
    });
    return reply.code(201).send(presentDelivery(d));
  });

  app.get(`${base}/:reportId/deliveries`, { config: read, schema: { tags, params: reportParamsSchema, response: { 200: z.object({ items: z.array(reportDeliverySchema) }) } } }, async (req) => {
    const wsId = workspaceOf(req).id;
    await loadReport(db, wsId, req.params.reportId);
    const rows = await db.select({ ...deliveryColumns, bytes: sql<number>`coalesce(octet_length(${reportDeliveries.pdf}), 0)::int` }).from(reportDeliveries)
      .where(and(eq(reportDeliveries.reportId, req.params.reportId), eq(reportDeliveries.workspaceId, wsId))).orderBy(desc(reportDeliveries.createdAt)).limit(100);
    return { items: rows.map(presentDelivery) };
  });

  app.get(`${base}/:reportId/deliveries/:deliveryId/pdf`, { config: read, schema: { tags, params: reportDeliveryParamsSchema, description: 'The PDF exactly as it was sent.' } }, async (req, reply) => {
    const wsId = workspaceOf(req).id;
    const [d] = await db.select({ pdf: reportDeliveries.pdf, from: reportDeliveries.periodStart, to: reportDeliveries.periodEnd }).from(reportDeliveries)
      .where(and(eq(reportDeliveries.id, req.params.deliveryId), eq(reportDeliveries.reportId, req.params.reportId), eq(reportDeliveries.workspaceId, wsId)));
    if (!d?.pdf) throw notFound('report delivery');
    return attachment(reply, 'application/pdf', `report-${d.from}_${d.to}.pdf`).send(d.pdf);
  });
}

const deliveryColumns = {
  id: reportDeliveries.id, periodStart: reportDeliveries.periodStart, periodEnd: reportDeliveries.periodEnd, trigger: reportDeliveries.trigger,
  status: reportDeliveries.status, recipients: reportDeliveries.recipients, createdAt: reportDeliveries.createdAt,
};

function presentDelivery(d: { id: string; periodStart: string; periodEnd: string; trigger: string; status: string; recipients: string[]; createdAt: Date; pdf?: Buffer | null; bytes?: number }) {
  return {
    id: d.id, periodStart: d.periodStart, periodEnd: d.periodEnd, trigger: d.trigger as 'schedule' | 'manual', status: d.status as 'sent' | 'empty',
    recipients: d.recipients, createdAt: d.createdAt.toISOString(), bytes: d.bytes ?? d.pdf?.length ?? 0,
  };
}

