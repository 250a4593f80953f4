/**
 * Strategy tables. Every strategy item carries `version` (bumped on each change) and has its
 * snapshots in `strategy_versions` and its discussion in `strategy_comments`, keyed by
 * (item_type, item_id), so versioning and comments work the same for every kind of item.
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const day = (name: string) => date(name, { mode: 'string' });
const textList = (name: string) => text(name).array().notNull().default(sql`'{}'::text[]`);
const idList = (name: string) => uuid(name).array().notNull().default(sql`'{}'::uuid[]`);
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Columns every strategy item has. */
const itemColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
const owner = () => uuid('owner_id').references(() => users.id, { onDelete: 'set null' });

export const strategyChallenges = pgTable('strategy_challenges', {
  ...itemColumns(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  ownerId: owner(),
  measures: textList('measures'),
  progress: integer('progress').notNull().default(0),
  state: text('state').notNull().default('not_started'),
}, (t) => [index('strategy_challenges_ws_idx').on(t.workspaceId)]);

export const strategyMetaGoals = pgTable('strategy_meta_goals', {
  ...itemColumns(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  ownerId: owner(),
}, (t) => [index('strategy_meta_goals_ws_idx').on(t.workspaceId)]);

/** SMART goals: a catalogue metric, a number and a date, derived from a meta goal. */
export const strategyGoals = pgTable('strategy_goals', {
  ...itemColumns(),
  metaGoalId: uuid('meta_goal_id').notNull().references(() => strategyMetaGoals.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  metric: text('metric').notNull(),
  /** Network names (`bluesky`) or channel ids; empty = the whole workspace. */
  channels: textList('channels'),
  baseline: doublePrecision('baseline').notNull().default(0),
  targetValue: doublePrecision('target_value').notNull(),
  startDate: day('start_date').notNull(),
  deadline: day('deadline').notNull(),
  ownerId: owner(),
}, (t) => [index('strategy_goals_ws_idx').on(t.workspaceId)]);

export const strategyTargetGroups = pgTable('strategy_target_groups', {
  ...itemColumns(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  needs: textList('needs'),
  interests: textList('interests'),
  /** 1 = most important; the list is ranked by it. */
  priority: integer('priority').notNull().default(1),
  platforms: textList('platforms'),
  tone: text('tone').notNull().default('Sie'),
  language: text('language').notNull().default('de'),
}, (t) => [index('strategy_target_groups_ws_idx').on(t.workspaceId)]);

/** Platform strategy per channel; `network` is kept so a strategy can exist before the channel. */
export const strategyPlatforms = pgTable('strategy_platforms', {
  ...itemColumns(),
  network: text('network').notNull(),
  channelId: uuid('channel_id'),
  purpose: text('purpose').notNull().default(''),
  targetGroupIds: idList('target_group_ids'),
  postsPerWeek: doublePrecision('posts_per_week'),
  responseTimeMinutes: integer('response_time_minutes'),
  tone: text('tone').notNull().default(''),
  visualIdentity: text('visual_identity').notNull().default(''),
  /** Who handles the channel and who substitutes (the seed's organisational questions). */
  ownerId: owner(),
  deputyId: uuid('deputy_id').references(() => users.id, { onDelete: 'set null' }),
}, (t) => [index('strategy_platforms_ws_idx').on(t.workspaceId)]);

/**
 * The brand sheet of a platform strategy: logos, colour sheets, typography samples. Images only,
 * re-encoded on upload (metadata dropped) and kept in the database — they are few and small
 * (limit in common/schemas/strategy.ts), and travel with a database backup.
 */
export const strategyBrandAssets = pgTable('strategy_brand_assets', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  platformId: uuid('platform_id').notNull().references(() => strategyPlatforms.id, { onDelete: 'cascade' }),
  filename: text('filename').notNull(),
  label: text('label').notNull().default(''),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  data: bytea('data').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('strategy_brand_assets_platform_idx').on(t.platformId)]);

/** Content pillars (`pillar`) and formats (`format`), linked to goals and target groups. */
export const strategyTopics = pgTable('strategy_topics', {
  ...itemColumns(),
  kind: text('kind').notNull().default('pillar'),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  goalIds: idList('goal_ids'),
  targetGroupIds: idList('target_group_ids'),
}, (t) => [index('strategy_topics_ws_idx').on(t.workspaceId)]);

export const strategyEffortPlans = pgTable('strategy_effort_plans', {
  ...itemColumns(),
  name: text('name').notNull(),
  /** `{ network, postsPerWeek, minutesPerPost, interactionsPerWeek, minutesPerInteraction }[]` */
  lines: jsonb('lines').notNull().default(sql`'[]'::jsonb`),
  monitoringHoursPerWeek: doublePrecision('monitoring_hours_per_week').notNull().default(0),
  /** `{ userId, hoursPerWeek }[]` — the roster's capacity for social media work. */
  capacity: jsonb('capacity').notNull().default(sql`'[]'::jsonb`),
  /** `{ label, amountEur }[]` */
  budgetItems: jsonb('budget_items').notNull().default(sql`'[]'::jsonb`),
}, (t) => [index('strategy_effort_plans_ws_idx').on(t.workspaceId)]);

export const strategyPhases = pgTable('strategy_phases', {
  ...itemColumns(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(1),
  isPilot: boolean('is_pilot').notNull().default(false),
  startDate: day('start_date'),
  endDate: day('end_date'),
  entryCriteria: textList('entry_criteria'),
  exitCriteria: textList('exit_criteria'),
  memberIds: idList('member_ids'),
  channels: textList('channels'),
}, (t) => [index('strategy_phases_ws_idx').on(t.workspaceId)]);

/** One row per stored state of an item (version 1 = as created). */
export const strategyVersions = pgTable('strategy_versions', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  itemType: text('item_type').notNull(),
  itemId: uuid('item_id').notNull(),
  version: integer('version').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.itemType, t.itemId, t.version] }), index('strategy_versions_ws_idx').on(t.workspaceId)]);

export const strategyComments = pgTable('strategy_comments', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  itemType: text('item_type').notNull(),
  itemId: uuid('item_id').notNull(),
  authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
  body: text('body').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('strategy_comments_item_idx').on(t.itemType, t.itemId)]);

/**
 * KPI time series, filled by collectors (publishing, inbox, listening) and manual entry. One value
 * per (workspace, metric, channel, day); `channel` is '' for workspace-wide values so the unique
 * key works without NULL semantics.
 */
export const kpiValues = pgTable('kpi_values', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  metric: text('metric').notNull(),
  channel: text('channel').notNull().default(''),
  date: day('date').notNull(),
  value: doublePrecision('value').notNull(),
  source: text('source').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.metric, t.channel, t.date] })]);

/**
 * Engagement counters of a published post as the network reported them on a day (the metrics
 * collector reads the posts of the last 30 days once a day). The difference to the post's
 * previous snapshot is that day's new engagement — networks report totals, not daily additions.
 */
export const kpiPostSnapshots = pgTable('kpi_post_snapshots', {
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  targetId: uuid('target_id').notNull(),
  channelId: uuid('channel_id').notNull(),
  date: day('date').notNull(),
  likes: integer('likes').notNull(),
  reposts: integer('reposts').notNull(),
  replies: integer('replies').notNull(),
  quotes: integer('quotes').notNull().default(0),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.targetId, t.date] }), index('kpi_post_snapshots_channel_idx').on(t.channelId, t.date)]);
