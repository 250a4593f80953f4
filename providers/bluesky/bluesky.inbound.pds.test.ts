/**
 * Bluesky inbound on a real local PDS without AppView (@atproto/dev-env): the first read chooses
 * the firehose, the stream finds replies/thread replies/mentions/quotes to our account with author
 * profiles, a restart from the stored cursor has no gaps and no duplicates, a failing consumer
 * stops the stream before the cursor moves, and like/boost land in the PDS.
 */
import { AtpAgent, RichText } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireCapability, type CallContext, type InboundBatch, type InboundItem } from '../contract.ts';
import { createBlueskyProvider, type BlueskyCredentials } from './bluesky.provider.ts';

let network: TestNetworkNoAppView;
let ours: AtpAgent;
let anna: AtpAgent;
let creds: BlueskyCredentials;
const provider = createBlueskyProvider({ allowPrivateNetwork: true });
const inbound = requireCapability(provider, 'inbound');

beforeAll(async () => {
  network = await TestNetworkNoAppView.create({});
  ours = new AtpAgent({ service: network.pds.url });
  await ours.createAccount({ handle: 'amt.test', email: 'amt@example.de', password: 'amt-password-1' });
  const appPassword = (await ours.com.atproto.server.createAppPassword({ name: 'resonanz' })).data.password;
  anna = new AtpAgent({ service: network.pds.url });
  await anna.createAccount({ handle: 'anna.test', email: 'anna@example.de', password: 'anna-password-1' });
  await anna.com.atproto.repo.putRecord({ repo: anna.session!.did, collection: 'app.bsky.actor.profile', rkey: 'self', record: { $type: 'app.bsky.actor.profile', displayName: 'Anna Beispiel' } });
  if (provider.connect.flow !== 'password') throw new Error('password flow expected');
  creds = (await provider.connect.login({ identifier: 'amt.test', password: appPassword, serviceUrl: network.pds.url })).credentials;
}, 90_000);
afterAll(async () => network?.close());

const ctx = (signal?: AbortSignal): CallContext<BlueskyCredentials> => ({ credentials: creds, onCredentialsUpdate: (c) => void (creds = c), signal });

/** Streams until `until` says enough (or 15 s), then aborts; returns the batches seen. */
async function streamUntil(cursor: string, until: (items: InboundItem[]) => boolean, consume?: (b: InboundBatch) => Promise<void>) {
  const ac = new AbortController();
  const batches: InboundBatch[] = [];
  const items: InboundItem[] = [];
  const timer = setTimeout(() => ac.abort(), 15_000);
  const done = inbound.streamInbound!(ctx(ac.signal), cursor, async (b) => {
    if (consume) await consume(b);
    batches.push(b);
    items.push(...b.items);
    if (until(items)) ac.abort();
  });
  await done.finally(() => clearTimeout(timer));
  return { batches, items, cursor: batches.at(-1)?.cursor ?? cursor };
}

describe('bluesky inbound via the PDS firehose', () => {
  let ourPost: { uri: string; cid: string };
  let cursor = '';

  it('chooses the firehose at the first read when the PDS has no AppView', async () => {
    const first = await inbound.readInbound(ctx(), null);
    expect(first).toEqual({ items: [], cursor: 'f:' });
    expect(await inbound.readInbound(ctx(), 'f:12')).toEqual({ items: [], cursor: 'f:12' });
  });

  it('finds replies, thread replies, mentions and quotes addressed to us, with author profiles', async () => {
    ourPost = await ours.post({ text: 'Ab Montag neue Öffnungszeiten im Bürgeramt.' });
    const ref = { uri: ourPost.uri, cid: ourPost.cid };
    const comment = await anna.post({ text: 'Gilt das auch für Samstag?', langs: ['de'], reply: { root: ref, parent: ref } });
    const threadReply = await ours.post({ text: 'Ja, samstags 9 bis 12 Uhr.', reply: { root: ref, parent: { uri: comment.uri, cid: comment.cid } } });
    await anna.post({ text: 'Danke!', reply: { root: ref, parent: { uri: threadReply.uri, cid: threadReply.cid } } });
    const rt = new RichText({ text: 'Frage an @amt.test: gibt es Termine online?' });
    await rt.detectFacets(anna);
    await anna.post({ text: rt.text, facets: rt.facets });
    await anna.post({ text: 'Gute Nachricht!', embed: { $type: 'app.bsky.embed.record', record: ref } });
    await anna.post({ text: 'Heute ist schönes Wetter.' });
    const run = await streamUntil('f:', (items) => items.length >= 4);
    expect(run.items.map((i) => [i.kind, i.text])).toEqual([
      ['comment', 'Gilt das auch für Samstag?'],
      ['comment', 'Danke!'],
      ['mention', 'Frage an @amt.test: gibt es Termine online?'],
      ['quote', 'Gute Nachricht!'],
    ]);
    const [c, thanks, , q] = run.items;
    expect(c!.ourPost).toEqual({ id: ourPost.uri, cid: ourPost.cid });
    expect(c!.ref.root).toEqual({ id: ourPost.uri, cid: ourPost.cid });
    expect(c!.languages).toEqual(['de']);
    expect(c!.author).toMatchObject({ id: anna.session!.did, handle: '@anna.test', displayName: 'Anna Beispiel' });
    expect(thanks!.inReplyTo?.id).toBe(threadReply.uri);
    expect(q!.ourPost?.id).toBe(ourPost.uri);
    expect(run.cursor).toMatch(/^f:\d+$/);
    cursor = run.cursor;
  });

  it('resumes from the stored cursor with no duplicates and no gaps', async () => {
    const ref = { uri: ourPost.uri, cid: ourPost.cid };
    await anna.post({ text: 'Noch eine Frage: wo parke ich?', reply: { root: ref, parent: ref } });
    const run = await streamUntil(cursor, (items) => items.length >= 1);
    expect(run.items.map((i) => i.text)).toEqual(['Noch eine Frage: wo parke ich?']);
    cursor = run.cursor;
  });

  it('stops before moving the cursor when the consumer fails, so the item comes again', async () => {
    const ref = { uri: ourPost.uri, cid: ourPost.cid };
    await anna.post({ text: 'Kommt diese Antwort an?', reply: { root: ref, parent: ref } });
    const failing = inbound.streamInbound!(ctx(), cursor, async () => {
      throw new Error('database down');
    });
    await expect(failing).rejects.toThrow('database down');
    const again = await streamUntil(cursor, (items) => items.length >= 1);
    expect(again.items.map((i) => i.text)).toEqual(['Kommt diese Antwort an?']);
  });

  it('likes and reposts an item in the PDS', async () => {
    const target = await anna.post({ text: 'Bitte teilen!' });
    const engage = requireCapability(provider, 'engage');
    await engage.like(ctx(), { id: target.uri });
    await engage.boost(ctx(), { id: target.uri, cid: target.cid });
    const likes = await ours.com.atproto.repo.listRecords({ repo: creds.session.did, collection: 'app.bsky.feed.like' });
    const reposts = await ours.com.atproto.repo.listRecords({ repo: creds.session.did, collection: 'app.bsky.feed.repost' });
    expect(likes.data.records.map((r) => (r.value as { subject: { uri: string } }).subject.uri)).toContain(target.uri);
    expect(reposts.data.records.map((r) => (r.value as { subject: { cid: string } }).subject.cid)).toContain(target.cid);
  });
});
