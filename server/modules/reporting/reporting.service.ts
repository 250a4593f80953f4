/**
 * Report definitions: create, change, delete (each audited in its transaction), and the spec the
 * report data is built from. Goal ids must belong to the workspace; switching the schedule on
 * records when, so the schedule never sends a backlog of periods that ended before.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { KpiKey } from '../../../common/kpi-catalogue.ts';
import type { ReportPeriodKind } from '../../../common/schemas/reporting.ts';
import type { Tx } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';
import { notFound, unprocessable, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { strategyGoals } from '../strategy/strategy.schema.ts';
import { dayIn } from '../strategy/workspace-day.ts';
import { wellFormed } from '../strategy/well-formed.ts';
import type { ReportSpec } from './report-data.ts';
import { workspaceTimezone } from './report-data.ts';
import { scheduledPeriod } from './report-period.ts';
import { reportDefinitions, reportDeliveries } from './reporting.schema.ts';

export type ReportRow = typeof reportDefinitions.$inferSelect;

export interface DefinitionInput {
  name?: string;
  language?: 'de' | 'en';
  period?: ReportPeriodKind;
  goalIds?: string[];
  metrics?: KpiKey[];
  channels?: string[];
  scheduleEnabled?: boolean;
  recipients?: string[];
}

const FIELDS = ['name', 'language', 'period', 'goalIds', 'metrics', 'channels', 'scheduleEnabled', 'recipients'] as const;
const fieldsOf = (r: ReportRow) => Object.fromEntries(FIELDS.map((k) => [k, r[k]]));

export function specOf(r: ReportRow): ReportSpec {
  return { id: r.id, name: r.name, period: r.period as ReportPeriodKind, language: r.language as 'de' | 'en', goalIds: r.goalIds, metrics: r.metrics as KpiKey[], channels: r.channels };
}

export async function loadReport(tx: Tx, workspaceId: string, id: string, lock = false): Promise<ReportRow> {
  const q = tx.select().from(reportDefinitions).where(and(eq(reportDefinitions.id, id), eq(reportDefinitions.workspaceId, workspaceId)));
  const [r] = lock ? await q.for('update') : await q;
  if (!r) throw notFound('report');
  return r;
}

async function check(tx: Tx, workspaceId: string, merged: DefinitionInput): Promise<void> {
  if (merged.scheduleEnabled && !(merged.recipients ?? []).length) {
    throw validationFailed([{ path: 'body.recipients', message: 'a scheduled report needs at least one recipient' }]);
  }
  const ids = [...new Set(merged.goalIds ?? [])];
  if (!ids.length) return;
  const found = new Set((await tx.select({ id: strategyGoals.id }).from(strategyGoals).where(and(eq(strategyGoals.workspaceId, workspaceId), inArray(strategyGoals.id, ids)))).map((g) => g.id));
  const errors = (merged.goalIds ?? []).map((id, i) => ({ id, i })).filter((x) => !found.has(x.id)).map((x) => ({ path: `body.goalIds.${x.i}`, message: 'unknown goal in this workspace' }));
  if (errors.length) throw unprocessable('unknown_reference', 'The request refers to something that does not exist in this workspace.', errors);
}

export async function createReport(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, input: DefinitionInput & { name: string }): Promise<ReportRow> {
  const b = wellFormed(input);
  await check(tx, workspaceId, b);
  const now = clock.now();
  const [r] = await tx.insert(reportDefinitions).values({
    workspaceId, name: b.name, language: b.language ?? 'de', period: b.period ?? 'monthly', goalIds: [...new Set(b.goalIds ?? [])], metrics: [...new Set(b.metrics ?? [])],
    channels: [...new Set(b.channels ?? [])], scheduleEnabled: b.scheduleEnabled ?? false, scheduleSince: b.scheduleEnabled ? now : null, recipients: [...new Set(b.recipients ?? [])],
    createdBy: actor.userId, createdAt: now, updatedAt: now,
  }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'report.created', objectType: 'report', objectId: r!.id, after: fieldsOf(r!) }, now);
  return r!;
}

export async function updateReport(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, id: string, input: DefinitionInput): Promise<ReportRow> {
  const before = await loadReport(tx, workspaceId, id, true);
  const patch = Object.fromEntries(Object.entries(wellFormed(input)).filter(([, v]) => v !== undefined)) as DefinitionInput;
  for (const k of ['goalIds', 'metrics', 'channels', 'recipients'] as const) if (patch[k]) (patch as Record<string, unknown>)[k] = [...new Set(patch[k] as string[])];
  await check(tx, workspaceId, { ...fieldsOf(before), ...patch } as DefinitionInput);
  const now = clock.now();
  const switchedOn = patch.scheduleEnabled === true && !before.scheduleEnabled;
  const [r] = await tx.update(reportDefinitions).set({ ...patch, ...(switchedOn ? { scheduleSince: now } : {}), version: before.version + 1, updatedAt: now })
    .where(and(eq(reportDefinitions.id, id), eq(reportDefinitions.workspaceId, workspaceId))).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'report.updated', objectType: 'report', objectId: id, before: fieldsOf(before), after: fieldsOf(r!) }, now);
  return r!;
}

export async function deleteReport(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, id: string): Promise<void> {
  const before = await loadReport(tx, workspaceId, id, true);
  await tx.delete(reportDefinitions).where(and(eq(reportDefinitions.id, id), eq(reportDefinitions.workspaceId, workspaceId)));
  await recordAudit(tx, actor, { workspaceId, action: 'report.deleted', objectType: 'report', objectId: id, before: fieldsOf(before) }, clock.now());
}

export async function listReports(tx: Tx, workspaceId: string): Promise<ReportRow[]> {
  return tx.select().from(reportDefinitions).where(eq(reportDefinitions.workspaceId, workspaceId)).orderBy(asc(reportDefinitions.createdAt), asc(reportDefinitions.id));
}

/** API shape: the definition, the period the schedule covers next, the last delivery. */
export async function presentReports(tx: Tx, workspaceId: string, rows: ReportRow[], now: Date) {
  const tz = await workspaceTimezone(tx, workspaceId);
  const today = dayIn(now, tz);
  const scheduled = rows.length ? await tx.select({ reportId: reportDeliveries.reportId, periodStart: reportDeliveries.periodStart }).from(reportDeliveries)
    .where(and(inArray(reportDeliveries.reportId, rows.map((r) => r.id)), eq(reportDeliveries.trigger, 'schedule'))) : [];
  const last = rows.length ? await tx.selectDistinctOn([reportDeliveries.reportId], {
    reportId: reportDeliveries.reportId, id: reportDeliveries.id, periodStart: reportDeliveries.periodStart, periodEnd: reportDeliveries.periodEnd, status: reportDeliveries.status, createdAt: reportDeliveries.createdAt,
  }).from(reportDeliveries).where(inArray(reportDeliveries.reportId, rows.map((r) => r.id))).orderBy(reportDeliveries.reportId, desc(reportDeliveries.createdAt)) : [];
  return rows.map((r) => {
    const kind = r.period as ReportPeriodKind;
    const since = r.scheduleSince ? dayIn(r.scheduleSince, tz) : today;
    const next = scheduledPeriod(kind, today, since, (start) => scheduled.some((d) => d.reportId === r.id && d.periodStart === start)).period;
    const l = last.find((x) => x.reportId === r.id);
    return {
      id: r.id, name: r.name, language: r.language as 'de' | 'en', period: kind, goalIds: r.goalIds, metrics: r.metrics as KpiKey[], channels: r.channels,
      scheduleEnabled: r.scheduleEnabled, recipients: r.recipients, version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
      nextPeriod: { from: next.from, to: next.to },
      lastDelivery: l ? { id: l.id, periodStart: l.periodStart, periodEnd: l.periodEnd, status: l.status, createdAt: l.createdAt.toISOString() } : null,
    };
  });
}
