/**
 * Sending reports: the scheduled dispatch (run hourly by the job runner, server/jobs/scheduled.ts)
 * and "send now".
 *
 * Idempotency: a scheduled report goes out once per period. The dispatch inserts the delivery row
 * `(report, period start, trigger = schedule)` — unique by a partial index — and, in the same
 * transaction, renders the PDF, queues one mail per recipient in the mail outbox and writes the
 * audit row. A second run, or a second worker running at the same moment, hits the unique index
 * (its insert waits for the first transaction and then does nothing), so it sends nothing; a
 * crash before the commit leaves no row, and the next hourly run sends the period. Once
 * committed, the outbox delivers each mail at least once.
 */
import { and, eq, sql } from 'drizzle-orm';
import { instantToZoned } from '../../../common/zoned-time.ts';
import type { ReportData } from '../../../common/schemas/reporting.ts';
import type { Database, Tx } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit.service.ts';
import { queueMail } from '../notifications/mail-outbox.ts';
import { dayIn } from '../strategy/workspace-day.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { buildReportData } from './report-data.ts';
import { renderReportPdf, reportTitle, summaryText } from './report-pdf.ts';
import { scheduledPeriod, type Period } from './report-period.ts';
import { formatters, metricName, periodLabel, REPORT_TEXT } from './report-text.ts';
import { reportDefinitions, reportDeliveries } from './reporting.schema.ts';
import { specOf, type ReportRow } from './reporting.service.ts';

/** Scheduled reports go out from this local hour on the first day after the period (morning mail). */
export const SEND_FROM_HOUR = 7;

export interface DispatchDeps {
  database: Database;
  clock: Clock;
  publicUrl: string;
}

export function pdfFilename(data: ReportData): string {
  const base = data.report.language === 'de' ? 'bericht' : 'report';
  return `${base}-${data.period.from}_${data.period.to}.pdf`;
}

function mailText(data: ReportData, link: string): { subject: string; text: string } {
  const lang = data.report.language;
  const t = REPORT_TEXT[lang];
  const f = formatters(lang);
  const subject = `${reportTitle(data)} – ${periodLabel(data.period, lang)} (${data.report.name})`;
  const lines = data.empty
    ? [t.emptyTitle, '', t.emptyText]
    : [summaryText(data, lang), '', ...data.keyFigures.map((k) => `• ${metricName(k.metric, lang)}: ${f.kpi(k.metric, k.value)}${k.change !== null ? ` (${f.change(k.change)})` : ''}`)];
  const intro = lang === 'de' ? `Guten Tag,\n\nanbei der ${reportTitle(data)} für ${periodLabel(data.period, lang)} – ${data.organisation}.` : `Hello,\n\nattached is the ${reportTitle(data).toLowerCase()} for ${periodLabel(data.period, lang)} – ${data.organisation}.`;
  const outro = lang === 'de' ? `Der vollständige Bericht liegt als PDF bei. In Resonanz: ${link}` : `The full report is attached as PDF. In Resonanz: ${link}`;
  return { subject, text: [intro, '', ...lines, '', outro].join('\n') };
}

/**
 * Renders the report for `period` and queues it to every recipient, inside `tx` with the delivery
 * row already inserted (`deliveryId`). Returns the delivery's status.
 */
async function deliver(tx: Tx, deps: Pick<DispatchDeps, 'publicUrl'>, actor: Actor, r: ReportRow, deliveryId: string, period: Period, tz: string, now: Date): Promise<'sent' | 'empty'> {
  const data = await buildReportData(tx, r.workspaceId, specOf(r), now, { from: period.from, to: period.to });
  const pdf = await renderReportPdf(data, tz);
  const status = data.empty ? 'empty' : 'sent';
  await tx.update(reportDeliveries).set({ pdf, status }).where(eq(reportDeliveries.id, deliveryId));
  const { subject, text } = mailText(data, `${deps.publicUrl}/reports/${r.id}`);
  for (const to of r.recipients) {
    await queueMail(tx, { workspaceId: r.workspaceId, to, subject, text, reference: `report_delivery:${deliveryId}`, attachments: [{ filename: pdfFilename(data), contentType: 'application/pdf', content: pdf }] }, now);
  }
  await recordAudit(tx, actor, {
    workspaceId: r.workspaceId, action: 'report.sent', objectType: 'report', objectId: r.id,
    after: { deliveryId, periodStart: period.from, periodEnd: period.to, recipients: r.recipients, status, bytes: pdf.length },
  }, now);
  return status;
}

/** One dispatch round over every scheduled report (any workspace). */
export async function dispatchDueReports(deps: DispatchDeps): Promise<{ sent: number; empty: number; skipped: number }> {
  const now = deps.clock.now();
  const { db } = deps.database;
  const rows = await db.select({ r: reportDefinitions, tz: workspaces.timezone }).from(reportDefinitions).innerJoin(workspaces, eq(workspaces.id, reportDefinitions.workspaceId))
    .where(and(eq(reportDefinitions.scheduleEnabled, true), sql`cardinality(${reportDefinitions.recipients}) > 0`));
  const result = { sent: 0, empty: 0, skipped: 0 };
  for (const { r, tz } of rows) {
    if (Number(instantToZoned(now, tz).slice(11, 13)) < SEND_FROM_HOUR) continue;
    const today = dayIn(now, tz);
    const since = dayIn(r.scheduleSince ?? now, tz);
    const sent = new Set((await db.select({ s: reportDeliveries.periodStart }).from(reportDeliveries)
      .where(and(eq(reportDeliveries.reportId, r.id), eq(reportDeliveries.trigger, 'schedule')))).map((x) => x.s));
    const { period, due } = scheduledPeriod(r.period as 'weekly' | 'monthly', today, since, (start) => sent.has(start));
    if (!due) continue;
    const status = await db.transaction(async (tx) => {
      const [d] = await tx.insert(reportDeliveries).values({
        workspaceId: r.workspaceId, reportId: r.id, periodStart: period.from, periodEnd: period.to, trigger: 'schedule', status: 'sent', recipients: r.recipients, createdAt: now,
      }).onConflictDoNothing().returning({ id: reportDeliveries.id });
      if (!d) return null; // another worker sent this period
      return deliver(tx, deps, SYSTEM_ACTOR, r, d.id, period, tz, now);
    });
    if (status === null) result.skipped++;
    else result[status]++;
  }
  return result;
}

/** "Send now" from the UI: the chosen period to the report's recipients (always a new delivery). */
export async function sendReportNow(tx: Tx, deps: Pick<DispatchDeps, 'clock' | 'publicUrl'>, actor: Actor, r: ReportRow, period: Period, tz: string): Promise<{ id: string; status: 'sent' | 'empty' }> {
  const now = deps.clock.now();
  const [d] = await tx.insert(reportDeliveries).values({
    workspaceId: r.workspaceId, reportId: r.id, periodStart: period.from, periodEnd: period.to, trigger: 'manual', status: 'sent', recipients: r.recipients, createdBy: actor.userId, createdAt: now,
  }).returning({ id: reportDeliveries.id });
  return { id: d!.id, status: await deliver(tx, deps, actor, r, d!.id, period, tz, now) };
}
