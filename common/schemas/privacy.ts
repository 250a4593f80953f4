import { z } from 'zod';

export const privacySettingsSchema = z.object({ authorRetentionDays: z.number(), lastRunAt: z.string().nullable() });
export const privacySettingsUpdateSchema = z.strictObject({ authorRetentionDays: z.number().int().min(7).max(3650) });
export const authorSearchQuerySchema = z.object({ q: z.string().trim().min(2).max(200) });
export const authorSummarySchema = z.object({
  id: z.string(), network: z.string(), handle: z.string(), displayName: z.string().nullable(), items: z.number(), moderationRecords: z.number(),
  pseudonymised: z.boolean(), lastSeenAt: z.string(),
});
export const authorParamsSchema = z.object({ workspaceId: z.uuid(), authorId: z.uuid() });
export const eraseSchema = z.strictObject({ reason: z.string().trim().min(3).max(1000) });
export const eraseResultSchema = z.object({ items: z.number(), flags: z.number(), listeningMentions: z.number(), keptInModerationRecord: z.number() });
