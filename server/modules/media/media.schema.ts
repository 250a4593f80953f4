import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../identity/identity.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

/** One stored file of a media item (paths are relative to the media root, never absolute). */
export interface StoredRendition {
  key: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
}

/**
 * The media library of a workspace: images uploaded once, re-encoded without metadata (EXIF/GPS
 * stripped), reusable in posts. The master keeps the uploaded format; `compact` exists when the
 * master is too large for the strictest network (Bluesky, 1 MB); `thumb` is the library preview.
 */
export const mediaAssets = pgTable('media_assets', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.id, { onDelete: 'cascade' }),
  uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  filename: text('filename').notNull(),
  mimeType: text('mime_type').notNull(),
  bytes: integer('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  sha256: text('sha256').notNull(),
  /** Library default; the post carries its own copy (that is what an approval signs). */
  altText: text('alt_text').notNull().default(''),
  storageKey: text('storage_key').notNull(),
  compact: jsonb('compact').$type<StoredRendition | null>(),
  thumb: jsonb('thumb').$type<StoredRendition>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
}, (t) => [index('media_assets_workspace_created_idx').on(t.workspaceId, t.createdAt)]);
