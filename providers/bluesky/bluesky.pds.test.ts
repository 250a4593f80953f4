/**
 * Bluesky provider against a real local PDS (@atproto/dev-env, started once for this file). Assertions
 * read back what the PDS stored.
 */
import { AtUri, AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, PublishRequest } from '../contract.ts';
import { ProviderError } from '../errors.ts';
import { createBlueskyProvider, type BlueskyCredentials } from './bluesky.provider.ts';
import { isValidTid, recordKeyForTarget } from './record-key.ts';

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');

let network: TestNetworkNoAppView;
let reader: AtpAgent;
let bobDid: string;
let appPassword: string;
let creds: BlueskyCredentials;
const provider = createBlueskyProvider({ allowPrivateNetwork: true });

beforeAll(async () => {
  network = await TestNetworkNoAppView.create({});
  const setup = new AtpAgent({ service: network.pds.url });
  const bob = await setup.createAccount({ handle: 'bob.test', email: 'bob@example.de', password: 'bob-password' });
  bobDid = bob.data.did;
  await setup.createAccount({ handle: 'stadtwerke.test', email: 'presse@example.de', password: 'main-password' });
  appPassword = (await setup.com.atproto.server.createAppPassword({ name: 'resonanz' })).data.password;
  reader = new AtpAgent({ service: network.pds.url });
  if (provider.connect.flow !== 'password') throw new Error('expected password flow');
  const connected = await provider.connect.login({ identifier: '@stadtwerke.test', password: appPassword, serviceUrl: network.pds.url });
  creds = connected.credentials;
}, 60_000);

afterAll(async () => {
  await network?.close();
});

const ctx = (): CallContext<BlueskyCredentials> => ({ credentials: creds, onCredentialsUpdate: (c) => void (creds = c) });

async function stored(uri: string) {
  const u = new AtUri(uri);
  const res = await reader.com.atproto.repo.getRecord({ repo: u.host, collection: u.collection, rkey: u.rkey });
  return res.data.value as Record<string, any>;
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('bluesky provider on a local PDS', () => {
  it('connects with an app password and verifies the session', async () => {
    expect(creds.session.handle).toBe('stadtwerke.test');
    expect(await provider.connect.verify(ctx())).toMatchObject({ handle: '@stadtwerke.test', id: creds.session.did });
  });

  it('stores facets with UTF-8 byte offsets, alt text and languages', async () => {
    const prefix = 'Grüße aus Köln 🎉👩‍👩‍👧 ';
    const mention = '@bob.test';
    const link = 'https://example.de/straßenfest';
    const tag = '#Stadtfest';
    const text = `${prefix}${mention} ${link} ${tag}`;
    const { ref } = await provider.publish!.publish(ctx(), {
      targetId: 'facets-1', text, languages: ['de', 'en'],
      media: [
        { data: PNG, mimeType: 'image/png', altText: 'Bühne auf dem Marktplatz' },
        { data: PNG, mimeType: 'image/png', altText: 'Luftballons über dem Rathaus' },
      ],
    });
    expect(new AtUri(ref.id).rkey).toBe(recordKeyForTarget('facets-1'));
    const record = await stored(ref.id);
    expect(record.text).toBe(text);
    expect(record.langs).toEqual(['de', 'en']);
    const start = bytes(prefix);
    const byFeature = Object.fromEntries(record.facets.map((f: any) => [f.features[0].$type, f]));
    expect(byFeature['app.bsky.richtext.facet#mention'].index).toEqual({ byteStart: start, byteEnd: start + bytes(mention) });
    expect(byFeature['app.bsky.richtext.facet#mention'].features[0].did).toBe(bobDid);
    const linkStart = start + bytes(mention) + 1;
    expect(byFeature['app.bsky.richtext.facet#link'].index).toEqual({ byteStart: linkStart, byteEnd: linkStart + bytes(link) });
    expect(byFeature['app.bsky.richtext.facet#link'].features[0].uri).toBe(link);
    const tagStart = linkStart + bytes(link) + 1;
    expect(byFeature['app.bsky.richtext.facet#tag'].index).toEqual({ byteStart: tagStart, byteEnd: tagStart + bytes(tag) });
    expect(byFeature['app.bsky.richtext.facet#tag'].features[0].tag).toBe('Stadtfest');
    expect(record.embed.$type).toBe('app.bsky.embed.images');
    expect(record.embed.images.map((i: any) => i.alt)).toEqual(['Bühne auf dem Marktplatz', 'Luftballons über dem Rathaus']);
    expect(record.embed.images[0].image.mimeType).toBe('image/png');
  });

  it('publishing the same target twice leaves exactly one record, and reconcile finds it', async () => {
    const req: PublishRequest = { targetId: 'target-7f3a', text: 'Erster Versuch' };
    expect(await provider.publish!.reconcile(ctx(), req.targetId)).toEqual({ status: 'absent' });
    const first = await provider.publish!.publish(ctx(), req);
    // A retry after a crash (even with edited text) must find the same post instead of writing again.
    const second = await provider.publish!.publish(ctx(), { ...req, text: 'Zweiter Versuch' });
    expect(second.ref.id).toBe(first.ref.id);
    expect(second.ref.cid).toBe(first.ref.cid);
    const rkey = recordKeyForTarget(req.targetId);
    expect(isValidTid(rkey)).toBe(true);
    const list = await reader.com.atproto.repo.listRecords({ repo: creds.session.did, collection: 'app.bsky.feed.post', limit: 100 });
    expect(list.data.records.filter((r) => r.uri.endsWith(`/${rkey}`))).toHaveLength(1);
    expect((await stored(first.ref.id)).text).toBe('Erster Versuch');
    expect(await provider.publish!.reconcile(ctx(), req.targetId)).toMatchObject({ status: 'published', ref: { id: first.ref.id } });
  });

  it('builds reply chains with root and parent strong refs', async () => {
    const root = await provider.publish!.publish(ctx(), { targetId: 'thread-1', text: 'Thread 1/3' });
    const second = await provider.reply!.reply(ctx(), root.ref, { targetId: 'thread-2', text: 'Thread 2/3' });
    const third = await provider.publish!.publish(ctx(), { targetId: 'thread-3', text: 'Thread 3/3', replyTo: second.ref });
    const r2 = await stored(second.ref.id);
    expect(r2.reply).toEqual({ root: { uri: root.ref.id, cid: root.ref.cid }, parent: { uri: root.ref.id, cid: root.ref.cid } });
    const r3 = await stored(third.ref.id);
    expect(r3.reply).toEqual({ root: { uri: root.ref.id, cid: root.ref.cid }, parent: { uri: second.ref.id, cid: second.ref.cid } });
    // Only the URI known (e.g. after a restart): root and CIDs are read back from the repository.
    const fourth = await provider.publish!.publish(ctx(), { targetId: 'thread-4', text: 'Nachtrag', replyTo: { id: third.ref.id } });
    expect((await stored(fourth.ref.id)).reply.root.uri).toBe(root.ref.id);
  });

  it('stores an external link card with thumbnail', async () => {
    const { ref } = await provider.publish!.publish(ctx(), {
      targetId: 'card-1', text: 'Alle Infos zum Fest',
      linkCard: { url: 'https://example.de/fest', title: 'Stadtfest 2025', description: 'Programm', thumbnail: { data: PNG, mimeType: 'image/png' } },
    });
    const embed = (await stored(ref.id)).embed;
    expect(embed.$type).toBe('app.bsky.embed.external');
    expect(embed.external).toMatchObject({ uri: 'https://example.de/fest', title: 'Stadtfest 2025', description: 'Programm' });
    expect(embed.external.thumb.mimeType).toBe('image/png');
  });

  it('deletes idempotently', async () => {
    const { ref } = await provider.publish!.publish(ctx(), { targetId: 'delete-me', text: 'Gleich weg' });
    await provider.delete!.delete(ctx(), ref);
    await provider.delete!.delete(ctx(), ref);
    expect(await provider.publish!.reconcile(ctx(), 'delete-me')).toEqual({ status: 'absent' });
  });

  it('refreshes a stored session single-flight and hands the new session to the caller', async () => {
    let refreshCalls = 0;
    const counting: typeof fetch = async (input, init) => {
      const url = typeof input === 'object' && 'url' in input ? input.url : String(input);
      if (url.includes('com.atproto.server.refreshSession')) refreshCalls++;
      return fetch(input, init);
    };
    const fresh = createBlueskyProvider({ allowPrivateNetwork: true, fetch: counting });
    const updates: BlueskyCredentials[] = [];
    const c: CallContext<BlueskyCredentials> = { credentials: creds, onCredentialsUpdate: (n) => void updates.push(n) };
    if (fresh.connect.flow !== 'password') throw new Error('expected password flow');
    const [a, b] = await Promise.all([fresh.connect.refresh(c), fresh.connect.refresh(c)]);
    expect(refreshCalls).toBe(1);
    expect(a.session.refreshJwt).toBe(b.session.refreshJwt);
    expect(a.session.refreshJwt).not.toBe(creds.session.refreshJwt);
    expect(updates.at(-1)?.session.refreshJwt).toBe(a.session.refreshJwt);
    // Concurrent publishes reuse the resumed session.
    await Promise.all([
      fresh.publish!.publish({ credentials: a }, { targetId: 'concurrent-1', text: 'A' }),
      fresh.publish!.publish({ credentials: a }, { targetId: 'concurrent-2', text: 'B' }),
    ]);
    expect(refreshCalls).toBe(1);
    creds = a;
  });

  it('maps failures into the taxonomy', async () => {
    if (provider.connect.flow !== 'password') throw new Error('expected password flow');
    const wrong = await provider.connect.login({ identifier: 'stadtwerke.test', password: 'wrong', serviceUrl: network.pds.url }).catch((e) => e);
    expect(wrong).toBeInstanceOf(ProviderError);
    expect(wrong.kind).toBe('invalid');
    const revoked: BlueskyCredentials = { serviceUrl: creds.serviceUrl, session: { ...creds.session, accessJwt: 'x.y.z', refreshJwt: 'x.y.z' } };
    const reauth = await createBlueskyProvider({ allowPrivateNetwork: true }).publish!.publish({ credentials: revoked }, { targetId: 'never', text: 'x' }).catch((e) => e);
    expect(reauth.kind).toBe('reauth');
    const missingParent = await provider.publish!
      .publish(ctx(), { targetId: 'orphan', text: 'x', replyTo: { id: `at://${creds.session.did}/app.bsky.feed.post/${recordKeyForTarget('nope')}` } })
      .catch((e) => e);
    expect(missingParent.kind).toBe('invalid');
    const tooLong = await provider.publish!.publish(ctx(), { targetId: 'long', text: 'ä'.repeat(301) }).catch((e) => e);
    expect(tooLong.kind).toBe('invalid');
  });
});
