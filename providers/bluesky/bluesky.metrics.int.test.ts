/**
 * Bluesky metrics against a real local network: PDS, PLC and an AppView (which counts followers,
 * likes, reposts and replies from what the PDS sequenced). Asserts the counts the AppView derives
 * from records other accounts wrote.
 */
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CallContext } from '../contract.ts';
import { createBlueskyProvider, type BlueskyCredentials } from './bluesky.provider.ts';
import { startAppViewNetwork, type AppViewNetwork } from './test/appview-network.ts';

let net: AppViewNetwork;
let creds: BlueskyCredentials;
let org: AtpAgent;
const fans: AtpAgent[] = [];
const provider = createBlueskyProvider({ allowPrivateNetwork: true });
const ctx = (): CallContext<BlueskyCredentials> => ({ credentials: creds, onCredentialsUpdate: (c) => void (creds = c) });

beforeAll(async () => {
  net = await startAppViewNetwork(inject('adminDatabaseUrl'));
  org = new AtpAgent({ service: net.pds.url });
  await org.createAccount({ handle: 'stadtwerke.test', email: 'presse@example.de', password: 'main-password' });
  const appPassword = (await org.com.atproto.server.createAppPassword({ name: 'resonanz' })).data.password;
  for (const name of ['anna', 'ben', 'carla']) {
    const a = new AtpAgent({ service: net.pds.url });
    await a.createAccount({ handle: `${name}.test`, email: `${name}@example.de`, password: `${name}-password` });
    fans.push(a);
  }
  if (provider.connect.flow !== 'password') throw new Error('expected password flow');
  creds = (await provider.connect.login({ identifier: 'stadtwerke.test', password: appPassword, serviceUrl: net.pds.url })).credentials;
}, 120_000);

afterAll(async () => {
  await net?.close();
});

describe('bluesky metrics (PDS + AppView)', () => {
  it('counts followers and posts of the account', async () => {
    await org.post({ text: 'Erster Beitrag' });
    await org.post({ text: 'Zweiter Beitrag' });
    for (const f of fans) await f.follow(org.session!.did);
    await net.settle();
    const m = await provider.metrics!.readAccountMetrics(ctx());
    expect(m).toMatchObject({ followers: 3, following: 0, posts: 2 });

    await fans[0]!.deleteFollow((await fans[0]!.app.bsky.graph.getFollows({ actor: fans[0]!.session!.did })).data.follows[0]!.viewer!.following!);
    await net.settle();
    expect((await provider.metrics!.readAccountMetrics(ctx())).followers).toBe(2);
  });

  it('reads likes, reposts, replies and quotes of several posts and skips deleted ones', async () => {
    const a = await org.post({ text: 'Heute Tag der offenen Tür' });
    const b = await org.post({ text: 'Neue Öffnungszeiten' });
    const gone = await org.post({ text: 'Wird gelöscht' });
    for (const f of fans) await f.like(a.uri, a.cid);
    await fans[1]!.repost(a.uri, a.cid);
    await fans[2]!.post({ text: 'Super!', reply: { root: { uri: a.uri, cid: a.cid }, parent: { uri: a.uri, cid: a.cid } } });
    await fans[0]!.post({ text: 'Endlich', embed: { $type: 'app.bsky.embed.record', record: { uri: b.uri, cid: b.cid } } });
    await fans[0]!.like(b.uri, b.cid);
    await org.deletePost(gone.uri);
    await net.settle();

    const r = await provider.metrics!.readManyMetrics(ctx(), [{ id: a.uri }, { id: b.uri }, { id: gone.uri }]);
    expect(r.get(a.uri)).toMatchObject({ likes: 3, reposts: 1, replies: 1, quotes: 0 });
    expect(r.get(b.uri)).toMatchObject({ likes: 1, reposts: 0, replies: 0, quotes: 1 });
    expect(r.has(gone.uri)).toBe(false);
    await expect(provider.metrics!.readMetrics(ctx(), { id: gone.uri })).rejects.toMatchObject({ kind: 'invalid', status: 404 });
  });
});
