/**
 * Jetstream (Bluesky) JSON events → mentions. Only `commit` events that create an
 * `app.bsky.feed.post` record become mentions; `identity` events teach the DID → handle map.
 * Format: https://github.com/bluesky-social/jetstream (README, "Example events").
 */
import { safeDate, type NormalizedMention } from '../ingest/mention-input.ts';

export interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: 'commit' | 'identity' | 'account';
  commit?: {
    rev: string;
    operation: 'create' | 'update' | 'delete';
    collection: string;
    rkey: string;
    cid?: string;
    record?: { $type?: string; text?: string; langs?: string[]; createdAt?: string; reply?: unknown; embed?: { external?: { uri?: string; title?: string } } };
  };
  identity?: { did: string; handle?: string; seq: number; time: string };
}

/** Parses one WebSocket message; null for anything that is not a well-formed event. */
export function parseJetstreamMessage(data: string): JetstreamEvent | null {
  try {
    const e = JSON.parse(data) as JetstreamEvent;
    if (typeof e !== 'object' || e === null || typeof e.did !== 'string' || typeof e.time_us !== 'number') return null;
    return e;
  } catch {
    return null;
  }
}

export function jetstreamToMention(e: JetstreamEvent, workspaceId: string, sourceId: string, handles: ReadonlyMap<string, string>, now: Date): NormalizedMention | null {
  const c = e.commit;
  if (e.kind !== 'commit' || !c || c.operation !== 'create' || c.collection !== 'app.bsky.feed.post' || !c.record) return null;
  return blueskyPostToMention({ did: e.did, rkey: c.rkey, record: c.record, seenAt: new Date(Math.floor(e.time_us / 1000)) }, workspaceId, sourceId, handles, now);
}

/** The parts of an `app.bsky.feed.post` record that listening reads (Jetstream JSON or firehose CBOR alike). */
export interface BlueskyPostRecord {
  text?: unknown;
  langs?: unknown;
  createdAt?: unknown;
  embed?: { external?: { uri?: unknown; title?: unknown } } | unknown;
}

/** A created post → mention; null for a post with neither text nor link. `seenAt` stands in for a missing or future createdAt. */
export function blueskyPostToMention(
  post: { did: string; rkey: string; record: BlueskyPostRecord; seenAt: Date }, workspaceId: string, sourceId: string, handles: ReadonlyMap<string, string>, now: Date,
): NormalizedMention | null {
  const r = post.record;
  const text = typeof r.text === 'string' ? r.text : '';
  const external = (r.embed as { external?: { uri?: unknown; title?: unknown } } | undefined)?.external;
  const link = typeof external?.uri === 'string' ? external.uri : undefined;
  if (!text.trim() && !link) return null;
  const handle = handles.get(post.did) ?? null;
  const langs = Array.isArray(r.langs) ? r.langs : [];
  return {
    workspaceId, sourceId, network: 'bluesky',
    externalId: `at://${post.did}/app.bsky.feed.post/${post.rkey}`,
    url: `https://bsky.app/profile/${handle ?? post.did}/post/${post.rkey}`,
    author: handle ?? post.did, authorName: null,
    title: typeof external?.title === 'string' ? external.title : null,
    text: link && !text.includes(link) ? `${text} ${link}`.trim() : text,
    lang: typeof langs[0] === 'string' ? langs[0] : null,
    publishedAt: safeDate(typeof r.createdAt === 'string' ? r.createdAt : undefined, post.seenAt > now ? now : post.seenAt),
  };
}

/** The subscribe URL with collection filter and, when resuming, the cursor rewound a little (replays are deduped). */
export function jetstreamUrl(endpoint: string, cursor: string | null, wantedDids: readonly string[] = [], rewindUs = 2_000_000): string {
  const u = new URL(endpoint);
  if (!u.pathname.endsWith('/subscribe')) u.pathname = `${u.pathname.replace(/\/$/, '')}/subscribe`;
  u.searchParams.set('wantedCollections', 'app.bsky.feed.post');
  for (const d of wantedDids) u.searchParams.append('wantedDids', d);
  if (cursor && /^\d+$/.test(cursor)) u.searchParams.set('cursor', String(Math.max(0, Number(cursor) - rewindUs)));
  return u.toString();
}
