import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/** One published part of a thread: the network's id, Bluesky's CID (needed for reply refs), the URL. */
export interface ThreadPartRef { id: string; cid?: string; url?: string }

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** Workspace-wide publishing switches (the crisis issue builds on `paused`). */
export const publishingSettings = pgTable('publishing_settings', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  paused: boolean('paused').notNull().default(false),
  pausedAt: ts('paused_at'),
  pausedBy: uuid('paused_by').references(() => users.id, { onDelete: 'set null' }),
  lateApproval: text('late_approval').notNull().default('expire'),
  altTextRequired: boolean('alt_text_required').notNull().default(true),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const channels = pgTable('channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  network: text('network').notNull(),
  name: text('name').notNull(),
  accountHandle: text('account_handle'),
  accountId: text('account_id'),
  serviceUrl: text('service_url'),
  status: text('status').notNull().default('not_connected'),
  statusReason: text('status_reason'),
  /** AES-256-GCM sealed JSON credentials (`ctx.secrets.seal`); never returned by the API. */
  credentialsSealed: text('credentials_sealed'),
  limits: jsonb('limits'),
  paused: boolean('paused').notNull().default(false),
  maxConcurrency: integer('max_concurrency').notNull().default(2),
  /** Set from a rate-limit answer: nothing is sent to this channel before it. */
  blockedUntil: ts('blocked_until'),
  /** Default posting slots: `{ weekday: 1-7 (ISO), time: 'HH:MM' }[]` in the workspace time zone. */
  defaultSlots: jsonb('default_slots').notNull().default(sql`'[]'::jsonb`),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('channels_workspace_idx').on(t.workspaceId)]);

/** OAuth attempts between "start" and the callback (state hashed, pending data sealed). */
export const oauthAttempts = pgTable('oauth_attempts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
  stateHash: text('state_hash').notNull().unique(),
  pendingSealed: text('pending_sealed').notNull(),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  expiresAt: ts('expires_at').notNull(),
});

export const posts = pgTable('posts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  text: text('text').notNull(),
  variants: jsonb('variants').notNull().default(sql`'{}'::jsonb`),
  media: jsonb('media').notNull().default(sql`'[]'::jsonb`),
  contentWarning: text('content_warning'),
  language: text('language'),
  /** The author chose to send a text too long for a network as a thread (variants may decide for their channel). */
  thread: boolean('thread').notNull().default(false),
  campaign: text('campaign'),
  topic: text('topic'),
  targetGroups: text('target_groups').array().notNull().default(sql`'{}'::text[]`),
  notes: text('notes'),
  scheduledAt: ts('scheduled_at'),
  contentHash: text('content_hash').notNull(),
  version: integer('version').notNull().default(1),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('posts_workspace_scheduled_idx').on(t.workspaceId, t.scheduledAt)]);

export const postVersions = pgTable('post_versions', {
  id: uuid('id').primaryKey().defaultRandom(),
  postId: uuid('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  content: jsonb('content').notNull(),
  contentHash: text('content_hash').notNull(),
  editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('post_versions_post_version_uq').on(t.postId, t.version)]);

/** One (post, channel) pair moving through the publish state machine. */
export const publishTargets = pgTable('publish_targets', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  postId: uuid('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
  channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
  state: text('state').notNull().default('draft'),
  scheduledAt: ts('scheduled_at'),
  /** Earliest next attempt (back-off after `retry` / `rate_limited`). */
  notBefore: ts('not_before'),
  /** Overdue at resume after a pause: waits for a human decision, never sent automatically. */
  heldAt: ts('held_at'),
  attempts: integer('attempts').notNull().default(0),
  idempotencyKey: text('idempotency_key'),
  /** First time the idempotency key went to the network (its de-duplication window starts here). */
  firstSentAt: ts('first_sent_at'),
  claimToken: uuid('claim_token'),
  leaseUntil: ts('lease_until'),
  enqueuedAt: ts('enqueued_at'),
  remoteId: text('remote_id'),
  remoteUrl: text('remote_url'),
  /** A thread's part texts, frozen at its first claim (null: a single post); see thread-publish.ts. */
  threadParts: jsonb('thread_parts').$type<string[]>(),
  /** The parts already on the network, in order (`{ id, cid?, url? }`): a resumed thread continues after them. */
  threadProgress: jsonb('thread_progress').$type<ThreadPartRef[]>().notNull().default(sql`'[]'::jsonb`),
  publishedAt: ts('published_at'),
  errorKind: text('error_kind'),
  lastError: text('last_error'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('publish_targets_post_channel_uq').on(t.postId, t.channelId),
  index('publish_targets_due_idx').on(t.state, t.scheduledAt),
  index('publish_targets_channel_state_idx').on(t.channelId, t.state),
]);

export const approvalChains = pgTable('approval_chains', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** null: the workspace default. */
  channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
  steps: jsonb('steps').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('approval_chains_scope_uq').on(t.workspaceId, sql`coalesce(${t.channelId}, '00000000-0000-0000-0000-000000000000'::uuid)`)]);

export const postApprovals = pgTable('post_approvals', {
  id: uuid('id').primaryKey().defaultRandom(),
  postId: uuid('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  stepIndex: integer('step_index').notNull(),
  decision: text('decision').notNull(),
  contentHash: text('content_hash').notNull(),
  comment: text('comment'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('post_approvals_post_idx').on(t.postId)]);

export const postComments = pgTable('post_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  postId: uuid('post_id').notNull().references(() => posts.id, { onDelete: 'cascade' }),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  parentId: uuid('parent_id'),
  body: text('body').notNull(),
  /** Members mentioned in the comment (notified once, when it is written). */
  mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('post_comments_post_idx').on(t.postId)]);
