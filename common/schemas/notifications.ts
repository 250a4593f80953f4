import { z } from 'zod';

const iso = z.string();
export const notificationSchema = z.object({
  id: z.uuid(), kind: z.string(), title: z.string(), body: z.string(), link: z.string().nullable(), createdAt: iso, readAt: iso.nullable(),
});
export type AppNotification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = z.object({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
}).strict();
export const notificationListSchema = z.object({ items: z.array(notificationSchema), unread: z.number().int() });
export const notificationReadSchema = z.object({ ids: z.array(z.uuid()).max(500).optional() }).strict();
