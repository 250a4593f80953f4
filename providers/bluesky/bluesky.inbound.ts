/**
 * Bluesky inbound: replies to our posts, replies in our threads, mentions and quotes. Two ways in,
 * chosen once per channel and kept in the cursor (docs/architecture.md, "Inbox ingestion"):
 *
 * - `n:` AppView notifications (`app.bsky.notification.listNotifications` through the PDS's
 *   service proxy, `getProfiles` for follower counts) — polling; the normal case (bsky.social and
 *   every PDS configured with an AppView).
 * - `f:` the PDS firehose (`com.atproto.sync.subscribeRepos`, via @atproto/sync) — streaming, for a
 *   PDS without AppView (self-hosted community PDS, the local test PDS). It sees posts of accounts
 *   whose repositories that firehose carries; follower counts are unknown there.
 *
 * Direct messages are not ingested: Bluesky chat is a separate service (chat.bsky.*, proxied to
 * api.bsky.chat) that needs an app password with DM access; the inbox leaves it out.
 */
import { AtUri, type AtpAgent } from '@atproto/api';
import { IdResolver } from '@atproto/identity';
import { Firehose, type Event } from '@atproto/sync';
import type { CallContext, EngageCapability, InboundAuthor, InboundBatch, InboundCapability, InboundItem, PostRef } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { assertPublicServerUrl } from '../net/ssrf-guard.ts';
import { NETWORK } from './bluesky.errors.ts';
import { POST_COLLECTION } from './bluesky.post.ts';
import type { BlueskyCredentials } from './bluesky.session.ts';

type WithAgent = <T>(ctx: CallContext<BlueskyCredentials>, action: string, fn: (agent: AtpAgent, did: string) => Promise<T>) => Promise<T>;

interface PostRecord {
  text?: string;
  langs?: string[];
  createdAt?: string;
  reply?: { root?: { uri: string; cid: string }; parent?: { uri: string; cid: string } };
  facets?: { features?: { $type?: string; did?: string }[] }[];
  embed?: { $type?: string; record?: { uri?: string; cid?: string; record?: { uri?: string; cid?: string } } };
}

const REASONS = ['reply', 'mention', 'quote'];
const PAGE = 50;
const MAX_PAGES = 50;
/** On a firehose first start, replay the PDS's backlog but keep only what is this recent. */
export const FIREHOSE_FIRST_START_HORIZON_MS = 3 * 86_400_000;
/** Cursor-only batches while nothing matches, so a restart does not replay a long quiet stretch. */
const CURSOR_EVERY_EVENTS = 200;

const hostOf = (uri: string | undefined) => {
  if (!uri) return null;
  try {
    return new AtUri(uri).host;
  } catch {
    return null;
  }
};

/** Hosted by Bluesky PBC: notifications always come from the AppView, never guess otherwise. */
export function isBlueskyHosted(serviceUrl: string): boolean {
  const h = new URL(serviceUrl).hostname;
  return h === 'bsky.social' || h.endsWith('.bsky.social') || h.endsWith('.bsky.network');
}

/** Classifies a post record relative to our account, or null when it does not address us. */
export function classify(rec: PostRecord, ourDid: string, reason?: string): Pick<InboundItem, 'kind' | 'ourPost' | 'inReplyTo'> | null {
  const parent = rec.reply?.parent;
  const root = rec.reply?.root;
  const quoted = rec.embed?.record?.record ?? rec.embed?.record;
  const inReplyTo = parent ? { id: parent.uri, cid: parent.cid, ...(root ? { root: { id: root.uri, cid: root.cid } } : {}) } : undefined;
  if (parent && hostOf(parent.uri) === ourDid) return { kind: 'comment', ourPost: { id: parent.uri, cid: parent.cid }, inReplyTo };
  if (reason === 'quote' || (quoted?.uri && hostOf(quoted.uri) === ourDid && (rec.embed?.$type ?? '').startsWith('app.bsky.embed.record'))) {
    return { kind: 'quote', ourPost: quoted?.uri ? { id: quoted.uri, cid: quoted.cid } : undefined, inReplyTo };
  }
  const mentioned = rec.facets?.some((f) => f.features?.some((x) => x.$type === 'app.bsky.richtext.facet#mention' && x.did === ourDid));
  if (root && hostOf(root.uri) === ourDid && reason !== 'mention') return { kind: 'reply', ourPost: { id: root.uri, cid: root.cid }, inReplyTo };
  if (mentioned || reason === 'mention' || reason === 'reply') return { kind: reason === 'reply' ? 'reply' : 'mention', inReplyTo };
  return null;
}

function toItem(uri: string, cid: string, rec: PostRecord, author: InboundAuthor, c: NonNullable<ReturnType<typeof classify>>, fallbackAt: Date): InboundItem {
  const rkey = new AtUri(uri).rkey;
  const created = rec.createdAt ? new Date(rec.createdAt) : fallbackAt;
  const item: InboundItem = {
    ...c,
    ref: { id: uri, cid, url: `https://bsky.app/profile/${author.id}/post/${rkey}`, ...(rec.reply?.root ? { root: { id: rec.reply.root.uri, cid: rec.reply.root.cid } } : {}) },
    author, text: rec.text ?? '', createdAt: Number.isNaN(created.getTime()) ? fallbackAt : created,
    languages: rec.langs?.length ? rec.langs : undefined,
    raw: { uri, cid, record: rec },
  };
  return item;
}

/** A notification backlog being read: resume paging at `page`, down to `since`; `newest` already seen. */
interface Backlog { since: string | null; page: string; newest: string }
const encodeBacklog = (b: Backlog) => `nb:${Buffer.from(JSON.stringify([b.since, b.page, b.newest])).toString('base64url')}`;
function decodeBacklog(cursor: string): Backlog | null {
  try {
    const [since, page, newest] = JSON.parse(Buffer.from(cursor.slice(3), 'base64url').toString('utf8')) as unknown[];
    if ((since !== null && typeof since !== 'string') || typeof page !== 'string' || typeof newest !== 'string') return null;
    return { since, page, newest };
  } catch {
    return null;
  }
}

export function createBlueskyInbound(deps: { withAgent: WithAgent; now: () => Date; allowPrivateNetwork: boolean; maxPages?: number }): InboundCapability<BlueskyCredentials> & EngageCapability<BlueskyCredentials> {
  const { withAgent, now } = deps;
  const maxPages = deps.maxPages ?? MAX_PAGES;

  /**
   * AppView notifications newer than `since` (ISO indexedAt), oldest first. The AppView pages from
   * the newest backwards, so a backlog longer than one poll's pages cannot simply move the cursor to
   * the newest item: that would skip what lies between `since` and the oldest page read. Instead the
   * poll returns a backlog cursor (`nb:` — where to resume paging, and the newest instant already
   * seen) and the next poll continues there; once it reaches `since`, the cursor becomes that newest
   * instant and polling reads from the top again.
   */
  async function readNotifications(agent: AtpAgent, did: string, since: string | null, resume: Backlog | null): Promise<InboundBatch> {
    const seen: { uri: string; cid: string; reason: string; record: PostRecord; indexedAt: string; author: { did: string; handle: string; displayName?: string; avatar?: string } }[] = [];
    let page: string | undefined = resume?.page;
    let done = false;
    for (let i = 0; i < maxPages; i++) {
      const res = await agent.app.bsky.notification.listNotifications({ limit: PAGE, cursor: page, reasons: REASONS });
      let reached = false;
      for (const n of res.data.notifications) {
        if (since !== null && n.indexedAt < since) {
          reached = true;
          break;
        }
        if (REASONS.includes(n.reason)) seen.push({ uri: n.uri, cid: n.cid, reason: n.reason, record: n.record as PostRecord, indexedAt: n.indexedAt, author: n.author });
      }
      page = res.data.cursor;
      // First start: the newest page only (what is waiting now), no deep history.
      done = reached || !page || since === null || res.data.notifications.length === 0;
      if (done) break;
    }
    const followers = new Map<string, number>();
    const dids = [...new Set(seen.map((s) => s.author.did))];
    for (let i = 0; i < dids.length; i += 25) {
      const p = await agent.app.bsky.actor.getProfiles({ actors: dids.slice(i, i + 25) });
      for (const prof of p.data.profiles) if (prof.followersCount !== undefined) followers.set(prof.did, prof.followersCount);
    }
    const items: InboundItem[] = [];
    let newest = resume?.newest ?? since;
    for (const s of seen.reverse()) {
      if (newest === null || s.indexedAt > newest) newest = s.indexedAt;
      if (s.author.did === did) continue;
      const c = classify(s.record, did, s.reason);
      if (!c) continue;
      const author: InboundAuthor = {
        id: s.author.did, handle: `@${s.author.handle}`, displayName: s.author.displayName || undefined, url: `https://bsky.app/profile/${s.author.handle}`,
        avatarUrl: s.author.avatar, followerCount: followers.get(s.author.did),
      };
      items.push(toItem(s.uri, s.cid, s.record, author, c, new Date(s.indexedAt)));
    }
    if (!done && page) return { items, cursor: encodeBacklog({ since, page, newest: newest ?? since ?? '' }) };
    return { items, cursor: `n:${newest ?? ''}` };
  }

  /** Does this PDS have an AppView behind it? Only asked once, at a channel's first read. */
  function noAppView(e: unknown): boolean {
    const err = e as { status?: number; error?: string; message?: string };
    return err?.status === 501 || err?.status === 502 || err?.error === 'MethodNotImplemented' || /no service configured|upstream service unreachable/i.test(err?.message ?? '');
  }

  async function readInbound(ctx: CallContext<BlueskyCredentials>, cursor: string | null): Promise<InboundBatch> {
    if (cursor?.startsWith('f:')) return { items: [], cursor }; // the firehose delivers (streamInbound)
    const resume = cursor?.startsWith('nb:') ? decodeBacklog(cursor) : null;
    const since = resume ? resume.since : cursor?.startsWith('n:') ? cursor.slice(2) || null : null;
    return withAgent(ctx, 'inbound', async (agent, did) => {
      try {
        return await readNotifications(agent, did, since, resume);
      } catch (e) {
        if (cursor === null && !isBlueskyHosted(ctx.credentials.serviceUrl) && noAppView(e)) return { items: [], cursor: 'f:' };
        throw e;
      }
    });
  }

  /** An author from their own repository: handle (describeRepo) and profile record, on the PDS. */
  async function authorOf(agent: AtpAgent, did: string, cache: Map<string, InboundAuthor>, serviceUrl: string): Promise<InboundAuthor> {
    const hit = cache.get(did);
    if (hit) return hit;
    let handle = did;
    let displayName: string | undefined;
    let avatarUrl: string | undefined;
    try {
      handle = (await agent.com.atproto.repo.describeRepo({ repo: did })).data.handle;
      const prof = await agent.com.atproto.repo.getRecord({ repo: did, collection: 'app.bsky.actor.profile', rkey: 'self' });
      const v = prof.data.value as { displayName?: string; avatar?: { ref?: { toString(): string } } };
      displayName = v.displayName || undefined;
      const cid = v.avatar?.ref?.toString();
      if (cid) avatarUrl = `${serviceUrl}/xrpc/com.atproto.sync.getBlob?did=${encodeURIComponent(did)}&cid=${encodeURIComponent(cid)}`;
    } catch {
      // Not hosted here or no profile record: the DID stands in for the handle.
    }
    const a: InboundAuthor = { id: did, handle: handle.startsWith('did:') ? handle : `@${handle}`, displayName, avatarUrl, url: `https://bsky.app/profile/${did}` };
    if (cache.size > 5000) cache.clear();
    cache.set(did, a);
    return a;
  }

  async function streamInbound(ctx: CallContext<BlueskyCredentials>, cursor: string | null, onBatch: (b: InboundBatch) => Promise<void>): Promise<void> {
    if (!cursor?.startsWith('f:')) throw new ProviderError({ kind: 'unsupported', network: NETWORK, message: 'This channel reads AppView notifications by polling' });
    const origin = await assertPublicServerUrl(ctx.credentials.serviceUrl, { allowPrivateNetwork: deps.allowPrivateNetwork, network: NETWORK });
    const firstStart = cursor === 'f:';
    let seq = firstStart ? 0 : Number(cursor.slice(2));
    const horizon = now().getTime() - FIREHOSE_FIRST_START_HORIZON_MS;
    const authors = new Map<string, InboundAuthor>();
    await withAgent(ctx, 'inbound', async (agent, ourDid) => {
      let failure: unknown = null;
      let sinceSaved = 0;
      let stop!: () => void;
      const stopped = new Promise<void>((r) => (stop = r));
      const handleEvent = async (evt: Event) => {
        if (failure) return;
        try {
          const items: InboundItem[] = [];
          if (evt.event === 'create' && evt.collection === POST_COLLECTION && evt.did !== ourDid) {
            const rec = evt.record as PostRecord;
            const c = classify(rec, ourDid);
            const created = rec.createdAt ? Date.parse(rec.createdAt) : now().getTime();
            if (c && !(firstStart && created < horizon)) items.push(toItem(evt.uri.toString(), evt.cid.toString(), rec, await authorOf(agent, evt.did, authors, origin), c, now()));
          }
          seq = evt.seq;
          if (items.length > 0 || ++sinceSaved >= CURSOR_EVERY_EVENTS) {
            sinceSaved = 0;
            await onBatch({ items, cursor: `f:${seq}` });
          }
        } catch (e) {
          // The stored cursor stays before this event: stop, and the caller resumes from it.
          failure = e;
          stop();
        }
      };
      const firehose = new Firehose({
        service: origin.replace(/^http/, 'ws'),
        idResolver: new IdResolver(),
        // Our own PDS over TLS: commits are taken as served (no per-commit signature check).
        unauthenticatedCommits: true,
        filterCollections: [POST_COLLECTION],
        excludeIdentity: true, excludeAccount: true, excludeSync: true,
        getCursor: () => seq,
        handleEvent,
        onError: (err) => {
          if (err.name === 'FirehoseSubscriptionError' || err.name === 'FirehoseHandlerError') return; // reconnects itself / handled above
        },
      });
      const run = firehose.start();
      const onAbort = () => stop();
      ctx.signal?.addEventListener('abort', onAbort, { once: true });
      await Promise.race([stopped, run]);
      ctx.signal?.removeEventListener('abort', onAbort);
      await firehose.destroy();
      if (failure) throw failure;
    });
  }

  async function strongRef(agent: AtpAgent, ref: PostRef): Promise<{ uri: string; cid: string }> {
    if (ref.cid) return { uri: ref.id, cid: ref.cid };
    const u = new AtUri(ref.id);
    const res = await agent.com.atproto.repo.getRecord({ repo: u.host, collection: u.collection, rkey: u.rkey });
    return { uri: res.data.uri, cid: res.data.cid! };
  }

  return {
    readInbound,
    streamInbound,
    like: (ctx, ref) => withAgent(ctx, 'like', async (agent) => {
      const r = await strongRef(agent, ref);
      await agent.like(r.uri, r.cid);
    }),
    boost: (ctx, ref) => withAgent(ctx, 'boost', async (agent) => {
      const r = await strongRef(agent, ref);
      await agent.repost(r.uri, r.cid);
    }),
  };
}
