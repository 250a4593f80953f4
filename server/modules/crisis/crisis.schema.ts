/**
 * Crisis tables. Preparation (playbooks with versions, pre-approved holding statements, webhook
 * targets) and the crisis itself as a system state: one row per crisis (proposed → active →
 * ended, or dismissed), with its timeline and decision log, tasks, contact chain with
 * acknowledgements, statements, the drill sandbox and the frozen post-crisis report.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { listeningQueries } from '../listening/listening.schema.ts';
import { posts } from '../publishing/publishing.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const wsRef = () => uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

/** A playbook per scenario; `content` is the current version (levels, team, tasks, FAQ), snapshots below. */
export const crisisPlaybooks = pgTable('crisis_playbooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  scenario: text('scenario').notNull(),
  name: text('name').notNull(),
  version: integer('version').notNull().default(1),
  content: jsonb('content').notNull(),
  archived: boolean('archived').notNull().default(false),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('crisis_playbooks_ws_idx').on(t.workspaceId)]);

export const crisisPlaybookVersions = pgTable('crisis_playbook_versions', {
  playbookId: uuid('playbook_id').notNull().references(() => crisisPlaybooks.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
  name: text('name').notNull(),
  content: jsonb('content').notNull(),
  editedBy: userRef('edited_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.playbookId, t.version] })]);

/**
 * A holding statement goes through the workspace approval chain in advance; only the approved
 * content hash may be used without a new approval.
 */
export const crisisHoldingStatements = pgTable('crisis_holding_statements', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  playbookId: uuid('playbook_id').notNull().references(() => crisisPlaybooks.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  language: text('language').notNull(),
  /** Address form: 'du' | 'sie' (English statements use 'sie' for the formal register). */
  register: text('register').notNull(),
  text: text('text').notNull(),
  /** Shorter texts per network (`{ bluesky?: string, mastodon?: string }`). */
  variants: jsonb('variants').notNull().default(sql`'{}'::jsonb`),
  /** Networks whose length rules the statement must meet. */
  networks: text('networks').array().notNull().default(sql`'{bluesky,mastodon}'::text[]`),
  contentHash: text('content_hash').notNull(),
  version: integer('version').notNull().default(1),
  /** 'draft' | 'in_review' | 'approved' */
  status: text('status').notNull().default('draft'),
  approvedHash: text('approved_hash'),
  approvedAt: ts('approved_at'),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('crisis_holding_statements_playbook_idx').on(t.playbookId)]);

export const crisisStatementApprovals = pgTable('crisis_statement_approvals', {
  id: uuid('id').primaryKey().defaultRandom(),
  statementId: uuid('statement_id').notNull().references(() => crisisHoldingStatements.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  stepIndex: integer('step_index').notNull(),
  decision: text('decision').notNull(),
  contentHash: text('content_hash').notNull(),
  comment: text('comment'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('crisis_statement_approvals_statement_idx').on(t.statementId)]);

/** Where crisis calls go besides in-app and e-mail (Slack, Teams, Matrix, JSON); the URL is a credential, sealed. */
export const crisisWebhooks = pgTable('crisis_webhooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  name: text('name').notNull(),
  format: text('format').notNull(),
  urlSealed: text('url_sealed').notNull(),
  /** Host shown in the UI (the full URL is never returned). */
  urlHost: text('url_host').notNull(),
  secretSealed: text('secret_sealed'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('crisis_webhooks_ws_idx').on(t.workspaceId)]);

export const crises = pgTable('crises', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  playbookId: uuid('playbook_id').references(() => crisisPlaybooks.id, { onDelete: 'set null' }),
  playbookVersion: integer('playbook_version'),
  title: text('title').notNull(),
  scenario: text('scenario').notNull(),
  severity: smallint('severity').notNull(),
  /** 'proposed' | 'active' | 'ended' | 'dismissed' */
  state: text('state').notNull(),
  drill: boolean('drill').notNull().default(false),
  /** 'workspace' | 'channels' */
  scope: text('scope').notNull().default('workspace'),
  channelIds: uuid('channel_ids').array().notNull().default(sql`'{}'::uuid[]`),
  queryId: uuid('query_id').references(() => listeningQueries.id, { onDelete: 'set null' }),
  queryText: text('query_text'),
  /** What proposed it: `{ kind: 'listening_alert', alertId, … }`, `{ kind: 'inbox_volume', … }` or `{ kind: 'manual' }`. */
  trigger: jsonb('trigger').notNull().default(sql`'{}'::jsonb`),
  proposedAt: ts('proposed_at'),
  confirmedAt: ts('confirmed_at'),
  confirmedBy: userRef('confirmed_by'),
  endedAt: ts('ended_at'),
  endedBy: userRef('ended_by'),
  endSummary: text('end_summary'),
  /** Pause switches as they were before activation, restored explicitly at the end. */
  previousPublishing: jsonb('previous_publishing'),
  pauseEffectiveMs: integer('pause_effective_ms'),
  /** Targets that were already being sent when the pause took effect (the drain waited for them). */
  inFlightAtConfirm: integer('in_flight_at_confirm'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  index('crises_ws_idx').on(t.workspaceId, t.createdAt),
  // Crisis mode is one system state: at most one real crisis, one drill and one open proposal at a time.
  uniqueIndex('crises_one_active_uq').on(t.workspaceId).where(sql`state = 'active' AND NOT drill`),
  uniqueIndex('crises_one_drill_uq').on(t.workspaceId).where(sql`state = 'active' AND drill`),
  uniqueIndex('crises_one_proposal_uq').on(t.workspaceId).where(sql`state = 'proposed'`),
]);

/** Timeline and decision log (kind `decision` carries who, what and why; every row is also audited). */
export const crisisEvents = pgTable('crisis_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  crisisId: uuid('crisis_id').notNull().references(() => crises.id, { onDelete: 'cascade' }),
  workspaceId: wsRef(),
  at: ts('at').notNull(),
  kind: text('kind').notNull(),
  actorId: userRef('actor_id'),
  summary: text('summary').notNull(),
  reason: text('reason'),
  data: jsonb('data').notNull().default(sql`'{}'::jsonb`),
}, (t) => [index('crisis_events_crisis_idx').on(t.crisisId, t.at)]);

export const crisisTasks = pgTable('crisis_tasks', {
  id: uuid('id').primaryKey().defaultRandom(),
  crisisId: uuid('crisis_id').notNull().references(() => crises.id, { onDelete: 'cascade' }),
  workspaceId: wsRef(),
  position: integer('position').notNull(),
  title: text('title').notNull(),
  ownerId: userRef('owner_id'),
  dueAt: ts('due_at').notNull(),
  doneAt: ts('done_at'),
  doneBy: userRef('done_by'),
}, (t) => [index('crisis_tasks_crisis_idx').on(t.crisisId)]);

/** The contact chain of one crisis: who was called, through what, and when they acknowledged. */
export const crisisContacts = pgTable('crisis_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  crisisId: uuid('crisis_id').notNull().references(() => crises.id, { onDelete: 'cascade' }),
  workspaceId: wsRef(),
  position: integer('position').notNull(),
  label: text('label').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  /** Set when this person stands in for someone (roster substitute or escalation). */
  substituteFor: userRef('substitute_for'),
  /** Who to call when this person does not acknowledge in time. */
  fallbackUserId: userRef('fallback_user_id'),
  notifiedAt: ts('notified_at').notNull(),
  escalateAt: ts('escalate_at'),
  escalatedAt: ts('escalated_at'),
  acknowledgedAt: ts('acknowledged_at'),
  /** SHA-256 of the acknowledgement link's token. */
  ackTokenHash: text('ack_token_hash').notNull().unique(),
  deliveries: jsonb('deliveries').notNull().default(sql`'[]'::jsonb`),
}, (t) => [index('crisis_contacts_crisis_idx').on(t.crisisId)]);

export const crisisStatements = pgTable('crisis_statements', {
  id: uuid('id').primaryKey().defaultRandom(),
  crisisId: uuid('crisis_id').notNull().references(() => crises.id, { onDelete: 'cascade' }),
  workspaceId: wsRef(),
  holdingStatementId: uuid('holding_statement_id').references(() => crisisHoldingStatements.id, { onDelete: 'set null' }),
  /** The editorial-plan post that carries it (null in drills: nothing enters publishing). */
  postId: uuid('post_id').references(() => posts.id, { onDelete: 'set null' }),
  text: text('text').notNull(),
  language: text('language').notNull(),
  channelIds: uuid('channel_ids').array().notNull().default(sql`'{}'::uuid[]`),
  preApproved: boolean('pre_approved').notNull().default(false),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  releasedAt: ts('released_at'),
}, (t) => [index('crisis_statements_crisis_idx').on(t.crisisId), index('crisis_statements_post_idx').on(t.postId)]);

/** The drill sandbox: simulated mentions and comments, never mixed into listening or the inbox. */
export const crisisDrillItems = pgTable('crisis_drill_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  crisisId: uuid('crisis_id').notNull().references(() => crises.id, { onDelete: 'cascade' }),
  workspaceId: wsRef(),
  /** 'mention' (monitoring) | 'comment' (inbox) */
  kind: text('kind').notNull(),
  network: text('network').notNull(),
  author: text('author').notNull(),
  text: text('text').notNull(),
  sentiment: smallint('sentiment').notNull(),
  sentimentScore: real('sentiment_score').notNull(),
  /** When it "arrives" (the scenario's curve); the room shows only what has arrived. */
  at: ts('at').notNull(),
  handledAt: ts('handled_at'),
  handledBy: userRef('handled_by'),
}, (t) => [index('crisis_drill_items_crisis_idx').on(t.crisisId, t.at)]);

/** The post-crisis (or drill) report as computed at the end; the PDF is rendered from it. */
export const crisisReports = pgTable('crisis_reports', {
  crisisId: uuid('crisis_id').primaryKey().references(() => crises.id, { onDelete: 'cascade' }),
  workspaceId: wsRef(),
  generatedAt: ts('generated_at').notNull(),
  summary: jsonb('summary').notNull(),
});
