import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../../providers/contract.ts';
import { createMastodonProvider } from '../../../providers/mastodon/mastodon.provider.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createFakeNetwork } from './fake-provider.ts';
import { startMastodonStub, type MastodonStub } from './mastodon-stub.ts';
import { runPublishTarget, type RunnerDeps } from './publish-runner.ts';
import { channels, posts, publishTargets } from './publishing.schema.ts';
import { reconcile } from './reconciler.ts';
import { contentHash } from './post-content.ts';

let t: TestApp;
let stub: MastodonStub;
let ws: string;

beforeAll(async () => {
  t = await createTestApp();
  stub = await startMastodonStub({ latencyMs: 5 });
  ws = (await buildWorkspace(t.ctx.database)).workspace.id;
});
afterAll(async () => {
  await stub.close();
  await t.close();
});

/** Channel + n scheduled targets due now, straight into the database. */
async function scheduled(network: string, n: number, credentials: object, maxConcurrency = 50) {
  const now = t.clock.now();
  const [ch] = await t.ctx.database.db.insert(channels).values({ workspaceId: ws, network, name: network, status: 'connected', credentialsSealed: t.ctx.secrets.seal(JSON.stringify(credentials)), maxConcurrency }).returning();
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = { text: `Beitrag ${network} ${i} ${ch!.id}`, variants: {}, media: [], contentWarning: null, language: 'de' };
    const [p] = await t.ctx.database.db.insert(posts).values({ workspaceId: ws, ...c, contentHash: contentHash(c), scheduledAt: now }).returning();
    const [tg] = await t.ctx.database.db.insert(publishTargets).values({ workspaceId: ws, postId: p!.id, channelId: ch!.id, state: 'scheduled', scheduledAt: new Date(now.getTime() - 1000) }).returning();
    ids.push(tg!.id);
  }
  return { channelId: ch!.id, ids };
}

describe('scheduler', () => {
  it('publishes through the real Mastodon provider with a stored Idempotency-Key', async () => {
    const provider = createMastodonProvider({ allowPrivateNetwork: true }) as unknown as Provider;
    const deps: RunnerDeps = { database: t.ctx.database, secrets: t.ctx.secrets, clock: t.clock, providers: () => provider, leaseMs: 10_000, maxAttempts: 3 };
    const { ids } = await scheduled('mastodon', 1, { instanceUrl: stub.url, accessToken: 'tok', clientId: 'c', clientSecret: 's', scope: 'read', accountId: '1' });
    const r = await runPublishTarget(deps, ids[0]!);
    expect(r.kind).toBe('published');
    const [row] = await t.ctx.database.db.select().from(publishTargets).where(eq(publishTargets.id, ids[0]!));
    expect(row!.state).toBe('published');
    expect(stub.statuses.at(-1)!.key).toBe(row!.idempotencyKey);
    expect(row!.remoteUrl).toContain(stub.url);
  });

  it('exactly once after a crash during publishing: the reconciler re-sends with the same key', async () => {
    const provider = createMastodonProvider({ allowPrivateNetwork: true }) as unknown as Provider;
    const deps: RunnerDeps = { database: t.ctx.database, secrets: t.ctx.secrets, clock: t.clock, providers: () => provider, leaseMs: 10_000, maxAttempts: 3 };
    const { ids } = await scheduled('mastodon', 1, { instanceUrl: stub.url, accessToken: 'tok', clientId: 'c', clientSecret: 's', scope: 'read', accountId: '1' });
    // Simulate a worker that claimed, sent, and died before recording: the network has the status.
    const crashed: RunnerDeps = { ...deps, providers: () => ({ ...provider, publish: { ...provider.publish!, publish: async (ctx, req) => {
      await provider.publish!.publish(ctx, req);
      throw Object.assign(new Error('SIGKILL'), { name: 'Crash' });
    } } }) };
    const before = stub.statuses.length;
    await runPublishTarget(crashed, ids[0]!).catch(() => undefined);
    // Pretend the crashed worker never settled: put the claim back as it was at the crash.
    await t.ctx.database.db.update(publishTargets).set({ state: 'publishing', leaseUntil: new Date(t.clock.now().getTime() + 10_000) }).where(eq(publishTargets.id, ids[0]!));
    expect((await reconcile(deps)).taken).toBe(0); // lease still valid: nobody touches it
    t.clock.advance(11_000);
    const r = await reconcile(deps);
    expect(r).toMatchObject({ taken: 1, published: 1 });
    expect(stub.statuses.length).toBe(before + 1);
    expect(stub.duplicates).toBe(0);
  });

  it('past the idempotency window an unknown outcome becomes unconfirmed, never re-posted', async () => {
    const net = createFakeNetwork('mastodon', { kind: 'idempotency_key', windowMs: 3600_000 });
    const deps: RunnerDeps = { database: t.ctx.database, secrets: t.ctx.secrets, clock: t.clock, providers: () => net.provider, leaseMs: 10_000, maxAttempts: 3 };
    const { ids } = await scheduled('mastodon', 1, { x: 1 });
    net.loseNextAnswer = true;
    expect((await runPublishTarget(deps, ids[0]!)).kind).toBe('unknown_outcome');
    t.clock.advance(2 * 3600_000);
    expect(await reconcile(deps)).toMatchObject({ taken: 1, unconfirmed: 1 });
    expect(net.sent.length).toBe(1);
    const [row] = await t.ctx.database.db.select().from(publishTargets).where(eq(publishTargets.id, ids[0]!));
    expect(row!.state).toBe('unconfirmed');
    expect(row!.lastError).toMatch(/Check the account/);
  });

  it('a deterministic-key provider is asked instead of re-posting', async () => {
    const net = createFakeNetwork('bluesky');
    const deps: RunnerDeps = { database: t.ctx.database, secrets: t.ctx.secrets, clock: t.clock, providers: () => net.provider, leaseMs: 10_000, maxAttempts: 3 };
    const { ids } = await scheduled('bluesky', 1, { x: 1 });
    net.loseNextAnswer = true;
    await runPublishTarget(deps, ids[0]!);
    expect(await reconcile(deps)).toMatchObject({ taken: 1, published: 1 });
    expect(net.sent.length).toBe(1);
  });

  it('two concurrent workers on the same targets never double-publish and respect the channel limit', async () => {
    const net = createFakeNetwork('bluesky');
    let inflight = 0;
    let peak = 0;
    const slow = { ...net.provider, publish: { ...net.provider.publish!, publish: async (ctx: never, req: never) => {
      peak = Math.max(peak, ++inflight);
      await new Promise((r) => setTimeout(r, 5));
      try { return await net.provider.publish!.publish(ctx, req); } finally { inflight--; }
    } } };
    const mk = (): RunnerDeps => ({ database: t.ctx.database, secrets: t.ctx.secrets, clock: t.clock, providers: () => slow as never, leaseMs: 10_000, maxAttempts: 3 });
    const { ids } = await scheduled('bluesky', 20, { x: 1 }, 3);
    const a = mk();
    const b = mk();
    // Each "worker" runs every target, like two processes holding duplicate jobs; deferred ones retry.
    const drain = async (d: RunnerDeps) => {
      for (let round = 0; round < 200; round++) {
        const rs = await Promise.all(ids.map((id) => runPublishTarget(d, id)));
        if (rs.every((r) => r.kind === 'skipped')) return;
      }
    };
    await Promise.all([drain(a), drain(b)]);
    expect(net.sent.length).toBe(20);
    expect(new Set(net.sent.map((s) => s.targetId)).size).toBe(20);
    expect(peak).toBeLessThanOrEqual(3);
    const states = await t.ctx.database.db.select({ state: publishTargets.state }).from(publishTargets).where(inArray(publishTargets.id, ids));
    expect(states.every((s) => s.state === 'published')).toBe(true);
  });
});
