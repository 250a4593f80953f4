/**
 * Response-time targets: the workspace's service calendar (business hours per weekday, the federal
 * state whose public holidays close the service, custom closed days), target policies per channel
 * and priority, and the notices the SLA monitor has sent (one per item, stage and kind).
 */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { channels } from '../publishing/publishing.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const slaSettings = pgTable('sla_settings', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** ISO weekday → `[{start:'HH:MM', end:'HH:MM'}]` in the workspace time zone. */
  hours: jsonb('hours').notNull().default(sql`'{"1":[{"start":"08:00","end":"18:00"}],"2":[{"start":"08:00","end":"18:00"}],"3":[{"start":"08:00","end":"18:00"}],"4":[{"start":"08:00","end":"18:00"}],"5":[{"start":"08:00","end":"18:00"}]}'::jsonb`),
  /** `BE`, `BY` …; null = nationwide public holidays only. */
  federalState: text('federal_state'),
  /** Warn when this share of the target's service time has passed. */
  warnAtPercent: smallint('warn_at_percent').notNull().default(80),
  firstResponseMinutes: integer('first_response_minutes').notNull().default(60),
  /** Default resolution target: two service days of 10 hours. */
  resolutionMinutes: integer('resolution_minutes').notNull().default(1200),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const slaClosedDays = pgTable('sla_closed_days', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  date: date('date', { mode: 'string' }).notNull(),
  label: text('label').notNull().default(''),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.date] })]);

/**
 * A target for (channel | all channels) × (priority | all priorities). Null minutes inherit from
 * the next less specific level (see sla-targets.ts for the order).
 */
export const slaPolicies = pgTable('sla_policies', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
  priority: text('priority'),
  firstResponseMinutes: integer('first_response_minutes'),
  resolutionMinutes: integer('resolution_minutes'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [unique('sla_policies_scope_uq').on(t.workspaceId, t.channelId, t.priority).nullsNotDistinct()]);

/**
 * What the SLA monitor has sent: the primary key makes "once per item, stage and kind" a database
 * fact, so two monitors (or one running twice) cannot notify twice.
 */
export const slaNotices = pgTable('sla_notices', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  itemId: uuid('item_id').notNull(),
  /** `first_response` | `resolution` */
  stage: text('stage').notNull(),
  /** `warning` | `breach` */
  kind: text('kind').notNull(),
  sentAt: ts('sent_at').notNull(),
}, (t) => [primaryKey({ columns: [t.itemId, t.stage, t.kind] }), index('sla_notices_ws_idx').on(t.workspaceId, t.sentAt)]);
