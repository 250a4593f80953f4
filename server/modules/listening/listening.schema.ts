/**
 * Listening tables. Mentions are stored once per workspace and network (dedupe key), linked to
 * every matching saved query, and counted into hourly rollups and daily facet counts on ingest, so
 * dashboards read small aggregate tables and never scan raw mentions (see docs/architecture.md,
 * "Listening storage").
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const wsRef = () => uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' });
/** Volume and sentiment counts of a rollup row (per query, per set of queries, per scope). */
const counts = () => ({
  volume: integer('volume').notNull().default(0),
  negative: integer('negative').notNull().default(0),
  neutral: integer('neutral').notNull().default(0),
  positive: integer('positive').notNull().default(0),
});

/** Topic groups: the organisation itself, competitors, or plain topics; share of voice compares them. */
export const listeningTopicGroups = pgTable('listening_topic_groups', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('listening_topic_groups_ws_idx').on(t.workspaceId)]);

export const listeningQueries = pgTable('listening_queries', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  groupId: uuid('group_id').references(() => listeningTopicGroups.id, { onDelete: 'set null' }),
  name: text('name').notNull(),
  query: text('query').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  alertEnabled: boolean('alert_enabled').notNull().default(true),
  /** 'low' | 'medium' | 'high' (robust z thresholds in alerts/spike-detector.ts). */
  alertSensitivity: text('alert_sensitivity').notNull().default('medium'),
  alertMinMentions: integer('alert_min_mentions').notNull().default(10),
  createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('listening_queries_ws_idx').on(t.workspaceId)]);

/** A configured source and its health (written by the source supervisor, read by the UI). */
export const listeningSources = pgTable('listening_sources', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  config: jsonb('config').notNull().default(sql`'{}'::jsonb`),
  /** Sealed (AES-256-GCM) webhook secret or source credentials; never returned after creation. */
  secretSealed: text('secret_sealed'),
  enabled: boolean('enabled').notNull().default(true),
  /** Resume position: Jetstream time_us, Mastodon min_id, feed ETag/Last-Modified (JSON). */
  cursor: text('cursor'),
  status: text('status').notNull().default('idle'),
  statusReason: text('status_reason'),
  lastEventAt: ts('last_event_at'),
  lastErrorAt: ts('last_error_at'),
  reconnects: integer('reconnects').notNull().default(0),
  receivedTotal: bigint('received_total', { mode: 'number' }).notNull().default(0),
  storedTotal: bigint('stored_total', { mode: 'number' }).notNull().default(0),
  duplicatesTotal: bigint('duplicates_total', { mode: 'number' }).notNull().default(0),
  errorsTotal: bigint('errors_total', { mode: 'number' }).notNull().default(0),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('listening_sources_ws_idx').on(t.workspaceId)]);

export const mentions = pgTable('mentions', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  workspaceId: wsRef(),
  sourceId: uuid('source_id').references(() => listeningSources.id, { onDelete: 'set null' }),
  /** bluesky | mastodon | rss | import | webhook — the dedupe namespace of `external_id`. */
  network: text('network').notNull(),
  externalId: text('external_id').notNull(),
  url: text('url'),
  author: text('author'),
  authorName: text('author_name'),
  title: text('title'),
  text: text('text').notNull(),
  lang: text('lang'),
  /** -1 negative, 0 neutral, 1 positive. */
  sentiment: smallint('sentiment').notNull(),
  sentimentScore: real('sentiment_score').notNull(),
  hashtags: text('hashtags').array().notNull().default(sql`'{}'::text[]`),
  publishedAt: ts('published_at').notNull(),
  ingestedAt: ts('ingested_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('mentions_dedupe_uq').on(t.workspaceId, t.network, t.externalId),
  index('mentions_ws_published_idx').on(t.workspaceId, t.publishedAt),
]);

/**
 * Mention ↔ query links, denormalised (time, sentiment, language, author) so that the mention list
 * of a query is one index range scan in time order. The primary key is that scan's index.
 */
export const mentionMatches = pgTable('mention_matches', {
  queryId: uuid('query_id').notNull().references(() => listeningQueries.id, { onDelete: 'cascade' }),
  publishedAt: ts('published_at').notNull(),
  mentionId: bigint('mention_id', { mode: 'number' }).notNull(),
  workspaceId: uuid('workspace_id').notNull(),
  sentiment: smallint('sentiment').notNull(),
  lang: text('lang'),
}, (t) => [primaryKey({ columns: [t.queryId, t.publishedAt, t.mentionId] })]);

/** Per query and hour: volume and sentiment counts, added to on ingest. */
export const listeningRollups = pgTable('listening_rollups', {
  queryId: uuid('query_id').notNull().references(() => listeningQueries.id, { onDelete: 'cascade' }),
  bucket: ts('bucket').notNull(),
  ...counts(),
}, (t) => [primaryKey({ columns: [t.queryId, t.bucket] })]);

/**
 * Per workspace, hour and the exact set of queries a mention matched (sorted ids): volume and
 * sentiment counts, added to on ingest. A scope of several queries (a topic group, a selection, all
 * queries) counts each mention once: its volume is the sum over the sets that intersect it. Per-query
 * rollups cannot answer that, since a mention matching two queries of a group is in both. Group
 * membership is applied when reading (or recounting the scope rollups below), so the sets stay
 * true when a query moves or is deleted.
 */
export const listeningSetRollups = pgTable('listening_set_rollups', {
  workspaceId: wsRef(),
  bucket: ts('bucket').notNull(),
  queryIds: uuid('query_ids').array().notNull(),
  ...counts(),
}, (t) => [primaryKey({ columns: [t.workspaceId, t.bucket, t.queryIds] })]);

/**
 * Per scope and hour, each mention once: a topic group (`scope_id` = the group's id) or all queries of
 * the workspace (`scope_id` = the workspace's id). The hot dashboard and report scopes read these by
 * primary key. They are derived from the set rollups: ingest adds to them, and a query that moves to
 * another group or is deleted triggers a recount of the scopes concerned (`scope-rollups.ts`).
 */
export const listeningScopeRollups = pgTable('listening_scope_rollups', {
  workspaceId: wsRef(),
  scopeId: uuid('scope_id').notNull(),
  bucket: ts('bucket').notNull(),
  ...counts(),
}, (t) => [primaryKey({ columns: [t.scopeId, t.bucket] })]);

/** Per query and day: counts of authors, hashtags, terms and languages (top-N lists). */
export const listeningFacets = pgTable('listening_facets', {
  queryId: uuid('query_id').notNull().references(() => listeningQueries.id, { onDelete: 'cascade' }),
  facet: text('facet').notNull(),
  day: ts('day').notNull(),
  key: text('key').notNull(),
  count: integer('count').notNull().default(0),
}, (t) => [primaryKey({ columns: [t.queryId, t.facet, t.day, t.key] })]);

export const listeningAlerts = pgTable('listening_alerts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  queryId: uuid('query_id').notNull().references(() => listeningQueries.id, { onDelete: 'cascade' }),
  /** 'volume' | 'negative_share' */
  kind: text('kind').notNull(),
  windowStart: ts('window_start').notNull(),
  windowEnd: ts('window_end').notNull(),
  observed: real('observed').notNull(),
  expected: real('expected').notNull(),
  score: real('score').notNull(),
  sensitivity: text('sensitivity').notNull(),
  /** Per channel: `{ channelId, kind, ok, error? }`. */
  deliveries: jsonb('deliveries').notNull().default(sql`'[]'::jsonb`),
  createdAt: ts('created_at').notNull().defaultNow(),
  acknowledgedAt: ts('acknowledged_at'),
}, (t) => [index('listening_alerts_query_idx').on(t.queryId, t.kind, t.createdAt), index('listening_alerts_ws_idx').on(t.workspaceId, t.createdAt)]);

/** Where alerts go besides in-app: e-mail addresses and webhooks (Slack, Teams, Matrix, JSON). */
export const listeningAlertChannels = pgTable('listening_alert_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  target: text('target').notNull(),
  format: text('format').notNull().default('json'),
  secretSealed: text('secret_sealed'),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('listening_alert_channels_ws_idx').on(t.workspaceId)]);

/** In-app notifications moved to the notifications module (shared by every area); re-exported for existing imports. */
export { notifications } from '../notifications/notifications.schema.ts';
