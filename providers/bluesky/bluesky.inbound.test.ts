/**
 * Bluesky inbound through AppView notifications, against recorded XRPC exchanges served by a local
 * HTTP server. Every recorded body is validated against the published lexicons (the network's API
 * documentation); a request that matches no recording fails the test.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { lexicons } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCapability, type CallContext } from '../contract.ts';
import { classify, isBlueskyHosted } from './bluesky.inbound.ts';
import { createBlueskyProvider, type BlueskyCredentials } from './bluesky.provider.ts';

const OUR = 'did:plc:ourdid00000000000000000';
const ANNA = 'did:plc:anna0000000000000000000';
const BERND = 'did:plc:bernd000000000000000000';
const CID = 'bafyreicxezrdstrr5ljmrevttfwv2r33zqimi5ti7yvwqgepbmo2m7elmq';
const ourPost = `at://${OUR}/app.bsky.feed.post/3kabcdefgh2aa`;

interface Exchange { method: 'GET' | 'POST'; path: string; nsid: string; body: unknown }
const session = { accessJwt: 'access-2', refreshJwt: 'refresh-2', handle: 'amt.example', did: OUR, active: true };
const author = (did: string, handle: string, displayName?: string) => ({ did, handle, ...(displayName ? { displayName } : {}), avatar: `https://cdn.example/${handle}.jpg`, labels: [] });
const notif = (rkey: string, who: ReturnType<typeof author>, reason: string, record: Record<string, unknown>, indexedAt: string) => ({
  uri: `at://${who.did}/app.bsky.feed.post/${rkey}`, cid: CID, author: who, reason, ...(reason !== 'mention' ? { reasonSubject: ourPost } : {}),
  record: { $type: 'app.bsky.feed.post', createdAt: indexedAt, ...record }, isRead: false, indexedAt, labels: [],
});
const annaA = author(ANNA, 'anna.example', 'Anna Beispiel');
const berndA = author(BERND, 'bernd.example');
const page1 = [
  notif('3kaaaaaaaa4aa', berndA, 'mention', { text: 'Hallo @amt.example, wann öffnet ihr?', langs: ['de'], facets: [{ index: { byteStart: 6, byteEnd: 18 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: OUR }] }] }, '2025-05-05T09:03:00.000Z'),
  notif('3kaaaaaaaa3aa', annaA, 'quote', { text: 'Wichtig!', embed: { $type: 'app.bsky.embed.record', record: { uri: ourPost, cid: CID } } }, '2025-05-05T09:02:00.000Z'),
];
const page2 = [
  notif('3kaaaaaaaa2aa', annaA, 'reply', { text: 'Gilt das auch samstags?', reply: { root: { uri: ourPost, cid: CID }, parent: { uri: ourPost, cid: CID } } }, '2025-05-05T09:01:00.000Z'),
  notif('3kaaaaaaaa1aa', annaA, 'reply', { text: 'alt', reply: { root: { uri: ourPost, cid: CID }, parent: { uri: ourPost, cid: CID } } }, '2025-05-05T08:00:00.000Z'),
];
const Q = 'limit=50&reasons=reply&reasons=mention&reasons=quote';
const exchanges: Exchange[] = [
  { method: 'POST', path: '/xrpc/com.atproto.server.refreshSession', nsid: 'com.atproto.server.refreshSession', body: session },
  { method: 'GET', path: `/xrpc/app.bsky.notification.listNotifications?${Q}`, nsid: 'app.bsky.notification.listNotifications', body: { notifications: page1, cursor: 'c2' } },
  { method: 'GET', path: '/xrpc/com.atproto.server.getSession', nsid: 'com.atproto.server.getSession', body: { handle: session.handle, did: OUR, active: true } },
  { method: 'GET', path: `/xrpc/app.bsky.notification.listNotifications?limit=50&cursor=c2&reasons=reply&reasons=mention&reasons=quote`, nsid: 'app.bsky.notification.listNotifications', body: { notifications: page2, cursor: 'c3' } },
  { method: 'GET', path: `/xrpc/app.bsky.actor.getProfiles?actors=${encodeURIComponent(BERND)}&actors=${encodeURIComponent(ANNA)}`, nsid: 'app.bsky.actor.getProfiles', body: { profiles: [{ ...berndA, followersCount: 3 }, { ...annaA, followersCount: 1520 }] } },
  { method: 'GET', path: `/xrpc/app.bsky.actor.getProfiles?actors=${encodeURIComponent(ANNA)}`, nsid: 'app.bsky.actor.getProfiles', body: { profiles: [{ ...annaA, followersCount: 1520 }] } },
];

let server: Server;
let url = '';
const unmatched: string[] = [];
const seen: string[] = [];
beforeAll(async () => {
  for (const x of exchanges) lexicons.assertValidXrpcOutput(x.nsid, x.body);
  server = createServer((req, res) => {
    const x = exchanges.find((e) => e.method === req.method && e.path === req.url);
    if (!x) {
      unmatched.push(`${req.method} ${req.url}`);
      return void res.writeHead(501, { 'content-type': 'application/json' }).end('{"error":"NotRecorded"}');
    }
    seen.push(x.path);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(x.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('bluesky inbound via AppView notifications (recorded)', () => {
  it('reads back to the cursor, oldest first, with kinds and follower counts', async () => {
    const provider = createBlueskyProvider({ allowPrivateNetwork: true });
    const ctx: CallContext<BlueskyCredentials> = { credentials: { serviceUrl: url, session: { ...session, accessJwt: 'access-1', refreshJwt: 'refresh-1' } } };
    const batch = await requireCapability(provider, 'inbound').readInbound(ctx, 'n:2025-05-05T09:00:00.000Z');
    expect(unmatched).toEqual([]);
    expect(batch.cursor).toBe('n:2025-05-05T09:03:00.000Z');
    expect(batch.items.map((i) => [i.kind, i.text])).toEqual([
      ['comment', 'Gilt das auch samstags?'],
      ['quote', 'Wichtig!'],
      ['mention', 'Hallo @amt.example, wann öffnet ihr?'],
    ]);
    expect(batch.items[0]!.author).toMatchObject({ id: ANNA, handle: '@anna.example', displayName: 'Anna Beispiel', followerCount: 1520, avatarUrl: 'https://cdn.example/anna.example.jpg' });
    expect(batch.items[0]!.ourPost).toEqual({ id: ourPost, cid: CID });
    expect(batch.items[2]!.author.followerCount).toBe(3);
    expect(batch.items[2]!.languages).toEqual(['de']);
    expect(seen).toContain('/xrpc/app.bsky.notification.listNotifications?limit=50&cursor=c2&reasons=reply&reasons=mention&reasons=quote');
    expect(unmatched).toEqual([]);
  });

  it('leaves a backlog longer than one poll for the next poll instead of skipping it', async () => {
    const provider = createBlueskyProvider({ allowPrivateNetwork: true, inboundMaxPages: 1 });
    const ctx: CallContext<BlueskyCredentials> = { credentials: { serviceUrl: url, session: { ...session, accessJwt: 'access-1', refreshJwt: 'refresh-1' } } };
    const inbound = requireCapability(provider, 'inbound');
    const first = await inbound.readInbound(ctx, 'n:2025-05-05T09:00:00.000Z');
    expect(first.items.map((i) => i.text)).toEqual(['Wichtig!', 'Hallo @amt.example, wann öffnet ihr?']);
    // Not at 09:00 yet: the cursor says where to go on, not "up to 09:03".
    expect(first.cursor).toMatch(/^nb:/);
    const second = await inbound.readInbound(ctx, first.cursor);
    expect(second.items.map((i) => i.text)).toEqual(['Gilt das auch samstags?']);
    expect(second.cursor).toBe('n:2025-05-05T09:03:00.000Z');
    expect(unmatched).toEqual([]);
  });
});

describe('bluesky classification', () => {
  it('tells comments, thread replies, mentions and quotes apart and ignores the rest', () => {
    const other = 'at://did:plc:other/app.bsky.feed.post/1';
    expect(classify({ reply: { root: { uri: ourPost, cid: CID }, parent: { uri: ourPost, cid: CID } } }, OUR)?.kind).toBe('comment');
    expect(classify({ reply: { root: { uri: ourPost, cid: CID }, parent: { uri: other, cid: CID } } }, OUR)?.kind).toBe('reply');
    expect(classify({ facets: [{ features: [{ $type: 'app.bsky.richtext.facet#mention', did: OUR }] }] }, OUR)?.kind).toBe('mention');
    expect(classify({ embed: { $type: 'app.bsky.embed.recordWithMedia', record: { record: { uri: ourPost, cid: CID } } } }, OUR)?.kind).toBe('quote');
    expect(classify({ reply: { root: { uri: other, cid: CID }, parent: { uri: other, cid: CID } } }, OUR)).toBeNull();
    expect(classify({ text: 'nichts' }, OUR)).toBeNull();
  });
  it('never guesses the firehose for Bluesky-hosted accounts', () => {
    expect(isBlueskyHosted('https://bsky.social')).toBe(true);
    expect(isBlueskyHosted('https://morel.us-east.host.bsky.network')).toBe(true);
    expect(isBlueskyHosted('https://pds.stadt.example')).toBe(false);
  });
});
