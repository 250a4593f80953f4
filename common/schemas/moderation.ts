import { z } from 'zod';

export const CLAUSE_CATEGORIES = ['insult', 'hate', 'spam', 'personal_data', 'off_topic', 'repeated', 'other'] as const;
export const MODERATION_ACTIONS = ['hide', 'unhide', 'delete', 'warn', 'block', 'unblock', 'mute', 'report'] as const;
export type ModerationActionKind = (typeof MODERATION_ACTIONS)[number];
/** Actions that exclude a person: need `moderation.ban` (and a second person where the workspace says so). */
export const BAN_ACTIONS: readonly ModerationActionKind[] = ['block'];
/** Actions that need `moderation.ban`: the bans and lifting them (no second person needed to lift). */
export const BAN_RIGHT_ACTIONS: readonly ModerationActionKind[] = [...BAN_ACTIONS, 'unblock'];
export const MODERATION_STATUSES = ['awaiting_confirmation', 'executed', 'local_only', 'failed', 'rejected', 'requested'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const clauseInputSchema = z.strictObject({
  code: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9_-]{1,39}$/, 'a short code such as "insult"'),
  category: z.enum(CLAUSE_CATEGORIES),
  titleDe: text(200), titleEn: text(200), bodyDe: text(4000), bodyEn: text(4000),
  autoHide: z.boolean().optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
export const clauseSchema = z.object({
  id: z.string(), code: z.string(), category: z.enum(CLAUSE_CATEGORIES), position: z.number(), titleDe: z.string(), titleEn: z.string(),
  bodyDe: z.string(), bodyEn: z.string(), autoHide: z.boolean(), retired: z.boolean(),
});
export const netiquetteSchema = z.object({
  /** `published`: part of the latest published version — only those can be cited by an action. */
  introDe: z.string(), introEn: z.string(), clauses: z.array(clauseSchema.extend({ published: z.boolean() })),
  published: z.object({ version: z.number(), publishedAt: z.string() }).nullable(),
  /** Draft differs from the published version. */
  unpublishedChanges: z.boolean(),
  settings: z.object({ banNeedsConfirmation: z.boolean(), warningsBeforeBan: z.number(), recordRetentionDays: z.number() }),
  publicPath: z.string(),
});
export const netiquetteUpdateSchema = z.strictObject({
  introDe: z.string().max(4000).optional(), introEn: z.string().max(4000).optional(),
  banNeedsConfirmation: z.boolean().optional(),
  warningsBeforeBan: z.number().int().min(1).max(20).optional(),
  recordRetentionDays: z.number().int().min(30).max(3650).optional(),
});
export const clauseParamsSchema = z.object({ workspaceId: z.uuid(), clauseId: z.uuid() });

export const publicNetiquetteSchema = z.object({
  workspace: z.string(), version: z.number(), publishedAt: z.string(), intro: z.string(),
  clauses: z.array(z.object({ code: z.string(), number: z.number(), title: z.string(), body: z.string() })),
  otherLanguage: z.enum(['de', 'en']),
});
export const publicNetiquetteParamsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,60}$/, 'a workspace slug') });
export const publicNetiquetteQuerySchema = z.object({ lang: z.enum(['de', 'en']).default('de') });

export const actionCreateSchema = z.strictObject({
  action: z.enum(MODERATION_ACTIONS),
  itemId: z.uuid(),
  /** Required: the netiquette clause this action rests on. Checked by the service so a missing clause is a 400 naming the field. */
  clauseId: z.uuid().optional(),
  reason: z.string().max(2000).optional(),
  /** For `block`/`report`: also report the account to the network's moderators. */
  alsoReport: z.boolean().optional(),
  /**
   * For `warn`: also answer the author publicly in the thread with this text (neither network has a
   * warning API). It goes out as an inbox reply, through the reply approval where the workspace requires it.
   */
  authorReply: z.string().max(5000).optional(),
});
export const actionSchema = z.object({
  id: z.string(), action: z.enum(MODERATION_ACTIONS), itemId: z.string().nullable(), authorId: z.string().nullable(), network: z.string().nullable(),
  clauseId: z.string(), clauseCode: z.string(), clauseTitle: z.string(), netiquetteVersion: z.number().nullable(), reason: z.string(),
  scope: z.enum(['network', 'local']), actorId: z.string().nullable(), actorName: z.string().nullable(), ruleId: z.string().nullable(),
  status: z.enum(MODERATION_STATUSES), statusDetail: z.string().nullable(), createdAt: z.string(),
  evidence: z.object({
    text: z.string(), authorHandle: z.string().nullable(), authorName: z.string().nullable(), authorExternalId: z.string().nullable(),
    postedAt: z.string(), link: z.string().nullable(), capturedAt: z.string(), item: z.unknown(),
  }),
  evidenceHash: z.string(),
  events: z.array(z.object({ kind: z.string(), byName: z.string().nullable(), createdAt: z.string(), detail: z.unknown() })),
});
export type ModerationAction = z.infer<typeof actionSchema>;
export const actionParamsSchema = z.object({ workspaceId: z.uuid(), actionId: z.uuid() });
export const actionListQuerySchema = z.object({
  action: z.enum(MODERATION_ACTIONS).optional(),
  clauseId: z.uuid().optional(),
  authorId: z.uuid().optional(),
  itemId: z.uuid().optional(),
  status: z.enum(MODERATION_STATUSES).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const confirmSchema = z.strictObject({ decision: z.enum(['confirm', 'reject']), note: z.string().max(2000).optional() });

export const ladderSchema = z.object({
  authorId: z.string(), warnings: z.number(), hides: z.number(), blocks: z.number(), warningsBeforeBan: z.number(), suggestBan: z.boolean(),
  operations: z.array(z.string()), network: z.string().nullable(),
});

export const ladderItemSchema = z.object({
  id: z.string(), text: z.string(), authorHandle: z.string().nullable(), authorName: z.string().nullable(), receivedAt: z.string(), url: z.string().nullable(),
  moderationState: z.string().nullable(), hidden: z.boolean(), channelId: z.string().nullable(),
});

export const statsQuerySchema = z.object({ from: z.iso.date(), to: z.iso.date(), action: z.enum(MODERATION_ACTIONS).optional() });
export const statsSchema = z.object({
  rows: z.array(z.object({ month: z.string(), action: z.string(), clauseCode: z.string(), clauseTitle: z.string(), count: z.number(), accounts: z.number() })),
  totals: z.object({ actions: z.number(), accounts: z.number() }),
});

export const appealCreateSchema = z.strictObject({
  channel: z.enum(['email', 'message', 'letter', 'other']),
  request: text(5000),
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export const appealDecideSchema = z.strictObject({ outcome: z.enum(['upheld', 'reversed']), note: text(2000) });
export const appealSchema = z.object({
  id: z.string(), actionId: z.string(), channel: z.string(), request: z.string(), receivedAt: z.string(), loggedBy: z.string().nullable(),
  state: z.enum(['open', 'upheld', 'reversed']), reviewerId: z.string().nullable(), decisionNote: z.string().nullable(), decidedAt: z.string().nullable(),
});
export const appealParamsSchema = z.object({ workspaceId: z.uuid(), appealId: z.uuid() });

export const ruleInputSchema = z.strictObject({
  name: text(200),
  clauseId: z.uuid(),
  /** Matched as whole words, case and accents folded; may be empty when `query` is set. */
  keywords: z.array(z.string().trim().min(2).max(100)).max(200),
  /** A boolean query (common/query); a rule matches when a keyword or the query matches. */
  query: z.string().max(2000).optional(),
  enabled: z.boolean().optional(),
});
export const ruleSchema = z.object({ id: z.string(), name: z.string(), clauseId: z.string(), kind: z.enum(['keywords', 'query']), keywords: z.array(z.string()), query: z.string().nullable(), enabled: z.boolean() });
export const ruleParamsSchema = z.object({ workspaceId: z.uuid(), ruleId: z.uuid() });
export const flagSchema = z.object({ itemId: z.string(), ruleId: z.string(), ruleName: z.string(), clauseId: z.string(), clauseTitle: z.string(), matched: z.string(), flaggedAt: z.string(), text: z.string(), authorHandle: z.string().nullable() });
export const flagParamsSchema = z.object({ workspaceId: z.uuid(), itemId: z.uuid(), ruleId: z.uuid() });
