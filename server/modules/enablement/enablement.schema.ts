/**
 * Guidelines and training. A guideline is edited as a draft; publishing freezes the draft into an
 * immutable numbered version, and every member must acknowledge the current version (an
 * acknowledgement belongs to a version, so a new version asks everyone again).
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const guidelines = pgTable('guidelines', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  language: text('language').notNull().default('de'),
  draftTitle: text('draft_title').notNull(),
  draftBody: text('draft_body').notNull().default(''),
  /** Number of the published version members must acknowledge; null before the first publication. */
  currentVersion: integer('current_version'),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('guidelines_ws_idx').on(t.workspaceId)]);

export const guidelineVersions = pgTable('guideline_versions', {
  guidelineId: uuid('guideline_id').notNull().references(() => guidelines.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  changeNote: text('change_note').notNull().default(''),
  publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: ts('published_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.guidelineId, t.version] })]);

export const guidelineAcknowledgements = pgTable('guideline_acknowledgements', {
  guidelineId: uuid('guideline_id').notNull().references(() => guidelines.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  acknowledgedAt: ts('acknowledged_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.guidelineId, t.version, t.userId] })]);

/** A training module with its quiz (questions with options; `correct` never leaves for learners). */
export const trainings = pgTable('trainings', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  language: text('language').notNull().default('de'),
  body: text('body').notNull().default(''),
  /** `{ title, url }[]` */
  links: jsonb('links').notNull().default(sql`'[]'::jsonb`),
  /** `{ title, url, kind: 'video' | 'audio' | 'image' | 'document' }[]` */
  media: jsonb('media').notNull().default(sql`'[]'::jsonb`),
  /** `{ id, prompt, kind: 'single' | 'multiple', options: { id, text, correct }[] }[]` */
  questions: jsonb('questions').notNull().default(sql`'[]'::jsonb`),
  passMark: integer('pass_mark').notNull().default(80),
  status: text('status').notNull().default('draft'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('trainings_ws_idx').on(t.workspaceId)]);

export const trainingAttempts = pgTable('training_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  trainingId: uuid('training_id').notNull().references(() => trainings.id, { onDelete: 'cascade' }),
  trainingVersion: integer('training_version').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** `{ questionId: optionId[] }` */
  answers: jsonb('answers').notNull(),
  score: integer('score').notNull(),
  passed: boolean('passed').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('training_attempts_training_idx').on(t.trainingId, t.userId)]);

/**
 * Reminders sent to a member for a guideline version not acknowledged or a training not passed:
 * one row per (member, object, version, ISO week). The reminder job inserts the row and queues the
 * mail in one transaction; the primary key makes a second run in the same week (or a second
 * worker) send nothing.
 */
export const enablementReminders = pgTable('enablement_reminders', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  objectType: text('object_type').notNull(),
  objectId: uuid('object_id').notNull(),
  version: integer('version').notNull(),
  week: text('week').notNull(),
  sentAt: ts('sent_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.userId, t.objectType, t.objectId, t.version, t.week] }), index('enablement_reminders_ws_idx').on(t.workspaceId)]);
