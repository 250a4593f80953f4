/**
 * Which stored rendition of an image a network gets: the master when the network accepts its type
 * and size, else the compact copy. Pure, shared by the pre-review check and the publish path, so
 * what the check promised is what is sent.
 */
import type { MediaLimits } from '../../../providers/contract.ts';
import type { StoredRendition } from './media.schema.ts';

export interface MediaRenditions {
  storageKey: string;
  mimeType: string;
  bytes: number;
  width: number;
  height: number;
  compact: StoredRendition | null;
}

export function renditionsOf(m: MediaRenditions): StoredRendition[] {
  const master = { key: m.storageKey, mimeType: m.mimeType, bytes: m.bytes, width: m.width, height: m.height };
  return m.compact ? [master, m.compact] : [master];
}

/** The rendition to send under `limits`, or null when none fits (type or size). */
export function pickRendition(m: MediaRenditions, limits: Pick<MediaLimits, 'mimeTypes' | 'maxImageBytes'>): StoredRendition | null {
  return renditionsOf(m).find((r) => limits.mimeTypes.includes(r.mimeType) && r.bytes <= limits.maxImageBytes) ?? null;
}
