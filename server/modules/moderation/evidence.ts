/**
 * The evidence snapshot: what the moderated item said, who wrote it, when and where — taken from the
 * inbox item and its author before anything is sent to the network, hashed (SHA-256 over canonical
 * JSON) so a later copy can be checked against the record. No screenshots: the item's own JSON.
 */
import { createHash } from 'node:crypto';
import type { InboxAuthorRow, InboxItemRow } from '../inbox/item-store.ts';

export interface Evidence {
  text: string;
  authorHandle: string | null;
  authorName: string | null;
  authorExternalId: string | null;
  postedAt: string;
  link: string | null;
  capturedAt: string;
  item: Record<string, unknown>;
}

/** Key-sorted JSON, so the hash does not depend on property order. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  return `{${Object.keys(v as object).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function evidenceHash(e: Evidence): string {
  return createHash('sha256').update(canonicalJson(e)).digest('hex');
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function snapshotOf(item: InboxItemRow, author: InboxAuthorRow | null, now: Date): Evidence {
  // The item as stored, minus derived search data; dates as ISO strings.
  const { search: _search, ...rest } = item as InboxItemRow & { search?: unknown };
  const json = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]));
  return {
    text: item.text,
    authorHandle: author?.handle ?? null,
    authorName: author?.displayName ?? null,
    authorExternalId: author?.externalId ?? null,
    postedAt: item.receivedAt.toISOString(),
    link: item.url,
    capturedAt: now.toISOString(),
    item: {
      ...json,
      author: author ? { network: author.network, externalId: author.externalId, handle: author.handle, displayName: author.displayName, profileUrl: author.profileUrl, followerCount: author.followerCount, firstSeenAt: iso(author.firstSeenAt) } : null,
    },
  };
}
