/**
 * Media for a publish request: the bytes of each image the post refers to, in the rendition the
 * channel's network accepts (media-fit.ts), with the alt text the approval signed. Called by the
 * publish runner just before the network call; posts without images cost nothing here.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { MediaItem } from '../../../providers/contract.ts';
import { ProviderError } from '../../../providers/errors.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { MediaRef } from '../publishing/post-content.ts';
import { limitsFor } from '../publishing/post-validation.ts';
import { pickRendition } from './media-fit.ts';
import { mediaAssets } from './media.schema.ts';
import { fileMediaStore, mediaRootOf, type MediaStore } from './media-store.ts';

let envStore: MediaStore | null = null;
/** Workers started without an explicit media root read it from the environment, as the server does. */
function defaultStore(): MediaStore {
  envStore ??= fileMediaStore(mediaRootOf(loadConfig()));
  return envStore;
}

export interface MediaLoaderDeps {
  database: Database;
  /** Media root; defaults to the configured one (`RESONANZ_MEDIA_DIR` or `<data dir>/media`). */
  mediaRoot?: string;
}

/**
 * Loads the post's images for one channel. A missing image or one the network cannot take is an
 * `invalid` provider error: the target fails with a message a person can act on, nothing is sent
 * without its image.
 */
export async function loadPublishMedia(
  deps: MediaLoaderDeps,
  post: { workspaceId: string; media: unknown },
  channel: { network: string; limits: unknown },
): Promise<MediaItem[]> {
  const refs = (post.media ?? []) as MediaRef[];
  if (refs.length === 0) return [];
  const store = deps.mediaRoot ? fileMediaStore(deps.mediaRoot) : defaultStore();
  const limits = limitsFor(channel.network, channel.limits).media;
  const rows = await deps.database.db.select().from(mediaAssets)
    .where(and(eq(mediaAssets.workspaceId, post.workspaceId), inArray(mediaAssets.id, refs.map((r) => r.id))));
  const invalid = (message: string) => new ProviderError({ kind: 'invalid', network: channel.network, message });
  return Promise.all(refs.map(async (ref) => {
    const row = rows.find((r) => r.id === ref.id);
    if (!row) throw invalid('An image of this post is no longer in the media library.');
    const r = pickRendition(row, limits);
    if (!r) throw invalid(`The image "${row.filename}" does not fit this network's limits.`);
    const data = await store.read(r.key).catch(() => {
      throw invalid(`The file of the image "${row.filename}" is missing in the media storage.`);
    });
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), mimeType: r.mimeType, altText: ref.altText, filename: row.filename };
  }));
}
