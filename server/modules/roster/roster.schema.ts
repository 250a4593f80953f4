/**
 * The duty roster: who looks after which channel when (shifts, weekly or one-off), who is the duty
 * editor (CvD) on duty, and absences with their substitute (Vertretung). Weekly shifts are wall-clock
 * times in the workspace time zone, so "Mo 08:00–16:00" stays 08:00 across a DST change.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const rosterShifts = pgTable('roster_shifts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** `channel`: looks after a channel (or all channels when `channel_id` is null); `duty_editor`: the CvD. */
  duty: text('duty').notNull(),
  channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** `weekly` (weekday + wall-clock times, between valid_from and valid_until) or `once` (starts_at/ends_at). */
  recurrence: text('recurrence').notNull(),
  /** ISO weekday 1 (Monday) … 7 (Sunday), for weekly shifts. */
  weekday: smallint('weekday'),
  /** `HH:MM`; an end at or before the start runs into the next day (night shift); `24:00` is midnight. */
  startTime: text('start_time'),
  endTime: text('end_time'),
  validFrom: date('valid_from', { mode: 'string' }),
  validUntil: date('valid_until', { mode: 'string' }),
  startsAt: ts('starts_at'),
  endsAt: ts('ends_at'),
  note: text('note').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  index('roster_shifts_ws_idx').on(t.workspaceId, t.duty),
  check('roster_shifts_shape', sql`(${t.recurrence} = 'weekly' AND ${t.weekday} BETWEEN 1 AND 7 AND ${t.startTime} IS NOT NULL AND ${t.endTime} IS NOT NULL)
    OR (${t.recurrence} = 'once' AND ${t.startsAt} IS NOT NULL AND ${t.endsAt} > ${t.startsAt})`),
]);

/** An absence; during it the person's shifts go to `substitute_id` (or to nobody when it is null). */
export const rosterAbsences = pgTable('roster_absences', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  substituteId: uuid('substitute_id').references(() => users.id, { onDelete: 'set null' }),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at').notNull(),
  /** Free text the team sees; deliberately no reason category (an absence's cause is nobody's business). */
  note: text('note').notNull().default(''),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [
  index('roster_absences_ws_idx').on(t.workspaceId, t.endsAt),
  check('roster_absences_range', sql`${t.endsAt} > ${t.startsAt}`),
]);
