/** Request/response schemas of the editorial plan: channels, posts, approvals, publishing switches. */
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { roleSchema, uuidSchema } from './common.ts';

export const NETWORKS = ['mastodon', 'bluesky'] as const;
export const CHANNEL_STATUSES = ['not_connected', 'connected', 'needs_reauth'] as const;
export const TARGET_STATES = ['draft', 'in_review', 'approved', 'scheduled', 'publishing', 'published', 'failed', 'unconfirmed', 'expired', 'withdrawn'] as const;

/** Texts are bounded generously here; the network's own counting rule is checked by the service. */
const MAX_TEXT = 10_000;
const tag = z.string().trim().min(1).max(100);
const isoInstant = z.iso.datetime({ offset: true });
/** Wall-clock time in the workspace zone, e.g. `2025-03-30T09:00`. */
const localDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'must be YYYY-MM-DDTHH:mm');

export const slotSchema = z.strictObject({ weekday: z.number().int().min(1).max(7), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) });

export const channelSchema = z.object({
  id: uuidSchema,
  network: z.enum(NETWORKS),
  name: z.string(),
  accountHandle: z.string().nullable(),
  serviceUrl: z.string().nullable(),
  status: z.enum(CHANNEL_STATUSES),
  statusReason: z.string().nullable(),
  paused: z.boolean(),
  maxConcurrency: z.number().int(),
  limits: z.unknown(),
  defaultSlots: z.array(slotSchema),
});
export const channelCreateSchema = z.strictObject({
  network: z.enum(NETWORKS),
  name: z.string().trim().min(1).max(LIMITS.name),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
  defaultSlots: z.array(slotSchema).max(50).optional(),
});
export const channelUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.name).optional(),
  defaultSlots: z.array(slotSchema).max(50).optional(),
  maxConcurrency: z.number().int().min(1).max(20).optional(),
});
export const nextSlotSchema = z.object({
  channelId: uuidSchema,
  timezone: z.string(),
  nowLocal: z.string(),
  slot: z.object({ at: z.string(), local: z.string() }).nullable(),
});
/** Values in use in the plan, for the calendar's filters. */
export const planFacetsSchema = z.object({ campaigns: z.array(z.string()), topics: z.array(z.string()), authorIds: z.array(uuidSchema) });
export const passwordConnectSchema = z.strictObject({
  identifier: z.string().trim().min(1).max(300),
  password: z.string().min(1).max(300),
  serviceUrl: z.url({ protocol: /^https?$/ }).max(500).optional(),
});
export const oauthStartSchema = z.strictObject({ instanceUrl: z.url({ protocol: /^https?$/ }).max(500) });
export const oauthStartResponseSchema = z.object({ authorizeUrl: z.string() });
export const oauthCallbackQuerySchema = z.object({ code: z.string().max(2000).optional(), state: z.string().max(500).optional(), error: z.string().max(500).optional() });

export const channelParamsSchema = z.object({ workspaceId: uuidSchema, channelId: uuidSchema });
export const postParamsSchema = z.object({ workspaceId: uuidSchema, postId: uuidSchema });
export const targetParamsSchema = z.object({ workspaceId: uuidSchema, targetId: uuidSchema });

/** An image of the media library attached to a post; its type comes from the library, not from the client. */
export const mediaRefSchema = z.strictObject({
  id: uuidSchema,
  mimeType: z.string().min(3).max(100).optional(),
  altText: z.string().max(5000).default(''),
});
/** Either an instant with offset, or a wall-clock time interpreted in the workspace time zone. */
export const scheduleInputSchema = z.union([z.strictObject({ at: isoInstant }), z.strictObject({ local: localDateTime })]);

/** Per-channel text; `thread` overrides the post's thread choice for that channel. */
const variantsSchema = z.record(uuidSchema, z.strictObject({ text: z.string().max(MAX_TEXT), thread: z.boolean().optional() }));

const postFields = {
  text: z.string().max(MAX_TEXT),
  variants: variantsSchema.default({}),
  media: z.array(mediaRefSchema).max(4).default([]),
  contentWarning: z.string().max(500).nullable().default(null),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).nullable().default('de'),
  /** Send a text too long for a network as a thread (reply chain), split by that network's count. */
  thread: z.boolean().default(false),
  campaign: z.string().trim().max(200).nullable().default(null),
  topic: z.string().trim().max(200).nullable().default(null),
  targetGroups: z.array(tag).max(30).default([]),
  notes: z.string().max(MAX_TEXT).nullable().default(null),
  channelIds: z.array(uuidSchema).max(20).default([]),
  schedule: scheduleInputSchema.nullable().default(null),
};
export const postCreateSchema = z.strictObject(postFields);
export const postUpdateSchema = z.strictObject({
  text: postFields.text.optional(),
  variants: variantsSchema.optional(),
  thread: z.boolean().optional(),
  media: z.array(mediaRefSchema).max(4).optional(),
  contentWarning: z.string().max(500).nullable().optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).nullable().optional(),
  campaign: z.string().trim().max(200).nullable().optional(),
  topic: z.string().trim().max(200).nullable().optional(),
  targetGroups: z.array(tag).max(30).optional(),
  notes: z.string().max(MAX_TEXT).nullable().optional(),
  channelIds: z.array(uuidSchema).max(20).optional(),
  schedule: scheduleInputSchema.nullable().optional(),
});

export const targetSchema = z.object({
  id: uuidSchema,
  channelId: uuidSchema,
  state: z.enum(TARGET_STATES),
  scheduledAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  attempts: z.number().int(),
  remoteId: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  publishedAt: z.string().nullable(),
  errorKind: z.string().nullable(),
  lastError: z.string().nullable(),
  /**
   * The thread this target is sent as (null: a single post): frozen once publishing began, else as
   * the text would be split now. Parts with a `remoteId` are on the network.
   */
  thread: z.object({ parts: z.array(z.object({ text: z.string(), remoteId: z.string().nullable(), remoteUrl: z.string().nullable() })) }).nullable(),
});
export const approvalStatusSchema = z.object({
  pendingStep: z.number().int().nullable(),
  complete: z.boolean(),
  steps: z.array(z.object({ name: z.string(), approvedBy: z.array(z.string()), satisfied: z.boolean(), waitingFor: z.array(z.string()) })),
});
export const postSchema = z.object({
  id: uuidSchema,
  authorId: uuidSchema.nullable(),
  text: z.string(),
  variants: z.record(z.string(), z.object({ text: z.string(), thread: z.boolean().optional() })),
  media: z.array(z.object({ id: z.string(), mimeType: z.string(), altText: z.string() })),
  contentWarning: z.string().nullable(),
  language: z.string().nullable(),
  thread: z.boolean(),
  campaign: z.string().nullable(),
  topic: z.string().nullable(),
  targetGroups: z.array(z.string()),
  notes: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  /** `scheduledAt` as wall-clock time in the workspace zone. */
  scheduledLocal: z.string().nullable(),
  timezone: z.string(),
  contentHash: z.string(),
  version: z.number().int(),
  targets: z.array(targetSchema),
  approval: approvalStatusSchema.optional(),
  updatedAt: z.string(),
});
export const postListQuerySchema = z.object({
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  state: z.enum(TARGET_STATES).optional(),
  channelId: uuidSchema.optional(),
  campaign: z.string().max(200).optional(),
  topic: z.string().max(200).optional(),
  authorId: uuidSchema.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeMax),
});
export const decisionBodySchema = z.strictObject({ comment: z.string().trim().max(5000).optional() });
export const requestChangesBodySchema = z.strictObject({ comment: z.string().trim().min(1).max(5000) });
/** `mentions`: members picked in the composer; `@Name` in the body is found as well. */
export const commentBodySchema = z.strictObject({ body: z.string().trim().min(1).max(5000), parentId: uuidSchema.optional(), mentions: z.array(uuidSchema).max(20).optional() });
export const commentSchema = z.object({ id: uuidSchema, authorId: uuidSchema.nullable(), parentId: uuidSchema.nullable(), body: z.string(), mentions: z.array(uuidSchema), createdAt: z.string() });
export const versionSchema = z.object({ version: z.number().int(), contentHash: z.string(), editedBy: uuidSchema.nullable(), createdAt: z.string(), diff: z.string() });

export const approvalStepSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  roles: z.array(roleSchema).max(9).default([]),
  userIds: z.array(uuidSchema).max(50).default([]),
  mode: z.enum(['any', 'all']).default('any'),
});
export const approvalChainSchema = z.object({ id: uuidSchema.nullable(), channelId: uuidSchema.nullable(), steps: z.array(approvalStepSchema) });
export const approvalChainPutSchema = z.strictObject({ channelId: uuidSchema.nullable().default(null), steps: z.array(approvalStepSchema).min(1).max(10) });

export const publishingSettingsSchema = z.object({
  paused: z.boolean(),
  pausedAt: z.string().nullable(),
  lateApproval: z.enum(['expire', 'publish_now']),
  altTextRequired: z.boolean(),
});
export const publishingSettingsUpdateSchema = z.strictObject({
  lateApproval: z.enum(['expire', 'publish_now']).optional(),
  altTextRequired: z.boolean().optional(),
});
export const overdueItemSchema = z.object({ targetId: uuidSchema, postId: uuidSchema, channelId: uuidSchema, scheduledAt: z.string().nullable(), text: z.string() });
export const overdueListSchema = z.object({ items: z.array(overdueItemSchema) });
export const overdueDecisionSchema = z.strictObject({
  action: z.enum(['publish_now', 'reschedule', 'cancel']),
  schedule: scheduleInputSchema.optional(),
});
export const withdrawSchema = z.strictObject({
  /** Why the post comes down (kept in the audit trail). */
  reason: z.string().trim().min(1).max(1000),
});

export const confirmOutcomeSchema = z.strictObject({
  outcome: z.enum(['published', 'not_published']),
  remoteUrl: z.url().max(1000).optional(),
});
