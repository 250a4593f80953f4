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
  const text = typeof c.record.text === 'string' ? c.record.text : '';
  const link = c.record.embed?.external?.uri;
  if (!text.trim() && !link) return null;
  const handle = handles.get(e.did) ?? null;
  return {
    workspaceId, sourceId, network: 'bluesky',
    externalId: `at://${e.did}/app.bsky.feed.post/${c.rkey}`,
    url: `https://bsky.app/profile/${handle ?? e.did}/post/${c.rkey}`,
    author: handle ?? e.did, authorName: null,
    title: c.record.embed?.external?.title ?? null,
    text: link && !text.includes(link) ? `${text} ${link}`.trim() : text,
    lang: Array.isArray(c.record.langs) && typeof c.record.langs[0] === 'string' ? c.record.langs[0] : null,
    publishedAt: safeDate(c.record.createdAt, new Date(Math.floor(e.time_us / 1000)) > now ? now : new Date(Math.floor(e.time_us / 1000))),
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
