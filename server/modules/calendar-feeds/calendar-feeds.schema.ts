import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/**
 * Secret iCal feed URLs (editorial plan, duty roster …), one per member, workspace and kind. Only the
 * SHA-256 of the token is stored; a feed answers only while its owner still holds the permission the
 * feed kind needs, so removing a member or a role closes their calendar subscription too.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  kind: text('kind').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
}, (t) => [uniqueIndex('calendar_feeds_member_kind_uq').on(t.workspaceId, t.userId, t.kind), index('calendar_feeds_ws_idx').on(t.workspaceId)]);
