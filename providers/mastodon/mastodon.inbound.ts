/**
 * Mastodon inbound: mentions (which include replies to our statuses and direct messages) and
 * quotes, from `GET /api/v1/notifications` with a `min_id` cursor, plus the live user notification
 * stream (`/api/v1/streaming/user/notification`, SSE). Like = favourite, boost = reblog.
 *
 * Direct messages arrive as `mention` notifications of `direct` statuses, so the conversations API
 * is not needed to see them; replying keeps `direct` visibility (see the inbox reply sender).
 */
import { createParser } from 'eventsource-parser';
import type { CallContext, EngageCapability, InboundAuthor, InboundBatch, InboundCapability, InboundItem, PostRef } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { NETWORK, mapErrorResponse, mapTransportError, mastodonRequest, type MastodonHttpDeps } from './mastodon.http.ts';
import type { MastodonCredentials } from './mastodon.oauth.ts';

export interface MastodonAccount {
  id: string;
  acct: string;
  username: string;
  display_name?: string;
  url?: string | null;
  avatar?: string;
  followers_count?: number;
}

export interface MastodonStatus {
  id: string;
  uri: string;
  url?: string | null;
  created_at: string;
  content: string;
  spoiler_text?: string;
  visibility: string;
  language?: string | null;
  in_reply_to_id?: string | null;
  in_reply_to_account_id?: string | null;
  account: MastodonAccount;
  quote?: { state?: string; quoted_status?: { id: string; account?: { id: string } } | null; quoted_status_id?: string | null } | null;
}

export interface MastodonNotification {
  id: string;
  type: string;
  created_at: string;
  account: MastodonAccount;
  status?: MastodonStatus | null;
}

/** Notification types that are addressed to us and worth an answer. */
export const INBOUND_TYPES = ['mention', 'quote'] as const;
const PAGE = 40;
/** Pages per `readInbound` call; the rest follows on the next call (the cursor says where). */
const MAX_PAGES = 10;

/** Mastodon ids are numeric strings of growing length: compare by length, then lexically. */
export function idGreater(a: string, b: string): boolean {
  return a.length !== b.length ? a.length > b.length : a > b;
}

/** Status HTML → plain text (paragraphs and line breaks kept, tags dropped, entities decoded). */
export function statusText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x?[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e: string) => {
      const k = e.toLowerCase();
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
      if (named[k]) return named[k]!;
      const cp = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    })
    .trim();
}

function author(a: MastodonAccount, instanceUrl: string): InboundAuthor {
  const acct = a.acct.includes('@') ? a.acct : `${a.acct}@${new URL(instanceUrl).host}`;
  return {
    id: a.id, handle: `@${acct}`, displayName: a.display_name || undefined, url: a.url ?? undefined,
    avatarUrl: a.avatar, followerCount: a.followers_count,
  };
}

/** One notification → inbox item, or null for types we do not ingest (favourites, follows …). */
export function notificationToItem(n: MastodonNotification, own: { accountId: string; instanceUrl: string }): InboundItem | null {
  const s = n.status;
  if (!s || !(INBOUND_TYPES as readonly string[]).includes(n.type)) return null;
  const body = statusText(s.content);
  const text = s.spoiler_text ? `${s.spoiler_text}\n${body}` : body;
  const ref: PostRef = { id: s.id, url: s.url ?? s.uri };
  const item: InboundItem = {
    kind: 'mention', ref, author: author(s.account, own.instanceUrl), text, createdAt: new Date(s.created_at),
    languages: s.language ? [s.language] : undefined,
    raw: { notificationId: n.id, type: n.type, statusId: s.id, uri: s.uri, visibility: s.visibility, inReplyToId: s.in_reply_to_id ?? null },
  };
  if (s.in_reply_to_id) item.inReplyTo = { id: s.in_reply_to_id };
  const quoted = s.quote?.quoted_status;
  if (n.type === 'quote' && quoted) {
    item.kind = 'quote';
    item.ourPost = { id: quoted.id };
  } else if (s.visibility === 'direct') {
    item.kind = 'dm';
  } else if (s.in_reply_to_id && s.in_reply_to_account_id === own.accountId) {
    item.kind = 'comment';
    item.ourPost = { id: s.in_reply_to_id };
  } else if (s.in_reply_to_id) {
    item.kind = 'reply';
  }
  return item;
}

function notificationsPath(minId: string | null): string {
  const q = new URLSearchParams();
  for (const t of INBOUND_TYPES) q.append('types[]', t);
  q.set('limit', String(PAGE));
  if (minId) q.set('min_id', minId);
  return `/api/v1/notifications?${q}`;
}

export function createMastodonInbound(http: MastodonHttpDeps): InboundCapability<MastodonCredentials> & EngageCapability<MastodonCredentials> {
  const own = (c: MastodonCredentials) => ({ accountId: c.accountId, instanceUrl: c.instanceUrl });

  async function readInbound(ctx: CallContext<MastodonCredentials>, cursor: string | null): Promise<InboundBatch> {
    const items: InboundItem[] = [];
    let minId = cursor;
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await mastodonRequest<MastodonNotification[]>(http, {
        method: 'GET', baseUrl: ctx.credentials.instanceUrl, path: notificationsPath(minId), token: ctx.credentials.accessToken, signal: ctx.signal,
      });
      // min_id pages are the ones right after the cursor, newest first within the page.
      const ns = res.body.slice().sort((a, b) => (idGreater(a.id, b.id) ? 1 : -1));
      for (const n of ns) {
        const item = notificationToItem(n, own(ctx.credentials));
        if (item) items.push(item);
        if (minId === null || idGreater(n.id, minId)) minId = n.id;
      }
      // First start: the newest page only (what is waiting now), no deep history.
      if (cursor === null || ns.length < PAGE) break;
    }
    return { items, cursor: minId };
  }

  async function streamInbound(ctx: CallContext<MastodonCredentials>, cursor: string | null, onBatch: (b: InboundBatch) => Promise<void>): Promise<void> {
    const path = '/api/v1/streaming/user/notification';
    let res: Response;
    try {
      res = await http.fetch(new URL(path, ctx.credentials.instanceUrl).toString(), {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${ctx.credentials.accessToken}`, 'user-agent': http.userAgent },
        signal: ctx.signal,
      });
    } catch (e) {
      throw mapTransportError(e, { path }, false);
    }
    if (!res.ok || !res.body) {
      const text = await res.text().catch(() => '');
      let body: unknown = undefined;
      try { body = text ? JSON.parse(text) : undefined; } catch { body = { error: text.slice(0, 200) }; }
      throw mapErrorResponse(res.status, res.headers, body, http.now(), path);
    }
    let last = cursor;
    const pending: MastodonNotification[] = [];
    const parser = createParser({
      onEvent(ev) {
        if (ev.event !== 'notification') return;
        try {
          pending.push(JSON.parse(ev.data) as MastodonNotification);
        } catch {
          // A malformed event is skipped; the next catch-up poll by cursor fetches the notification again.
        }
      },
    });
    const decoder = new TextDecoder();
    // Awaiting each batch before reading on is the back-pressure: unread bytes stay in the socket.
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      while (pending.length > 0) {
        const n = pending.shift()!;
        if (last !== null && !idGreater(n.id, last)) continue; // already seen through polling
        last = n.id;
        const item = notificationToItem(n, own(ctx.credentials));
        await onBatch({ items: item ? [item] : [], cursor: last });
      }
    }
  }

  const act = (verb: 'favourite' | 'reblog') => async (ctx: CallContext<MastodonCredentials>, ref: PostRef): Promise<void> => {
    if (!/^\d+$/.test(ref.id)) throw new ProviderError({ kind: 'invalid', network: NETWORK, message: `Not a Mastodon status id: ${ref.id}` });
    await mastodonRequest(http, {
      method: 'POST', baseUrl: ctx.credentials.instanceUrl, path: `/api/v1/statuses/${ref.id}/${verb}`, token: ctx.credentials.accessToken, signal: ctx.signal,
    });
  };

  return { readInbound, streamInbound, like: act('favourite'), boost: act('reblog') };
}
