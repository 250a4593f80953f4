/** Request and response schemas of the listening API (shared by server and web). */
import { z } from 'zod';
import { uuidSchema, workspaceParamsSchema } from './common.ts';

export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const sentimentSchema = z.enum(SENTIMENTS);
export const TOPIC_GROUP_KINDS = ['org', 'competitor', 'topic'] as const;
export const ALERT_SENSITIVITIES = ['low', 'medium', 'high'] as const;
export const SOURCE_KINDS = ['bluesky_jetstream', 'bluesky_firehose', 'mastodon', 'feed', 'webhook', 'import'] as const;
export const NETWORKS = ['bluesky', 'mastodon', 'rss', 'import', 'webhook'] as const;
export const WEBHOOK_FORMATS = ['json', 'slack', 'teams', 'matrix'] as const;

const iso = z.string();
const queryText = z.string().min(1).max(4000);

export const queryCheckSchema = z.object({ query: queryText }).strict();
export const queryCheckResultSchema = z.object({
  ok: z.boolean(),
  normalized: z.string().nullable(),
  error: z.object({ column: z.number().int(), message: z.string() }).nullable(),
});
export const queryPreviewSchema = z.object({
  query: queryText,
  /** Only stored mentions newer than this many days (default 7). */
  days: z.number().int().min(1).max(90).default(7),
  limit: z.number().int().min(1).max(100).default(20),
}).strict();

export const mentionSchema = z.object({
  id: z.string(),
  network: z.string(),
  externalId: z.string(),
  url: z.string().nullable(),
  author: z.string().nullable(),
  authorName: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  lang: z.string().nullable(),
  sentiment: sentimentSchema,
  sentimentScore: z.number(),
  hashtags: z.array(z.string()),
  publishedAt: iso,
});
export type MentionDto = z.infer<typeof mentionSchema>;
export const queryPreviewResultSchema = z.object({ scanned: z.number().int(), matched: z.number().int(), items: z.array(mentionSchema) });

export const topicGroupSchema = z.object({ id: uuidSchema, name: z.string(), kind: z.enum(TOPIC_GROUP_KINDS), createdAt: iso });
export const topicGroupCreateSchema = z.object({ name: z.string().trim().min(1).max(120), kind: z.enum(TOPIC_GROUP_KINDS) }).strict();
export const topicGroupUpdateSchema = topicGroupCreateSchema.partial().strict();

export const savedQuerySchema = z.object({
  id: uuidSchema,
  name: z.string(),
  query: z.string(),
  normalized: z.string(),
  groupId: uuidSchema.nullable(),
  enabled: z.boolean(),
  alertEnabled: z.boolean(),
  alertSensitivity: z.enum(ALERT_SENSITIVITIES),
  alertMinMentions: z.number().int(),
  createdAt: iso,
  updatedAt: iso,
});
export const savedQueryCreateSchema = z.object({
  name: z.string().trim().min(1).max(120),
  query: queryText,
  groupId: uuidSchema.nullable().optional(),
  enabled: z.boolean().optional(),
  alertEnabled: z.boolean().optional(),
  alertSensitivity: z.enum(ALERT_SENSITIVITIES).optional(),
  alertMinMentions: z.number().int().min(1).max(100000).optional(),
}).strict();
export const savedQueryUpdateSchema = savedQueryCreateSchema.partial().strict();

export const queryParamsSchema = workspaceParamsSchema.extend({ queryId: uuidSchema });
export const groupParamsSchema = workspaceParamsSchema.extend({ groupId: uuidSchema });
export const sourceParamsSchema = workspaceParamsSchema.extend({ sourceId: uuidSchema });
export const channelParamsSchema = workspaceParamsSchema.extend({ channelId: uuidSchema });
export const alertParamsSchema = workspaceParamsSchema.extend({ alertId: uuidSchema });

const jetstreamConfig = z.object({
  endpoint: z.url().max(500).default('wss://jetstream2.us-east.bsky.network/subscribe'),
  /** Restrict to these DIDs (Jetstream `wantedDids`); empty = all posts. */
  wantedDids: z.array(z.string().max(200)).max(100).default([]),
}).strict();
const firehoseConfig = z.object({
  /** A relay (`wss://bsky.network`) or a PDS; `com.atproto.sync.subscribeRepos` is appended. */
  endpoint: z.url().regex(/^wss?:\/\//i, 'must be a ws:// or wss:// URL').max(500).default('wss://bsky.network'),
  /** Only posts of these DIDs; empty = all posts. */
  wantedDids: z.array(z.string().max(200)).max(100).default([]),
}).strict();
const mastodonConfig = z.object({
  instanceUrl: z.url().max(500),
  /** `hashtag` (needs `tag`), `public` or `public:local`. */
  stream: z.enum(['hashtag', 'public', 'public:local']).default('hashtag'),
  tag: z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u).optional(),
  /** Poll instead of streaming (instances that close the streaming API to anonymous clients). */
  pollOnly: z.boolean().default(false),
  pollIntervalS: z.number().int().min(15).max(3600).default(60),
}).strict();
const feedConfig = z.object({ url: z.url().max(1000), pollIntervalS: z.number().int().min(60).max(86400).default(300) }).strict();
const webhookConfig = z.object({ auth: z.enum(['hmac', 'bearer']).default('hmac') }).strict();

export const sourceCreateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('bluesky_jetstream'), name: z.string().trim().min(1).max(120), config: jetstreamConfig }).strict(),
  z.object({ kind: z.literal('bluesky_firehose'), name: z.string().trim().min(1).max(120), config: firehoseConfig }).strict(),
  z.object({ kind: z.literal('mastodon'), name: z.string().trim().min(1).max(120), config: mastodonConfig }).strict(),
  z.object({ kind: z.literal('feed'), name: z.string().trim().min(1).max(120), config: feedConfig }).strict(),
  z.object({ kind: z.literal('webhook'), name: z.string().trim().min(1).max(120), config: webhookConfig }).strict(),
  z.object({ kind: z.literal('import'), name: z.string().trim().min(1).max(120), config: z.object({}).strict().default({}) }).strict(),
]);
export type SourceCreate = z.infer<typeof sourceCreateSchema>;
export const sourceUpdateSchema = z.object({ name: z.string().trim().min(1).max(120).optional(), enabled: z.boolean().optional() }).strict();

export const sourceHealthSchema = z.object({
  status: z.string(),
  statusReason: z.string().nullable(),
  lastEventAt: iso.nullable(),
  lastErrorAt: iso.nullable(),
  reconnects: z.number().int(),
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  errors: z.number().int(),
});
export const sourceSchema = z.object({
  id: uuidSchema,
  kind: z.enum(SOURCE_KINDS),
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  health: sourceHealthSchema,
  /** Webhook sources: the endpoint third parties call. */
  webhookUrl: z.string().nullable(),
  createdAt: iso,
});
/** Returned once on creation of a webhook source. */
export const sourceCreatedSchema = sourceSchema.extend({ secret: z.string().nullable() });

/** One item of an NDJSON/CSV import or a webhook delivery. */
export const inboundMentionSchema = z.object({
  id: z.string().min(1).max(500),
  text: z.string().max(20000),
  author: z.string().max(300).nullish(),
  authorName: z.string().max(300).nullish(),
  url: z.url().max(2000).nullish(),
  title: z.string().max(1000).nullish(),
  lang: z.string().max(10).nullish(),
  publishedAt: z.iso.datetime({ offset: true }).nullish(),
});
export const webhookPayloadSchema = z.union([inboundMentionSchema, z.object({ items: z.array(inboundMentionSchema).min(1).max(1000) })]);
export const importResultSchema = z.object({
  received: z.number().int(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ line: z.number().int(), message: z.string() })),
});

const range = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};
export const dashboardQuerySchema = z.object({
  ...range,
  /** Comma-separated query ids, or a topic group. */
  queryIds: z.string().max(4000).optional(),
  groupId: uuidSchema.optional(),
  interval: z.enum(['hour', 'day', 'week']).default('day'),
  tz: z.string().max(64).default('Europe/Berlin'),
}).strict();
export const seriesPointSchema = z.object({ t: iso, volume: z.number().int(), negative: z.number().int(), neutral: z.number().int(), positive: z.number().int() });
export const dashboardSchema = z.object({
  from: iso,
  to: iso,
  queryIds: z.array(uuidSchema),
  total: z.number().int(),
  sentiment: z.object({ negative: z.number().int(), neutral: z.number().int(), positive: z.number().int() }),
  series: z.array(seriesPointSchema),
  shareOfVoice: z.array(z.object({ key: z.string(), label: z.string(), kind: z.string(), volume: z.number().int(), share: z.number() })),
  topAuthors: z.array(z.object({ key: z.string(), count: z.number().int() })),
  topHashtags: z.array(z.object({ key: z.string(), count: z.number().int() })),
  topTerms: z.array(z.object({ key: z.string(), count: z.number().int() })),
  languages: z.array(z.object({ key: z.string(), count: z.number().int() })),
});
export const mentionListQuerySchema = z.object({
  ...range,
  queryIds: z.string().max(4000).optional(),
  groupId: uuidSchema.optional(),
  sentiment: sentimentSchema.optional(),
  lang: z.string().max(10).optional(),
  network: z.enum(NETWORKS).optional(),
  author: z.string().max(300).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
}).strict();
export const mentionPageSchema = z.object({ items: z.array(mentionSchema.extend({ queryIds: z.array(uuidSchema) })), nextCursor: z.string().nullable() });

export const alertSchema = z.object({
  id: uuidSchema,
  queryId: uuidSchema,
  queryName: z.string(),
  kind: z.enum(['volume', 'negative_share']),
  windowStart: iso,
  windowEnd: iso,
  observed: z.number(),
  expected: z.number(),
  score: z.number(),
  sensitivity: z.string(),
  deliveries: z.array(z.object({ channelId: z.string(), kind: z.string(), ok: z.boolean(), error: z.string().optional() })),
  createdAt: iso,
  acknowledgedAt: iso.nullable(),
});
export const alertChannelSchema = z.object({
  id: uuidSchema,
  kind: z.enum(['email', 'webhook']),
  name: z.string(),
  target: z.string(),
  format: z.enum(WEBHOOK_FORMATS),
  enabled: z.boolean(),
  hasSecret: z.boolean(),
  createdAt: iso,
});
export const alertChannelCreateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('email'), name: z.string().trim().min(1).max(120), target: z.email().max(320) }).strict(),
  z.object({
    kind: z.literal('webhook'),
    name: z.string().trim().min(1).max(120),
    target: z.url().max(2000).refine((u) => /^https?:/.test(u), 'http(s) only'),
    format: z.enum(WEBHOOK_FORMATS).default('json'),
    /** Optional: signs the body (`X-Resonanz-Signature: sha256=<hex HMAC>`). */
    secret: z.string().min(16).max(200).optional(),
  }).strict(),
]);
export const notificationSchema = z.object({
  id: uuidSchema, kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: iso, readAt: iso.nullable(),
});
