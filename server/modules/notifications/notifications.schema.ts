/**
 * In-app notifications (one row per recipient) and the mail outbox. Mails that belong to a change
 * (an approval request, an SLA breach, a crisis call) are written to the outbox in the change's own
 * transaction and delivered afterwards by `mail-outbox.ts`, so a rolled-back change sends nothing
 * and a crash after the commit still sends the mail.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  link: text('link'),
  objectId: uuid('object_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
  readAt: ts('read_at'),
}, (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)]);

export const mailOutbox = pgTable('mail_outbox', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').references(() => workspaces.id, { onDelete: 'cascade' }),
  to: text('to').notNull(),
  subject: text('subject').notNull(),
  text: text('text').notNull(),
  html: text('html'),
  /** `{ filename, contentType, contentBase64 }[]` — e.g. the PDF of a scheduled report. */
  attachments: jsonb('attachments'),
  /** What caused the mail, e.g. `notification:<id>`, for support questions ("did it go out?"). */
  reference: text('reference'),
  attempts: integer('attempts').notNull().default(0),
  nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
  lastError: text('last_error'),
  sentAt: ts('sent_at'),
  failedAt: ts('failed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`sent_at IS NULL AND failed_at IS NULL`)]);
