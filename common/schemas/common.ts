import { z } from 'zod';
import { LIMITS } from '../limits.ts';
import { ROLES } from '../permissions.ts';

export const uuidSchema = z.uuid();
export const roleSchema = z.enum(ROLES);
export const rolesSchema = z.array(roleSchema).min(1).max(ROLES.length).refine((r) => new Set(r).size === r.length, 'roles must be unique');
export const emailSchema = z.email().max(LIMITS.email).transform((e) => e.toLowerCase());
export const localeSchema = z.enum(['de', 'en']);

/** RFC 9457 problem details with our stable `code` and the failing field paths. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Cursor pagination: `cursor` is opaque to clients. */
export const pageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
});
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const workspaceParamsSchema = z.object({ workspaceId: uuidSchema });
export const okSchema = z.object({ ok: z.literal(true) });
