/** Privacy settings: how long personal data of external authors is kept in the inbox. */
import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { workspaces } from '../workspaces/workspaces.schema.ts';

export const privacySettings = pgTable('privacy_settings', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** Days after an author was last seen (and an item arrived) before handles, names and texts are pseudonymised. */
  authorRetentionDays: integer('author_retention_days').notNull().default(180),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
