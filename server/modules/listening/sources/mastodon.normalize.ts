/** Mastodon Status entities (REST and streaming `update` payloads) → mentions. */
import { htmlToText, safeDate, type NormalizedMention } from '../ingest/mention-input.ts';

export interface MastodonStatus {
  id: string;
  uri: string;
  url?: string | null;
  created_at: string;
  content: string;
  spoiler_text?: string;
  language?: string | null;
  visibility?: string;
  reblog?: MastodonStatus | null;
  account: { acct: string; display_name?: string; url?: string };
  card?: { url?: string; title?: string } | null;
}

/** Qualifies a local `acct` with its home host (`anna` at https://social.example/@anna → `anna@social.example`). */
export function qualifiedAcct(acct: string, instanceUrl: string): string {
  return acct.includes('@') ? acct : `${acct}@${new URL(instanceUrl).host}`;
}

/** Public statuses only; boosts are counted as the boosted status (dedupe by its URI). */
export function statusToMention(s: MastodonStatus, workspaceId: string, sourceId: string, instanceUrl: string, now: Date): NormalizedMention | null {
  const st = s.reblog ?? s;
  if (st.visibility && st.visibility !== 'public' && st.visibility !== 'unlisted') return null;
  const body = htmlToText(st.content ?? '');
  const text = st.spoiler_text ? `${st.spoiler_text}\n${body}` : body;
  if (!text.trim()) return null;
  return {
    workspaceId, sourceId, network: 'mastodon', externalId: st.uri,
    url: st.url ?? st.uri, author: qualifiedAcct(st.account.acct, st.account.url ?? instanceUrl), authorName: st.account.display_name || null,
    title: st.card?.title ?? null, text: st.card?.url && !text.includes(st.card.url) ? `${text} ${st.card.url}` : text,
    lang: st.language ?? null, publishedAt: safeDate(st.created_at, now),
  };
}

/** Streaming path of a configured stream (`/api/v1/streaming/hashtag?tag=…`). */
export function streamingPath(stream: string, tag?: string): string {
  if (stream === 'hashtag') return `/api/v1/streaming/hashtag?tag=${encodeURIComponent(tag ?? '')}`;
  if (stream === 'public:local') return '/api/v1/streaming/public/local';
  return '/api/v1/streaming/public';
}

/** Polling path with `min_id` (statuses newer than the cursor, oldest page first). */
export function pollingPath(stream: string, tag: string | undefined, minId: string | null, limit = 40): string {
  const base = stream === 'hashtag' ? `/api/v1/timelines/tag/${encodeURIComponent(tag ?? '')}` : '/api/v1/timelines/public';
  const q = new URLSearchParams({ limit: String(limit) });
  if (stream === 'public:local') q.set('local', 'true');
  if (minId) q.set('min_id', minId);
  return `${base}?${q}`;
}
