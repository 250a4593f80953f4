import { z } from 'zod';

export const feedKindSchema = z.string().regex(/^[a-z][a-z_]{0,39}$/, 'a feed kind such as "plan"');
// Path ids are looked up, not validated by shape: an unknown kind is a 404 like any unknown id.
export const feedKindParamsSchema = z.object({ workspaceId: z.uuid(), kind: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a feed kind') });
export const feedCreateSchema = z.object({ kind: feedKindSchema }).strict();
export const feedSchema = z.object({ kind: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable() });
export const feedListSchema = z.object({
  items: z.array(feedSchema),
  /** Kinds this member may subscribe to, with their names. */
  available: z.array(z.object({ kind: z.string(), title: z.object({ de: z.string(), en: z.string() }) })),
});
/** Only the answer to creating/rotating carries the URL: it cannot be read again later. */
export const feedCreatedSchema = z.object({ kind: z.string(), url: z.string(), createdAt: z.string() });
export const feedFileParamsSchema = z.object({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/, 'a feed file name') });
