/**
 * Inbox tables. One store for every inbound item (network replies, mentions, quotes, DMs — and
 * later listening matches promoted into the inbox), deduplicated per workspace by `dedupe_key`.
 * External authors live in their own table so the retention job can pseudonymise them in one place.
 * The list is read through keyset indexes: the default view walks `inbox_items_open_urgency_idx`
 * (open items by SLA urgency), other views `inbox_items_ws_received_idx` (see docs/architecture.md,
 * "Inbox").
 */
import { sql, type SQL } from 'drizzle-orm';
import { bigint, boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { channels, publishTargets } from '../publishing/publishing.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const wsRef = () => uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' });
const userRef = (name: string) => uuid(name).references(() => users.id, { onDelete: 'set null' });

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** An external account that wrote to us; pseudonymised in place by the retention job. */
export const inboxAuthors = pgTable('inbox_authors', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  network: text('network').notNull(),
  /** Network account id (Bluesky DID, Mastodon account id). */
  externalId: text('external_id').notNull(),
  handle: text('handle').notNull(),
  displayName: text('display_name'),
  avatarUrl: text('avatar_url'),
  profileUrl: text('profile_url'),
  followerCount: integer('follower_count'),
  /** Set when the retention job or an erasure request replaced the personal fields. */
  pseudonymisedAt: ts('pseudonymised_at'),
  firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
  lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('inbox_authors_ext_uq').on(t.workspaceId, t.network, t.externalId)]);

export const inboxItems = pgTable('inbox_items', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  /** 'network' (channel ingestion) | 'listening' (promoted mention). */
  sourceKind: text('source_kind').notNull().default('network'),
  channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'set null' }),
  /** Listening mention this item was promoted from (mentions.id). */
  mentionId: bigint('mention_id', { mode: 'number' }),
  network: text('network').notNull(),
  /** The network's id of the item (AT URI, Mastodon status id, conversation id for DMs). */
  externalId: text('external_id').notNull(),
  /** Content hash for networks with strong references (Bluesky CID). */
  externalCid: text('external_cid'),
  /** `<network>:<external id>` — the same post reached twice (notification + stream) is stored once. */
  dedupeKey: text('dedupe_key').notNull(),
  url: text('url'),
  /** comment | reply | mention | quote | dm */
  kind: text('kind').notNull(),
  text: text('text').notNull(),
  language: text('language'),
  /** -1 negative, 0 neutral, 1 positive (listening analyzer). */
  sentiment: smallint('sentiment').notNull().default(0),
  sentimentScore: real('sentiment_score').notNull().default(0),
  authorId: uuid('author_id').references(() => inboxAuthors.id, { onDelete: 'set null' }),
  /** Conversation context: the post this one answers and the thread's first post. */
  parentExternalId: text('parent_external_id'),
  parentCid: text('parent_cid'),
  rootExternalId: text('root_external_id'),
  rootCid: text('root_cid'),
  /** Our published post this item replies to / quotes (publish_targets.id), when known. */
  publishTargetId: uuid('publish_target_id').references(() => publishTargets.id, { onDelete: 'set null' }),
  /** Groups a conversation: the root's external id (or the item's own id). */
  conversationKey: text('conversation_key').notNull(),
  /** new | assigned | waiting | done | spam */
  status: text('status').notNull().default('new'),
  assigneeId: userRef('assignee_id'),
  /** low | normal | high | urgent */
  priority: text('priority').notNull().default('normal'),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  /** When the author wrote it (network time). */
  receivedAt: ts('received_at').notNull(),
  ingestedAt: ts('ingested_at').notNull().defaultNow(),
  firstResponseAt: ts('first_response_at'),
  resolvedAt: ts('resolved_at'),
  /** Due dates computed by the SLA module (service hours); null when no target applies. */
  slaFirstDueAt: ts('sla_first_due_at'),
  slaResolveDueAt: ts('sla_resolve_due_at'),
  /** When the SLA monitor warns before the first-response / resolution breach. */
  slaFirstWarnAt: ts('sla_first_warn_at'),
  slaResolveWarnAt: ts('sla_resolve_warn_at'),
  /**
   * Urgency for the default sort: the next due date that still matters (first response until
   * answered, then resolution), 9999-12-31 when none — never null so keyset pagination is simple.
   */
  urgencyAt: ts('urgency_at').notNull().generatedAlwaysAs((): SQL => sql`coalesce(case when first_response_at is null then sla_first_due_at else sla_resolve_due_at end, '9999-12-31T00:00:00Z'::timestamptz)`),
  /** Moderation (netiquette module): hidden on the network / in the inbox, and its state. */
  hiddenAt: ts('hidden_at'),
  moderationState: text('moderation_state'),
  /**
   * Not yet checked by the moderation rules. Set on insert and cleared by the scan, so an item is
   * checked whenever its ingest commits — a position in time could skip a batch that commits late.
   */
  moderationPending: boolean('moderation_pending').notNull().default(true),
  /** Raw network payload kept for evidence snapshots (trimmed, no tokens). */
  raw: jsonb('raw'),
  /** German stemming plus 'simple' so names, hashtags and English words are found too. */
  search: tsvector('search').notNull().generatedAlwaysAs((): SQL => sql`to_tsvector('german'::regconfig, coalesce(text, '')) || to_tsvector('simple'::regconfig, coalesce(text, ''))`),
  version: integer('version').notNull().default(1),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  uniqueIndex('inbox_items_dedupe_uq').on(t.workspaceId, t.dedupeKey),
  index('inbox_items_open_urgency_idx').on(t.workspaceId, t.urgencyAt, t.id).where(sql`status in ('new', 'assigned', 'waiting')`),
  index('inbox_items_ws_received_idx').on(t.workspaceId, t.receivedAt, t.id),
  index('inbox_items_assignee_idx').on(t.assigneeId, t.urgencyAt).where(sql`status in ('new', 'assigned', 'waiting')`),
  index('inbox_items_conversation_idx').on(t.workspaceId, t.conversationKey, t.receivedAt),
  index('inbox_items_author_idx').on(t.authorId),
  index('inbox_items_search_idx').using('gin', t.search),
  index('inbox_items_tags_idx').using('gin', t.tags),
  index('inbox_items_moderation_pending_idx').on(t.workspaceId, t.ingestedAt, t.id).where(sql`moderation_pending`),
]);

/** Ingestion position per channel and stream (notifications, conversations); committed with the items. */
export const inboxCursors = pgTable('inbox_cursors', {
  channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
  stream: text('stream').notNull(),
  workspaceId: wsRef(),
  cursor: text('cursor'),
  lastPolledAt: ts('last_polled_at'),
  lastError: text('last_error'),
  lastErrorAt: ts('last_error_at'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.channelId, t.stream] })]);

/** Per-workspace inbox settings. */
export const inboxSettings = pgTable('inbox_settings', {
  workspaceId: uuid('workspace_id').primaryKey().references(() => workspaces.id, { onDelete: 'cascade' }),
  /** Replies go through the approval chain before they are sent. */
  replyApprovalRequired: boolean('reply_approval_required').notNull().default(false),
  /** Default address form when no strategy tone applies: 'sie' | 'du'. */
  defaultAddress: text('default_address').notNull().default('sie'),
  /** Poll interval per channel in seconds (channels may override in `channelIntervals`). */
  pollIntervalS: integer('poll_interval_s').notNull().default(60),
  channelIntervals: jsonb('channel_intervals').notNull().default(sql`'{}'::jsonb`),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Internal notes on an item; @mentioned members are notified once. */
export const inboxNotes = pgTable('inbox_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  itemId: uuid('item_id').notNull().references(() => inboxItems.id, { onDelete: 'cascade' }),
  authorId: userRef('author_id'),
  /** 'member' | 'expert' (answer through an escalation link) | 'system'. */
  kind: text('kind').notNull().default('member'),
  body: text('body').notNull(),
  mentions: uuid('mentions').array().notNull().default(sql`'{}'::uuid[]`),
  escalationId: uuid('escalation_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('inbox_notes_item_idx').on(t.itemId, t.createdAt)]);

/** Our answers (and likes/boosts) sent from the inbox. */
export const inboxReplies = pgTable('inbox_replies', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  itemId: uuid('item_id').notNull().references(() => inboxItems.id, { onDelete: 'cascade' }),
  authorId: userRef('author_id'),
  /** reply | like | boost */
  kind: text('kind').notNull().default('reply'),
  text: text('text').notNull().default(''),
  savedReplyId: uuid('saved_reply_id'),
  contentHash: text('content_hash').notNull(),
  /** in_review | sending | sent | failed | rejected */
  state: text('state').notNull(),
  remoteId: text('remote_id'),
  remoteUrl: text('remote_url'),
  errorKind: text('error_kind'),
  lastError: text('last_error'),
  sentAt: ts('sent_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('inbox_replies_item_idx').on(t.itemId, t.createdAt), index('inbox_replies_ws_state_idx').on(t.workspaceId, t.state)]);

/** Decisions on replies that need approval (same shape as post_approvals; evaluated by approval-chain.ts). */
export const inboxReplyApprovals = pgTable('inbox_reply_approvals', {
  id: uuid('id').primaryKey().defaultRandom(),
  replyId: uuid('reply_id').notNull().references(() => inboxReplies.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  stepIndex: integer('step_index').notNull(),
  decision: text('decision').notNull(),
  contentHash: text('content_hash').notNull(),
  comment: text('comment'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('inbox_reply_approvals_reply_idx').on(t.replyId)]);

/** Saved replies (Textbausteine): one per language and address form, with `{{variables}}`. */
export const inboxSavedReplies = pgTable('inbox_saved_replies', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  title: text('title').notNull(),
  /** 'de' | 'en' */
  language: text('language').notNull(),
  /** 'sie' | 'du' (German) — English texts use 'sie' for the formal and 'du' for the casual variant. */
  address: text('address').notNull(),
  body: text('body').notNull(),
  /** Groups the variants of one saved reply (same topic in de/en × du/Sie). */
  groupKey: text('group_key').notNull(),
  tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [
  index('inbox_saved_replies_ws_idx').on(t.workspaceId),
  uniqueIndex('inbox_saved_replies_variant_uq').on(t.workspaceId, t.groupKey, t.language, t.address),
]);

/** Routing rules, applied in `position` order to every new item; `stop` ends the evaluation. */
export const inboxRoutingRules = pgTable('inbox_routing_rules', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(0),
  enabled: boolean('enabled').notNull().default(true),
  /** `{ query?, channelIds?, languages?, sentiments?, kinds?, authorHandles?, minFollowers? }`. */
  conditions: jsonb('conditions').notNull(),
  /** `{ assign?: {type:'user', userId} | {type:'on_duty'}, priority?, tags?, status? }`. */
  actions: jsonb('actions').notNull(),
  stop: boolean('stop').notNull().default(false),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('inbox_routing_rules_ws_idx').on(t.workspaceId, t.position)]);

/** Expert escalations: forwarded to a member or an external contact; answered through a single-use link. */
export const inboxEscalations = pgTable('inbox_escalations', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  itemId: uuid('item_id').notNull().references(() => inboxItems.id, { onDelete: 'cascade' }),
  /** Member expert, or an external contact by e-mail. */
  expertUserId: userRef('expert_user_id'),
  expertEmail: text('expert_email'),
  expertName: text('expert_name'),
  department: text('department'),
  question: text('question').notNull(),
  dueAt: ts('due_at').notNull(),
  /** SHA-256 of the link token; the token itself is only in the mail. */
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: ts('expires_at').notNull(),
  /** open | answered | cancelled */
  state: text('state').notNull().default('open'),
  answer: text('answer'),
  answeredAt: ts('answered_at'),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
}, (t) => [index('inbox_escalations_item_idx').on(t.itemId), index('inbox_escalations_ws_idx').on(t.workspaceId, t.state)]);

/**
 * The workspace's directory of department contacts for expert escalation (Fachstellen), kept by the
 * community team ahead of the first request; one entry per address (stored lower-case).
 */
export const inboxExpertContacts = pgTable('inbox_expert_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: wsRef(),
  department: text('department').notNull(),
  name: text('name'),
  email: text('email').notNull(),
  createdBy: userRef('created_by'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [uniqueIndex('inbox_expert_contacts_ws_email_idx').on(t.workspaceId, t.email)]);

/** "Someone is replying now": short-lived presence per item, refreshed by the composer. */
export const inboxPresence = pgTable('inbox_presence', {
  itemId: uuid('item_id').notNull().references(() => inboxItems.id, { onDelete: 'cascade' }),
  userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
  workspaceId: wsRef(),
  expiresAt: ts('expires_at').notNull(),
}, (t) => [primaryKey({ columns: [t.itemId, t.userId] })]);
