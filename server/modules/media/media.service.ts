/**
 * The media library: upload (validated and re-encoded by media-image.ts), alt text, delete when no
 * post uses the image, and resolving the images a post refers to. Nothing is half-created: files
 * are written first and removed again if the row cannot be committed; a row never points at a
 * file that was not completely written.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import { conflict, notFound, validationFailed, type FieldError } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { EXTENSION, processImage, type Rendition } from './media-image.ts';
import { mediaAssets, type StoredRendition } from './media.schema.ts';
import type { MediaStore } from './media-store.ts';

export type MediaRow = typeof mediaAssets.$inferSelect;

/** True when a post of the workspace refers to the media item (as SQL, for lists and checks). */
// Written with qualified names: inside the subquery drizzle's bare column names would bind to `posts`.
export const inUseSql = sql<boolean>`exists (select 1 from posts p where p.workspace_id = media_assets.workspace_id and p.media @> jsonb_build_array(jsonb_build_object('id', media_assets.id::text)))`;

/** A display name from the browser's file name: no path, no control characters, bounded. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[\p{Cc}\p{Cf}]/gu, '').trim().slice(0, 200);
  return cleaned || 'image';
}

export interface UploadInput {
  data: Buffer;
  filename: string;
  altText: string;
}

export interface UploadTimings {
  processMs: number;
  storeMs: number;
}

/**
 * Processes an image, writes its files and records it in `tx` (with the audit row). On failure the
 * files written so far are removed; the caller removes `keys` if the transaction does not commit.
 */
export async function importImage(
  tx: Tx, store: MediaStore, actor: Actor, workspaceId: string, input: UploadInput, now: Date,
): Promise<{ row: MediaRow; keys: string[]; timings: UploadTimings }> {
  const t0 = performance.now();
  const img = await processImage(input.data);
  const t1 = performance.now();
  const id = randomUUID();
  const key = (suffix: string, r: Rendition) => `${workspaceId}/${id}${suffix}.${EXTENSION[r.mimeType]}`;
  const stored = (k: string, r: Rendition): StoredRendition => ({ key: k, mimeType: r.mimeType, bytes: r.data.length, width: r.width, height: r.height });
  const files: [string, Rendition][] = [[key('', img.master), img.master], [key('.thumb', img.thumb), img.thumb]];
  if (img.compact) files.push([key('.compact', img.compact), img.compact]);
  const keys = files.map(([k]) => k);
  try {
    for (const [k, r] of files) await store.put(k, r.data);
    const t2 = performance.now();
    const [row] = await tx.insert(mediaAssets).values({
      id, workspaceId, uploadedBy: actor.userId, filename: input.filename, mimeType: img.master.mimeType, bytes: img.master.data.length,
      width: img.master.width, height: img.master.height, sha256: createHash('sha256').update(img.master.data).digest('hex'),
      altText: input.altText, storageKey: keys[0]!, thumb: stored(keys[1]!, img.thumb),
      compact: img.compact ? stored(keys[2]!, img.compact) : null, createdAt: now, updatedAt: now,
    }).returning();
    await recordAudit(tx, actor, {
      workspaceId, action: 'media.uploaded', objectType: 'media', objectId: id,
      after: { filename: input.filename, mimeType: row!.mimeType, bytes: row!.bytes, width: row!.width, height: row!.height, source: img.source, altText: input.altText },
    }, now);
    return { row: row!, keys, timings: { processMs: t1 - t0, storeMs: t2 - t1 } };
  } catch (e) {
    await store.remove(keys).catch(() => undefined);
    throw e;
  }
}

/** Processes, stores and records an upload in its own transaction; on any failure no file and no row remain. */
export async function uploadMedia(
  deps: { database: Database; store: MediaStore },
  actor: Actor, workspaceId: string, input: UploadInput, now: Date,
): Promise<{ row: MediaRow; timings: UploadTimings }> {
  let keys: string[] = [];
  try {
    return await deps.database.db.transaction(async (tx) => {
      const r = await importImage(tx, deps.store, actor, workspaceId, input, now);
      keys = r.keys;
      return r;
    });
  } catch (e) {
    // The row did not commit: its files must not stay behind.
    if (keys.length) await deps.store.remove(keys).catch(() => undefined);
    throw e;
  }
}

export async function loadMedia(tx: Tx, workspaceId: string, mediaId: string, lock?: 'update' | 'share'): Promise<MediaRow & { inUse: boolean }> {
  const q = tx.select({ m: mediaAssets, inUse: inUseSql }).from(mediaAssets).where(and(eq(mediaAssets.id, mediaId), eq(mediaAssets.workspaceId, workspaceId)));
  const [r] = lock ? await q.for(lock, { of: mediaAssets }) : await q;
  if (!r) throw notFound('image');
  return { ...r.m, inUse: r.inUse };
}

export async function listMedia(tx: Tx, workspaceId: string, limit: number) {
  const rows = await tx.select({ m: mediaAssets, inUse: inUseSql }).from(mediaAssets).where(eq(mediaAssets.workspaceId, workspaceId)).orderBy(desc(mediaAssets.createdAt), desc(mediaAssets.id)).limit(limit);
  return rows.map((r) => ({ ...r.m, inUse: r.inUse }));
}

export async function updateAltText(tx: Tx, actor: Actor, workspaceId: string, mediaId: string, altText: string, now: Date) {
  const before = await loadMedia(tx, workspaceId, mediaId, 'update');
  const [after] = await tx.update(mediaAssets).set({ altText, updatedAt: now }).where(eq(mediaAssets.id, mediaId)).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'media.alt_text_updated', objectType: 'media', objectId: mediaId, before: { altText: before.altText }, after: { altText } }, now);
  return { ...after!, inUse: before.inUse };
}

/** Deletes an image no post refers to; returns the file keys to remove once the transaction committed. */
export async function deleteMedia(tx: Tx, actor: Actor, workspaceId: string, mediaId: string, now: Date): Promise<string[]> {
  const m = await loadMedia(tx, workspaceId, mediaId, 'update');
  if (m.inUse) throw conflict('media_in_use', 'A post uses this image. Remove it from the post first.');
  await tx.delete(mediaAssets).where(eq(mediaAssets.id, mediaId));
  await recordAudit(tx, actor, { workspaceId, action: 'media.deleted', objectType: 'media', objectId: mediaId, before: { filename: m.filename, altText: m.altText } }, now);
  return [m.storageKey, m.thumb.key, ...(m.compact ? [m.compact.key] : [])];
}

export interface MediaRefInput {
  id: string;
  altText: string;
}

/**
 * The images a post refers to, checked against the workspace's library (a foreign or unknown id is a
 * field error, never a silent reference) and locked for share, so a concurrent delete waits. The
 * stored type replaces whatever the client claimed.
 */
export async function resolveMediaRefs(tx: Tx, workspaceId: string, refs: readonly MediaRefInput[], path = 'body.media') {
  if (refs.length === 0) return { refs: [], rows: new Map<string, MediaRow>() };
  const ids = [...new Set(refs.map((r) => r.id))];
  const rows = await tx.select().from(mediaAssets).where(and(eq(mediaAssets.workspaceId, workspaceId), inArray(mediaAssets.id, ids))).for('share');
  const byId = new Map(rows.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  refs.forEach((r, i) => {
    if (!byId.has(r.id)) errors.push({ path: `${path}.${i}.id`, message: 'unknown image (upload it to the media library first)' });
    else if (seen.has(r.id)) errors.push({ path: `${path}.${i}.id`, message: 'the same image is attached twice' });
    seen.add(r.id);
  });
  if (errors.length) throw validationFailed(errors);
  return { refs: refs.map((r) => ({ id: r.id, mimeType: byId.get(r.id)!.mimeType, altText: r.altText })), rows: byId };
}

/**
 * Alt text written in the composer for an image whose library entry has none becomes the library's
 * default, so the next post that reuses the image starts described.
 */
export async function adoptAltTexts(tx: Tx, actor: Actor, workspaceId: string, refs: readonly MediaRefInput[], rows: ReadonlyMap<string, MediaRow>, now: Date): Promise<void> {
  for (const r of refs) {
    const row = rows.get(r.id);
    if (!row || row.altText.trim() || !r.altText.trim()) continue;
    await tx.update(mediaAssets).set({ altText: r.altText.trim(), updatedAt: now }).where(and(eq(mediaAssets.id, r.id), eq(mediaAssets.altText, '')));
    await recordAudit(tx, actor, { workspaceId, action: 'media.alt_text_updated', objectType: 'media', objectId: r.id, before: { altText: '' }, after: { altText: r.altText.trim(), from: 'post' } }, now);
  }
}

/** Library rows by id for posts' media (no lock; for checks and presentation). */
export async function mediaRowsByIds(tx: Tx, workspaceId: string, ids: readonly string[]): Promise<Map<string, MediaRow>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select().from(mediaAssets).where(and(eq(mediaAssets.workspaceId, workspaceId), inArray(mediaAssets.id, [...new Set(ids)])));
  return new Map(rows.map((r) => [r.id, r]));
}
