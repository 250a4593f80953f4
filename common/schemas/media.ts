/** Request/response schemas of the media library. */
import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { uuidSchema } from './common.ts';

export const MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
export const MEDIA_VARIANTS = ['master', 'compact', 'thumb'] as const;
/** Longest alt text we store (Bluesky's app limit; each network's own limit is checked before review). */
export const ALT_TEXT_MAX = 2000;

export const mediaParamsSchema = z.object({ workspaceId: uuidSchema, mediaId: uuidSchema });
export const mediaListQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(100) });
export const mediaFileQuerySchema = z.object({ variant: z.enum(MEDIA_VARIANTS).default('master') });
export const mediaUpdateSchema = z.strictObject({ altText: z.string().trim().max(ALT_TEXT_MAX) });

const renditionSchema = z.object({ mimeType: z.string(), bytes: z.number().int(), width: z.number().int(), height: z.number().int() });
export const mediaSchema = z.object({
  id: uuidSchema,
  filename: z.string(),
  mimeType: z.string(),
  bytes: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  altText: z.string(),
  uploadedBy: uuidSchema.nullable(),
  createdAt: z.string(),
  /** A post refers to it (then it cannot be deleted). */
  inUse: z.boolean(),
  /** The copy under 1 MB sent to networks with a smaller limit (Bluesky), when the master is larger. */
  compact: renditionSchema.nullable(),
  fileUrl: z.string(),
  thumbUrl: z.string(),
});
export const mediaListSchema = z.object({ items: z.array(mediaSchema) });
