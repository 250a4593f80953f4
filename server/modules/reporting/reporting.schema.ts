/**
 * Reports: a saved definition (what to show: goals, KPIs, channels, weekly or monthly; to whom to
 * send it) and its deliveries. A scheduled delivery is unique per (report, period start) — that
 * unique index, not the job queue, is what makes a scheduled report go out once per period even
 * when several workers run the dispatch at the same time (see report-dispatch.ts).
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const reportDefinitions = pgTable('report_definitions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  language: text('language').notNull().default('de'),
  /** `weekly` (ISO week, Monday–Sunday) or `monthly` (calendar month), in the workspace time zone. */
  period: text('period').notNull().default('monthly'),
  /** SMART goals shown; empty = every goal of the workspace. */
  goalIds: uuid('goal_ids').array().notNull().default(sql`'{}'::uuid[]`),
  /** KPI catalogue keys shown; empty = the standard set (see report-data.ts). */
  metrics: text('metrics').array().notNull().default(sql`'{}'::text[]`),
  /** Network names or channel ids; empty = the whole workspace. */
  channels: text('channels').array().notNull().default(sql`'{}'::text[]`),
  scheduleEnabled: boolean('schedule_enabled').notNull().default(false),
  /** Periods that end before this instant are never sent by the schedule (no surprise backlog). */
  scheduleSince: ts('schedule_since'),
  recipients: text('recipients').array().notNull().default(sql`'{}'::text[]`),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('report_definitions_ws_idx').on(t.workspaceId)]);

export const reportDeliveries = pgTable('report_deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  reportId: uuid('report_id').notNull().references(() => reportDefinitions.id, { onDelete: 'cascade' }),
  periodStart: day('period_start').notNull(),
  periodEnd: day('period_end').notNull(),
  /** `schedule` or `manual` (sent now from the UI). */
  trigger: text('trigger').notNull(),
  /** `sent` (mails queued) or `empty` (no data in the period; the mail says so). */
  status: text('status').notNull(),
  recipients: text('recipients').array().notNull().default(sql`'{}'::text[]`),
  /** The PDF exactly as it was mailed, so "what did leadership get?" has one answer. */
  pdf: bytea('pdf'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('report_deliveries_schedule_uq').on(t.reportId, t.periodStart).where(sql`"trigger" = 'schedule'`),
  index('report_deliveries_report_idx').on(t.reportId, t.createdAt),
]);
