/**
 * Moderation by netiquette. The netiquette's clauses are edited as a draft and published as
 * immutable versions (the public page shows the latest). Every moderation action rests on a clause
 * and a reason and carries an evidence snapshot taken before anything is sent to the network.
 *
 * The moderation record is append-only: `moderation_actions` (what was decided, on which clause,
 * with what evidence) and `moderation_events` (requested, confirmed, executed, failed, appeal …).
 * A trigger refuses UPDATE on both and DELETE unless the retention job has set
 * `resonanz.moderation_retention = 'on'` for its transaction (the record's own retention period).
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const wsRef = () => uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

export const moderationSettings = pgTable('moderation_settings', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** A ban (block) needs a second person's confirmation before it is executed. */
  banNeedsConfirmation: boolean('ban_needs_confirmation').notNull().default(true),
  /** Warnings after which the UI suggests a ban (the warning ladder). */
  warningsBeforeBan: integer('warnings_before_ban').notNull().default(2),
  /** How long the moderation record (with evidence) is kept, in days. */
  recordRetentionDays: integer('record_retention_days').notNull().default(730),
  introDe: text('intro_de').notNull().default(''),
  introEn: text('intro_en').notNull().default(''),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The current (draft) clauses; `code` is stable across versions (`insult`, `hate`, …). */
export const netiquetteClauses = pgTable('netiquette_clauses', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  code: text('code').notNull(),
  /** insult | hate | spam | personal_data | off_topic | repeated | other */
  category: text('category').notNull(),
  position: integer('position').notNull().default(0),
  titleDe: text('title_de').notNull(),
  titleEn: text('title_en').notNull(),
  bodyDe: text('body_de').notNull(),
  bodyEn: text('body_en').notNull(),
  /** The workspace explicitly allows rules to hide matching items without a human (off by default). */
  autoHide: boolean('auto_hide').notNull().default(false),
  retiredAt: ts('retired_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('netiquette_clauses_ws_idx').on(t.workspaceId, t.position)]);

/** A published netiquette: the full text as it was, immutable. */
export const netiquetteVersions = pgTable('netiquette_versions', {
  workspaceId: wsRef(),
  version: integer('version').notNull(),
  introDe: text('intro_de').notNull(),
  introEn: text('intro_en').notNull(),
  /** `[{ id, code, category, titleDe, titleEn, bodyDe, bodyEn }]` */
  clauses: jsonb('clauses').notNull(),
  publishedBy: userRef('published_by'),
  publishedAt: ts('published_at').notNull(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.version] })]);

export const moderationActions = pgTable('moderation_actions', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  /** hide | unhide | delete | warn | block | unblock | mute | report */
  action: text('action').notNull(),
  /** The inbox item and its author at the time (no foreign keys: the record outlives erasure of the item). */
  itemId: uuid('item_id'),
  authorId: uuid('author_id'),
  network: text('network'),
  channelId: uuid('channel_id'),
  clauseId: uuid('clause_id').notNull(),
  clauseCode: text('clause_code').notNull(),
  clauseTitle: text('clause_title').notNull(),
  /** The published netiquette version in force (null when none was published yet). */
  netiquetteVersion: integer('netiquette_version'),
  reason: text('reason').notNull(),
  /** Text, author, time, link and the item's JSON, taken before the network is called. */
  evidence: jsonb('evidence').notNull(),
  evidenceHash: text('evidence_hash').notNull(),
  /** Who may execute it: `network` (the network can), `local` (Resonanz only — the network cannot). */
  scope: text('scope').notNull(),
  /** Plain ids and a name snapshot, no foreign keys: a SET NULL on user deletion would be an UPDATE of the record. */
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  /** Set when a rule acted (auto-hide) instead of a person. */
  ruleId: uuid('rule_id'),
  createdAt: ts('created_at').notNull(),
}, (t) => [
  index('moderation_actions_ws_idx').on(t.workspaceId, t.createdAt),
  index('moderation_actions_author_idx').on(t.workspaceId, t.authorId),
  index('moderation_actions_item_idx').on(t.itemId),
]);

export const moderationEvents = pgTable('moderation_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  actionId: uuid('action_id').notNull().references(() => moderationActions.id, { onDelete: 'cascade' }),
  /** requested | awaiting_confirmation | confirmed | rejected | executed | local_only | failed | appeal_logged | appeal_decided */
  kind: text('kind').notNull(),
  byId: uuid('by_id'),
  byName: text('by_name'),
  detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  createdAt: ts('created_at').notNull(),
}, (t) => [index('moderation_events_action_idx').on(t.actionId, t.createdAt)]);

/** Appeals against an action (a blocked user writes in); reviewed by someone other than the actor. */
export const moderationAppeals = pgTable('moderation_appeals', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  actionId: uuid('action_id').notNull().references(() => moderationActions.id, { onDelete: 'cascade' }),
  /** How the request reached us: email | message | letter | other */
  channel: text('channel').notNull(),
  request: text('request').notNull(),
  receivedAt: ts('received_at').notNull(),
  loggedBy: userRef('logged_by'),
  /** open | upheld | reversed */
  state: text('state').notNull().default('open'),
  reviewerId: userRef('reviewer_id'),
  decisionNote: text('decision_note'),
  decidedAt: ts('decided_at'),
}, (t) => [index('moderation_appeals_ws_idx').on(t.workspaceId, t.state)]);

/** Rules that flag items as probable violations of a clause (keywords or a boolean query). */
export const moderationRules = pgTable('moderation_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  name: text('name').notNull(),
  clauseId: uuid('clause_id').notNull().references(() => netiquetteClauses.id, { onDelete: 'cascade' }),
  /** keywords | query */
  kind: text('kind').notNull(),
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  query: text('query'),
  enabled: boolean('enabled').notNull().default(true),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('moderation_rules_ws_idx').on(t.workspaceId)]);

/** A rule's suggestion on an item, for a human to act on or dismiss. */
export const moderationFlags = pgTable('moderation_flags', {
  workspaceId: wsRef(),
  itemId: uuid('item_id').notNull(),
  ruleId: uuid('rule_id').notNull().references(() => moderationRules.id, { onDelete: 'cascade' }),
  clauseId: uuid('clause_id').notNull(),
  matched: text('matched').notNull().default(''),
  flaggedAt: ts('flagged_at').notNull(),
  dismissedAt: ts('dismissed_at'),
  dismissedBy: userRef('dismissed_by'),
}, (t) => [primaryKey({ columns: [t.itemId, t.ruleId] }), index('moderation_flags_ws_idx').on(t.workspaceId, t.flaggedAt)]);
