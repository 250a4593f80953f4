/**
 * Bluesky moderation against a real local PDS: hiding a reply through our root post's threadgate
 * (kept idempotent, reply rules of an existing gate untouched, unhide), refusing to hide in someone
 * else's thread, blocking by a graph.block record once, and the report call on a PDS without a
 * moderation service.
 */
import { AtUri, AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCapability, type CallContext, type PostRef } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { createBlueskyProvider, type BlueskyCredentials } from './bluesky.provider.ts';

let network: TestNetworkNoAppView;
let troll: AtpAgent;
let trollDid: string;
let creds: BlueskyCredentials;
let ourDid: string;
const provider = createBlueskyProvider({ allowPrivateNetwork: true });
const mod = requireCapability(provider, 'moderate');

beforeAll(async () => {
  network = await TestNetworkNoAppView.create({});
  const setup = new AtpAgent({ service: network.pds.url });
  await setup.createAccount({ handle: 'amt.test', email: 'presse@example.de', password: 'main-password' });
  const appPassword = (await setup.com.atproto.server.createAppPassword({ name: 'resonanz' })).data.password;
  if (provider.connect.flow !== 'password') throw new Error('expected password flow');
  creds = (await provider.connect.login({ identifier: 'amt.test', password: appPassword, serviceUrl: network.pds.url })).credentials;
  ourDid = creds.session.did;
  troll = new AtpAgent({ service: network.pds.url });
  const t = await troll.createAccount({ handle: 'troll.test', email: 'troll@example.de', password: 'troll-password' });
  trollDid = t.data.did;
}, 60_000);
afterAll(async () => network?.close());

const ctx = (): CallContext<BlueskyCredentials> => ({ credentials: creds, onCredentialsUpdate: (c) => void (creds = c) });

async function ourPost(text: string): Promise<PostRef> {
  const r = await requireCapability(provider, 'publish').publish(ctx(), { targetId: crypto.randomUUID(), text });
  return r.ref;
}
async function trollReply(to: PostRef, text: string): Promise<PostRef> {
  const res = await troll.post({ text, reply: { root: { uri: to.id, cid: to.cid! }, parent: { uri: to.id, cid: to.cid! } } });
  return { id: res.uri, cid: res.cid, root: { id: to.id, cid: to.cid } };
}
async function gate(root: PostRef) {
  const u = new AtUri(root.id);
  const res = await troll.com.atproto.repo.getRecord({ repo: u.host, collection: 'app.bsky.feed.threadgate', rkey: u.rkey });
  return res.data.value as { post: string; hiddenReplies?: string[]; allow?: unknown[] };
}

describe('bluesky moderation on a local PDS', () => {
  it('declares what it can do', () => {
    expect(mod.operations).toEqual(['hide', 'unhide', 'block', 'unblock', 'report']);
  });

  it('hides a reply in our thread through the threadgate, idempotently, and unhides it', async () => {
    const root = await ourPost('Neue Öffnungszeiten im Bürgeramt');
    const bad = await trollReply(root, 'Ihr seid alle Idioten');
    const ok = await trollReply(root, 'Danke für die Info!');
    await mod.hide!(ctx(), { ref: bad, root });
    await mod.hide!(ctx(), { ref: bad, root });
    const g = await gate(root);
    expect(g.post).toBe(root.id);
    expect(g.hiddenReplies).toEqual([bad.id]);
    expect(g.allow).toBeUndefined(); // everybody may still reply
    await mod.hide!(ctx(), { ref: ok, root });
    expect((await gate(root)).hiddenReplies).toEqual([bad.id, ok.id]);
    await mod.unhide!(ctx(), { ref: ok, root });
    expect((await gate(root)).hiddenReplies).toEqual([bad.id]);
  });

  it('keeps the reply rules of an existing threadgate', async () => {
    const root = await ourPost('Nur Erwähnte dürfen antworten');
    const u = new AtUri(root.id);
    const agent = new AtpAgent({ service: network.pds.url });
    await agent.login({ identifier: 'amt.test', password: 'main-password' });
    const reply = await trollReply(root, 'Spam spam spam');
    await agent.com.atproto.repo.putRecord({ repo: ourDid, collection: 'app.bsky.feed.threadgate', rkey: u.rkey, record: { $type: 'app.bsky.feed.threadgate', post: root.id, createdAt: new Date().toISOString(), allow: [{ $type: 'app.bsky.feed.threadgate#mentionRule' }] } });
    await mod.hide!(ctx(), { ref: reply, root });
    const g = await gate(root);
    expect(g.allow).toEqual([{ $type: 'app.bsky.feed.threadgate#mentionRule' }]);
    expect(g.hiddenReplies).toEqual([reply.id]);
  });

  it('refuses to hide a reply in someone else’s thread (done in Resonanz only)', async () => {
    const theirs = await troll.post({ text: 'Mein eigener Thread' });
    const root: PostRef = { id: theirs.uri, cid: theirs.cid };
    const reply = await trollReply(root, 'noch was');
    const err = await mod.hide!(ctx(), { ref: reply, root }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).kind).toBe('invalid');
  });

  it('blocks an account with one graph.block record, however often it is asked', async () => {
    await mod.blockAuthor!(ctx(), { id: trollDid, handle: '@troll.test' });
    await mod.blockAuthor!(ctx(), { id: trollDid, handle: '@troll.test' });
    const list = await troll.com.atproto.repo.listRecords({ repo: ourDid, collection: 'app.bsky.graph.block' });
    expect(list.data.records.map((r) => (r.value as { subject: string }).subject)).toEqual([trollDid]);
  });

  it('unblocks by deleting the block record; unblocking again is harmless', async () => {
    await mod.blockAuthor!(ctx(), { id: trollDid, handle: '@troll.test' });
    await mod.unblockAuthor!(ctx(), { id: trollDid, handle: '@troll.test' });
    await mod.unblockAuthor!(ctx(), { id: trollDid, handle: '@troll.test' });
    const list = await troll.com.atproto.repo.listRecords({ repo: ourDid, collection: 'app.bsky.graph.block' });
    expect(list.data.records.filter((r) => (r.value as { subject: string }).subject === trollDid)).toEqual([]);
    const err = await mod.unblockAuthor!(ctx(), { id: '@troll.test', handle: '@troll.test' }).catch((e: unknown) => e);
    expect((err as ProviderError).kind).toBe('invalid');
  });

  it('a report reaches the PDS; without a moderation service behind it the PDS answers a retryable upstream error', async () => {
    const root = await ourPost('Bericht');
    const reply = await trollReply(root, 'Werbung: billige Uhren');
    const r = await mod.report!(ctx(), { account: { id: trollDid, handle: '@troll.test' }, refs: [reply], category: 'spam', comment: 'Netiquette 3: Werbung' })
      .then((x) => ({ ok: true as const, x }), (e: unknown) => ({ ok: false as const, e }));
    // The local PDS has no moderation service to proxy to: it answers 500 "upstream", a retryable error.
    expect(r.ok).toBe(false);
    expect(r.ok ? null : (r.e as ProviderError).kind).toBe('retry');
    expect(r.ok ? '' : (r.e as ProviderError).networkMessage).toMatch(/upstream/i);
  });
});
