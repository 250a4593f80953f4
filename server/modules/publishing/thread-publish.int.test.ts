/**
 * Threads end to end through the runner and the reconciler: the real Mastodon provider against the
 * recorded-behaviour stub (Idempotency-Key, `in_reply_to_id`), and the real Bluesky provider against
 * a local PDS (@atproto/dev-env), asserting on the records the PDS stored — including a worker that
 * dies between two parts.
 */
import { AtUri, AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../../providers/contract.ts';
import { createBlueskyProvider } from '../../../providers/bluesky/bluesky.provider.ts';
import { recordKeyForTarget } from '../../../providers/bluesky/record-key.ts';
import { createMastodonProvider } from '../../../providers/mastodon/mastodon.provider.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { startMastodonStub, type MastodonStub } from './mastodon-stub.ts';
import { contentHash, type PostContent } from './post-content.ts';
import { runPublishTarget, type RunnerDeps } from './publish-runner.ts';
import { channels, posts, publishTargets } from './publishing.schema.ts';
import { reconcile } from './reconciler.ts';
import { partIdFor } from './thread-parts.ts';

let t: TestApp;
let stub: MastodonStub;
let pds: TestNetworkNoAppView;
let ws: string;

beforeAll(async () => {
  t = await createTestApp();
  stub = await startMastodonStub({ latencyMs: 2 });
  pds = await TestNetworkNoAppView.create({});
  ws = (await buildWorkspace(t.ctx.database)).workspace.id;
}, 120_000);
afterAll(async () => {
  await stub?.close();
  await pds?.close();
  await t?.close();
});

/** Twelve sentences: too long for one Bluesky post (300) and for one Mastodon status (500). */
const LONG = Array.from({ length: 12 }, (_, i) => `Satz ${i + 1}: Die neue Förderrichtlinie für Bürgerenergie gilt ab März, Anträge stellen Sie online.`).join(' ');

async function threadTarget(network: string, credentials: object, limits: object | null = null) {
  const now = t.clock.now();
  const [ch] = await t.ctx.database.db.insert(channels).values({
    workspaceId: ws, network, name: network, status: 'connected', credentialsSealed: t.ctx.secrets.seal(JSON.stringify(credentials)), maxConcurrency: 4, ...(limits ? { limits } : {}),
  }).returning();
  const c: PostContent = { text: `${LONG} ${ch!.id.slice(0, 8)}`, variants: {}, media: [], contentWarning: null, language: 'de', thread: true };
  const [p] = await t.ctx.database.db.insert(posts).values({ workspaceId: ws, ...c, thread: true, contentHash: contentHash(c), scheduledAt: now }).returning();
  const [tg] = await t.ctx.database.db.insert(publishTargets).values({ workspaceId: ws, postId: p!.id, channelId: ch!.id, state: 'scheduled', scheduledAt: new Date(now.getTime() - 1000) }).returning();
  return tg!.id;
}

const targetRow = async (id: string) => (await t.ctx.database.db.select().from(publishTargets).where(eq(publishTargets.id, id)))[0]!;
const deps = (provider: Provider): RunnerDeps => ({ database: t.ctx.database, secrets: t.ctx.secrets, clock: t.clock, providers: () => provider, leaseMs: 10_000, maxAttempts: 3 });

/** A provider whose worker dies right after part `index` reached the network (the answer is lost). */
function dyingAfterPart(provider: Provider, index: number): Provider {
  let call = 0;
  return {
    ...provider,
    publish: {
      ...provider.publish!,
      publish: async (ctx, req) => {
        const r = await provider.publish!.publish(ctx, req);
        if (call++ === index) throw Object.assign(new Error('SIGKILL'), { name: 'Crash' });
        return r;
      },
    },
  };
}

/** Puts a crashed claim back as the dead worker left it: publishing, lease running. */
async function asLeftByCrash(id: string) {
  await t.ctx.database.db.update(publishTargets).set({ state: 'publishing', leaseUntil: new Date(t.clock.now().getTime() + 10_000) }).where(eq(publishTargets.id, id));
}

/**
 * A worker sends part 1 and part 2 and dies before recording part 2 (its lease still running); once
 * the lease ends, the reconciler takes the target over. Returns the target as it is afterwards.
 */
async function dieAfterSecondPartAndReconcile(provider: Provider, id: string) {
  await runPublishTarget(deps(dyingAfterPart(provider, 1)), id).catch(() => undefined);
  await asLeftByCrash(id);
  expect((await targetRow(id)).threadProgress.length).toBe(1);
  t.clock.advance(11_000);
  expect(await reconcile(deps(provider))).toMatchObject({ taken: 1, published: 1 });
  return targetRow(id);
}

describe('threads on Mastodon', () => {
  const creds = () => ({ instanceUrl: stub.url, accessToken: 'tok', clientId: 'c', clientSecret: 's', scope: 'read write', accountId: '1' });

  it('sends every part as a reply to the one before, each under its own Idempotency-Key, and records each part', async () => {
    const provider = createMastodonProvider({ allowPrivateNetwork: true }) as unknown as Provider;
    const id = await threadTarget('mastodon', creds());
    const before = stub.statuses.length;
    const r = await runPublishTarget(deps(provider), id);
    expect(r.kind).toBe('published');
    const row = await targetRow(id);
    const sent = stub.statuses.slice(before);
    expect(row.threadParts!.length).toBeGreaterThan(1);
    expect(sent.map((s) => s.text)).toEqual(row.threadParts);
    expect(sent[0]!.inReplyTo).toBeNull();
    sent.slice(1).forEach((s, i) => expect(s.inReplyTo).toBe(sent[i]!.id));
    expect(new Set(sent.map((s) => s.key)).size).toBe(sent.length);
    expect(row.threadProgress.map((p) => p.id)).toEqual(sent.map((s) => s.id));
    expect(row.remoteId).toBe(sent[0]!.id);
    const audit = await t.ctx.database.db.select().from(auditLog).where(and(eq(auditLog.objectId, id), eq(auditLog.action, 'publish_target.part_published')));
    expect(audit.length).toBe(sent.length);
  });

  it('a worker dying between parts: the reconciler re-sends only the unrecorded part under its key, then continues — no part twice', async () => {
    const provider = createMastodonProvider({ allowPrivateNetwork: true }) as unknown as Provider;
    const id = await threadTarget('mastodon', creds());
    const before = stub.statuses.length;
    const row = await dieAfterSecondPartAndReconcile(provider, id);
    const sent = stub.statuses.slice(before);
    expect(sent.length).toBe(row.threadParts!.length);
    // Parts repeat across test threads (same sentences), so uniqueness is checked within this thread.
    expect(new Set(sent.map((s) => s.text)).size).toBe(sent.length);
    expect(sent.map((s) => s.text)).toEqual(row.threadParts);
    sent.slice(1).forEach((s, i) => expect(s.inReplyTo).toBe(sent[i]!.id));
    expect(row.state).toBe('published');
  });

  it('the split is frozen with the claim, before any part is known to be out', async () => {
    const provider = createMastodonProvider({ allowPrivateNetwork: true }) as unknown as Provider;
    const id = await threadTarget('mastodon', creds());
    await runPublishTarget(deps(dyingAfterPart(provider, 0)), id).catch(() => undefined);
    const row = await targetRow(id);
    expect(row.threadProgress.length).toBe(0); // the answer of part 1 was lost: only the network knows
    expect(row.threadParts!.length).toBeGreaterThan(1); // but the split is frozen with the claim
  });
});

describe('threads on Bluesky (local PDS)', () => {
  let provider: Provider;
  let credentials: object;
  let reader: AtpAgent;
  let did: string;

  beforeAll(async () => {
    const setup = new AtpAgent({ service: pds.pds.url });
    const acc = await setup.createAccount({ handle: 'presse.test', email: 'presse@example.de', password: 'pw-presse' });
    did = acc.data.did;
    const appPassword = (await setup.com.atproto.server.createAppPassword({ name: 'resonanz' })).data.password;
    const bsky = createBlueskyProvider({ allowPrivateNetwork: true });
    if (bsky.connect.flow !== 'password') throw new Error('expected password flow');
    credentials = (await bsky.connect.login({ identifier: 'presse.test', password: appPassword, serviceUrl: pds.pds.url })).credentials;
    provider = bsky as unknown as Provider;
    reader = new AtpAgent({ service: pds.pds.url });
  });

  const record = async (uri: string) => {
    const u = new AtUri(uri);
    return (await reader.com.atproto.repo.getRecord({ repo: u.host, collection: u.collection, rkey: u.rkey })).data.value as { text: string; reply?: { root: { uri: string }; parent: { uri: string } } };
  };
  const allPosts = async () => (await reader.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post', limit: 100 })).data.records;

  it('stores a reply chain with root and parent refs and record keys derived from each part', async () => {
    const id = await threadTarget('bluesky', credentials);
    expect((await runPublishTarget(deps(provider), id)).kind).toBe('published');
    const row = await targetRow(id);
    const parts = row.threadParts!;
    expect(parts.length).toBeGreaterThan(2);
    const uris = row.threadProgress.map((p) => p.id);
    uris.forEach((u, i) => expect(new AtUri(u).rkey).toBe(recordKeyForTarget(partIdFor(id, i))));
    const recs = await Promise.all(uris.map(record));
    expect(recs.map((r) => r.text)).toEqual(parts);
    expect(recs[0]!.reply).toBeUndefined();
    recs.slice(1).forEach((r, i) => expect(r.reply).toMatchObject({ root: { uri: uris[0] }, parent: { uri: uris[i] } }));
  });

  it('a worker dying after part 2: the reconciler finds it on the PDS and continues with part 3 — one record per part', async () => {
    const id = await threadTarget('bluesky', credentials);
    const before = (await allPosts()).length;
    const row = await dieAfterSecondPartAndReconcile(provider, id);
    expect((await allPosts()).length - before).toBe(row.threadParts!.length);
    const recs = await Promise.all(row.threadProgress.map((p) => record(p.id)));
    expect(recs.map((r) => r.text)).toEqual(row.threadParts);
    recs.slice(1).forEach((r, i) => expect(r.reply!.parent.uri).toBe(row.threadProgress[i]!.id));
  });
});
