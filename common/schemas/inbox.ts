/** Request and response schemas of the inbox API (shared by server and web). */
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { emailSchema, uuidSchema, workspaceParamsSchema } from './common.ts';

export const ITEM_STATUSES = ['new', 'assigned', 'waiting', 'done', 'spam'] as const;
export const OPEN_STATUSES = ['new', 'assigned', 'waiting'] as const;
/** `crisis` is set by routing while a crisis is active (crisis module: crisis-inbox.ts). */
export const PRIORITIES = ['low', 'normal', 'high', 'urgent', 'crisis'] as const;
export const ITEM_KINDS = ['comment', 'reply', 'mention', 'quote', 'dm'] as const;
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const SLA_STATES = ['ok', 'warning', 'breached', 'met', 'missed'] as const;
export const ADDRESS_FORMS = ['sie', 'du'] as const;
export const REPLY_STATES = ['in_review', 'sending', 'sent', 'failed', 'rejected'] as const;
export const LIST_SORTS = ['urgency', 'newest', 'oldest'] as const;

export const INBOX_LIMITS = { tag: 40, tags: 20, note: 5000, reply: 5000, savedReplyTitle: 120, savedReplyBody: 5000, ruleName: 120, question: 4000, answer: 10000, q: 200 } as const;

const iso = z.string();
const tagSchema = z.string().trim().min(1).max(INBOX_LIMITS.tag).regex(/^[\p{L}\p{N}_\- ]+$/u, 'letters, digits, space, - and _ only');
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.string().max(200).transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)).pipe(z.array(z.enum(values)).max(values.length));

export const itemParamsSchema = workspaceParamsSchema.extend({ itemId: uuidSchema });
export const escalationParamsSchema = itemParamsSchema.extend({ escalationId: uuidSchema });
export const replyParamsSchema = workspaceParamsSchema.extend({ replyId: uuidSchema });
export const savedReplyParamsSchema = workspaceParamsSchema.extend({ savedReplyId: uuidSchema });
export const ruleParamsSchema = workspaceParamsSchema.extend({ ruleId: uuidSchema });

/** List filters; comma-separated lists (`status=new,assigned`), `assignee=me|none|<uuid>`. */
export const itemListQuerySchema = z.object({
  status: csv(ITEM_STATUSES).optional(),
  channelId: uuidSchema.optional(),
  assignee: z.union([z.enum(['me', 'none']), uuidSchema]).optional(),
  priority: csv(PRIORITIES).optional(),
  kind: csv(ITEM_KINDS).optional(),
  language: z.string().regex(/^[a-z]{2,3}$/).optional(),
  sentiment: csv(SENTIMENTS).optional(),
  tag: tagSchema.optional(),
  sla: z.enum(SLA_STATES).optional(),
  q: z.string().trim().min(1).max(INBOX_LIMITS.q).optional(),
  sort: z.enum(LIST_SORTS).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
}).strict();
export type ItemListQuery = z.infer<typeof itemListQuerySchema>;

export const authorSchema = z.object({
  id: uuidSchema,
  handle: z.string(),
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  profileUrl: z.string().nullable(),
  followerCount: z.number().int().nullable(),
  pseudonymised: z.boolean(),
});

export const slaSchema = z.object({
  state: z.enum(SLA_STATES),
  firstDueAt: iso.nullable(),
  firstWarnAt: iso.nullable(),
  resolveDueAt: iso.nullable(),
  resolveWarnAt: iso.nullable(),
  /** The due date the clock currently runs against (null when none runs). */
  dueAt: iso.nullable(),
});

export const itemSchema = z.object({
  id: uuidSchema,
  sourceKind: z.string(),
  channelId: uuidSchema.nullable(),
  network: z.string(),
  kind: z.enum(ITEM_KINDS),
  text: z.string(),
  url: z.string().nullable(),
  language: z.string().nullable(),
  sentiment: z.enum(SENTIMENTS),
  sentimentScore: z.number(),
  author: authorSchema.nullable(),
  status: z.enum(ITEM_STATUSES),
  assigneeId: uuidSchema.nullable(),
  priority: z.enum(PRIORITIES),
  tags: z.array(z.string()),
  receivedAt: iso,
  firstResponseAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  sla: slaSchema,
  hidden: z.boolean(),
  moderationState: z.string().nullable(),
  conversationKey: z.string(),
  inReplyToOurPost: z.boolean(),
  /** Members composing a reply right now (collision detection). */
  replying: z.array(uuidSchema),
  version: z.number().int(),
});
export type InboxItemDto = z.infer<typeof itemSchema>;
export const itemPageSchema = z.object({ items: z.array(itemSchema), nextCursor: z.string().nullable() });

export const itemUpdateSchema = z.object({
  status: z.enum(ITEM_STATUSES).optional(),
  assigneeId: uuidSchema.nullable().optional(),
  priority: z.enum(PRIORITIES).optional(),
  tags: z.array(tagSchema).max(INBOX_LIMITS.tags).optional(),
  /** Optimistic check: the version the client saw; a newer one is a 409. */
  version: z.number().int().min(1).optional(),
}).strict();

export const noteCreateSchema = z.object({
  body: z.string().trim().min(1).max(INBOX_LIMITS.note),
  mentions: z.array(uuidSchema).max(20).optional(),
}).strict();
export const noteSchema = z.object({
  id: uuidSchema, kind: z.enum(['member', 'expert', 'system']), authorId: uuidSchema.nullable(), authorName: z.string().nullable(),
  body: z.string(), mentions: z.array(uuidSchema), createdAt: iso,
});

export const replyCreateSchema = z.object({
  text: z.string().trim().min(1).max(INBOX_LIMITS.reply),
  savedReplyId: uuidSchema.optional(),
}).strict();
export const replySchema = z.object({
  id: uuidSchema, itemId: uuidSchema, kind: z.enum(['reply', 'like', 'boost']), authorId: uuidSchema.nullable(), text: z.string(),
  state: z.enum(REPLY_STATES), remoteUrl: z.string().nullable(), errorKind: z.string().nullable(), lastError: z.string().nullable(),
  sentAt: iso.nullable(), createdAt: iso,
  approval: z.object({ complete: z.boolean(), pendingStep: z.number().int().nullable(), steps: z.array(z.object({ name: z.string(), approvedBy: z.array(uuidSchema), satisfied: z.boolean() })) }).nullable(),
});
export const replyDecisionSchema = z.object({ decision: z.enum(['approved', 'rejected']), comment: z.string().trim().max(2000).optional() }).strict();
export const pendingRepliesSchema = z.object({ items: z.array(replySchema.extend({ itemText: z.string(), channelId: uuidSchema.nullable() })) });

export const escalationCreateSchema = z.object({
  expertUserId: uuidSchema.optional(),
  expertEmail: emailSchema.optional(),
  expertName: z.string().trim().min(1).max(LIMITS.name).optional(),
  department: z.string().trim().min(1).max(LIMITS.name).optional(),
  question: z.string().trim().min(1).max(INBOX_LIMITS.question),
  dueAt: z.iso.datetime({ offset: true }),
}).strict();
export const escalationSchema = z.object({
  id: uuidSchema, itemId: uuidSchema, expertUserId: uuidSchema.nullable(), expertEmail: z.string().nullable(), expertName: z.string().nullable(),
  department: z.string().nullable(), question: z.string(), dueAt: iso, expiresAt: iso, state: z.enum(['open', 'answered', 'cancelled']),
  answer: z.string().nullable(), answeredAt: iso.nullable(), createdAt: iso,
});

/** A department contact in the workspace's directory (Fachstellen) for expert escalation. */
export const expertContactCreateSchema = z.object({
  department: z.string().trim().min(1).max(LIMITS.name),
  name: z.string().trim().min(1).max(LIMITS.name).nullable().optional(),
  email: emailSchema,
}).strict();
export const expertContactUpdateSchema = expertContactCreateSchema.partial().strict();
export const expertContactParamsSchema = workspaceParamsSchema.extend({ contactId: uuidSchema });
/**
 * What the escalation form offers: the directory (`id` set), then external experts asked before who
 * are not in it (`id` null, newest first). `uses`/`lastUsedAt` count earlier requests to the address.
 */
export const expertContactSchema = z.object({
  id: uuidSchema.nullable(), source: z.enum(['directory', 'history']), email: z.string(), name: z.string().nullable(), department: z.string().nullable(),
  uses: z.number().int(), lastUsedAt: iso.nullable(),
});
export const expertContactsSchema = z.object({ items: z.array(expertContactSchema) });

export const presenceSchema = z.object({ replying: z.boolean() }).strict();
export const presenceResultSchema = z.object({ replying: z.array(uuidSchema), expiresInS: z.number().int() });

/** Our published post the item answers or quotes (context above the conversation). */
export const ourPostSchema = z.object({
  postId: uuidSchema, text: z.string(), url: z.string().nullable(), publishedAt: iso.nullable(),
});

export const conversationSchema = z.object({
  item: itemSchema,
  ourPost: ourPostSchema.nullable(),
  /** The assignee is absent now (roster): until when, and who stands in (null: nobody). */
  assigneeAbsence: z.object({ until: iso, substituteId: uuidSchema.nullable() }).nullable(),
  /** Other items of the same conversation (oldest first). */
  thread: z.array(itemSchema),
  replies: z.array(replySchema),
  notes: z.array(noteSchema),
  escalations: z.array(escalationSchema),
  canReply: z.boolean(),
  canEngage: z.boolean(),
  replyLimit: z.object({ maxLength: z.number().int(), counting: z.enum(['graphemes', 'mastodon']), charactersReservedPerUrl: z.number().int().optional() }).nullable(),
  approvalRequired: z.boolean(),
});

export const savedReplyCreateSchema = z.object({
  title: z.string().trim().min(1).max(INBOX_LIMITS.savedReplyTitle),
  language: z.enum(['de', 'en']),
  address: z.enum(ADDRESS_FORMS),
  body: z.string().trim().min(1).max(INBOX_LIMITS.savedReplyBody),
  groupKey: z.string().trim().min(1).max(80).regex(/^[a-z0-9_-]+$/, 'lower-case letters, digits, - and _').optional(),
  tags: z.array(tagSchema).max(INBOX_LIMITS.tags).optional(),
}).strict();
export const savedReplyUpdateSchema = savedReplyCreateSchema.partial().strict();
export const savedReplySchema = z.object({
  id: uuidSchema, title: z.string(), language: z.enum(['de', 'en']), address: z.enum(ADDRESS_FORMS), body: z.string(), groupKey: z.string(),
  tags: z.array(z.string()), createdAt: iso, updatedAt: iso,
});
export const savedReplySuggestionsSchema = z.object({
  /** The address form and language the workspace's tone rules pick for this item. */
  address: z.enum(ADDRESS_FORMS),
  language: z.enum(['de', 'en']),
  addressSource: z.enum(['target_group', 'platform', 'workspace']),
  items: z.array(savedReplySchema.extend({ rendered: z.string(), isDefault: z.boolean() })),
});
export const SAVED_REPLY_VARIABLES = ['author', 'author_name', 'channel', 'agent', 'workspace', 'date'] as const;

export const ruleConditionsSchema = z.object({
  query: z.string().trim().min(1).max(2000).optional(),
  channelIds: z.array(uuidSchema).max(50).optional(),
  languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20).optional(),
  sentiments: z.array(z.enum(SENTIMENTS)).max(3).optional(),
  kinds: z.array(z.enum(ITEM_KINDS)).max(5).optional(),
  authorHandles: z.array(z.string().trim().min(1).max(200)).max(100).optional(),
  minFollowers: z.number().int().min(0).optional(),
}).strict();
export const ruleActionsSchema = z.object({
  assign: z.discriminatedUnion('type', [
    z.object({ type: z.literal('user'), userId: uuidSchema }).strict(),
    z.object({ type: z.literal('on_duty') }).strict(),
  ]).optional(),
  priority: z.enum(PRIORITIES).optional(),
  tags: z.array(tagSchema).max(INBOX_LIMITS.tags).optional(),
  status: z.enum(['spam', 'done']).optional(),
}).strict();
export const ruleCreateSchema = z.object({
  name: z.string().trim().min(1).max(INBOX_LIMITS.ruleName),
  position: z.number().int().min(0).max(10_000).optional(),
  enabled: z.boolean().optional(),
  conditions: ruleConditionsSchema,
  actions: ruleActionsSchema,
  stop: z.boolean().optional(),
}).strict();
export const ruleUpdateSchema = z.object({
  name: z.string().trim().min(1).max(INBOX_LIMITS.ruleName).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  enabled: z.boolean().optional(),
  conditions: ruleConditionsSchema.optional(),
  actions: ruleActionsSchema.optional(),
  stop: z.boolean().optional(),
}).strict();
export const ruleSchema = z.object({
  id: uuidSchema, name: z.string(), position: z.number().int(), enabled: z.boolean(),
  conditions: ruleConditionsSchema, actions: z.record(z.string(), z.unknown()), stop: z.boolean(), createdAt: iso, updatedAt: iso,
});

export const inboxSettingsSchema = z.object({
  replyApprovalRequired: z.boolean(),
  defaultAddress: z.enum(ADDRESS_FORMS),
  pollIntervalS: z.number().int(),
});
export const inboxSettingsUpdateSchema = z.object({
  replyApprovalRequired: z.boolean().optional(),
  defaultAddress: z.enum(ADDRESS_FORMS).optional(),
  pollIntervalS: z.number().int().min(15).max(3600).optional(),
}).strict();

export const ingestionStatusSchema = z.object({
  items: z.array(z.object({ channelId: uuidSchema, stream: z.string(), lastPolledAt: iso.nullable(), lastError: z.string().nullable(), lastErrorAt: iso.nullable() })),
});

/** The expert's view through the link (no account): the question and the item it is about. */
export const expertParamsSchema = z.object({ token: z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/) });
export const expertViewSchema = z.object({
  workspaceName: z.string(), question: z.string(), itemText: z.string(), network: z.string(), receivedAt: iso,
  dueAt: iso, expiresAt: iso, askedBy: z.string().nullable(), expertName: z.string().nullable(),
});
export const expertAnswerSchema = z.object({ answer: z.string().trim().min(1).max(INBOX_LIMITS.answer) }).strict();
