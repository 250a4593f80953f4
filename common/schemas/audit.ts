import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { uuidSchema } from './common.ts';

export const auditEntrySchema = z.object({
  id: z.number().int(),
  workspaceId: uuidSchema.nullable(),
  actorUserId: uuidSchema.nullable(),
  actorName: z.string().nullable(),
  actorTokenId: uuidSchema.nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  diff: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({
  // At most 15 digits: the id stays a safe integer and within PostgreSQL's bigint.
  cursor: z.string().regex(/^\d{1,15}$/, 'must be a number of at most 15 digits').optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  action: z.string().max(100).optional(),
  objectType: z.string().max(100).optional(),
  actorUserId: uuidSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
