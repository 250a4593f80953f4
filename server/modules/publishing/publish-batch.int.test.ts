/**
 * The batched publish path against real PostgreSQL: publish cycles (settle + claim in one
 * transaction), the worker's dispatcher, the pause gate before each call, rate limits within a
 * batch, batched takeover by the reconciler, and the sweeper's view of live queue jobs.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { runMigrations as installQueue } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../providers/errors.ts';
import type { Provider, PublishRequest } from '../../../providers/contract.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { verifyAuditChain } from '../audit/audit-verify.ts';
import { createFakeNetwork } from './fake-provider.ts';
import { listOverdue, setWorkspacePaused } from './pause.service.ts';
import { contentHash } from './post-content.ts';
import { claimTargets, runCycle, settleMany } from './publish-cycle.ts';
import { createDispatcher } from './publish-dispatcher.ts';
import { createPauseGate, type PauseGate } from './publish-gate.ts';
import { enqueuePublishJobs, WORKER_SESSION_PREFIX } from './publish-queue.ts';
import type { RunnerDeps } from './publish-types.ts';
import { channels, posts, publishTargets } from './publishing.schema.ts';
import { reconcile, sweep } from './reconciler.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

/** A fresh workspace with channels of the given limits and n scheduled targets on each, due now. */
async function setup(limits: number[], perChannel: number) {
  const ws = (await buildWorkspace(t.ctx.database)).workspace.id;
  const now = t.clock.now();
  const chans = [];
  const ids: string[] = [];
  for (const [k, maxConcurrency] of limits.entries()) {
    const [ch] = await t.ctx.database.db.insert(channels).values({ workspaceId: ws, network: 'bluesky', name: `c${k}`, status: 'connected', credentialsSealed: t.ctx.secrets.seal('{}'), maxConcurrency }).returning();
    chans.push(ch!);
    for (let i = 0; i < perChannel; i++) {
      const c = { text: `Beitrag ${k}/${i} ${ch!.id}`, variants: {}, media: [], contentWarning: null, language: 'de' };
      const [p] = await t.ctx.database.db.insert(posts).values({ workspaceId: ws, ...c, contentHash: contentHash(c), scheduledAt: now }).returning();
      const [tg] = await t.ctx.database.db.insert(publishTargets).values({ workspaceId: ws, postId: p!.id, channelId: ch!.id, state: 'scheduled', scheduledAt: new Date(now.getTime() - 1000 + i) }).returning();
      ids.push(tg!.id);
    }
  }
  return { ws, chans, ids };
}

const depsFor = (provider: Provider, over: Partial<RunnerDeps> = {}): RunnerDeps => ({ database: t.ctx.database, secrets: t.ctx.secrets, clock: t.clock, providers: () => provider, leaseMs: 30_000, maxAttempts: 3, ...over });
const statesOf = async (ids: string[]) => (await t.ctx.database.db.select().from(publishTargets).where(inArray(publishTargets.id, ids)));
const auditFor = async (ids: string[]) => (await t.ctx.database.pool.query<{ object_id: string; action: string; after: { note?: string } }>(`SELECT object_id, action, after FROM audit_log WHERE object_type = 'publish_target' AND object_id = ANY($1) ORDER BY id`, [ids])).rows;

/** A fake network whose calls take `ms` and which records the most calls in flight per channel. */
function slowNetwork(ms: number) {
  const net = createFakeNetwork('bluesky');
  const inflight = new Map<string, number>();
  const peak = new Map<string, number>();
  const provider: Provider = { ...net.provider, publish: { ...net.provider.publish!, publish: async (ctx, req: PublishRequest) => {
    const ch = (await t.ctx.database.db.select({ c: publishTargets.channelId }).from(publishTargets).where(eq(publishTargets.id, req.targetId)))[0]!.c;
    inflight.set(ch, (inflight.get(ch) ?? 0) + 1);
    peak.set(ch, Math.max(peak.get(ch) ?? 0, inflight.get(ch)!));
    await new Promise((r) => setTimeout(r, ms));
    try { return await net.provider.publish!.publish(ctx, req); } finally { inflight.set(ch, inflight.get(ch)! - 1); }
  } } };
  return { net, provider, peak };
}

describe('publish cycle', () => {
  it('settles a finished call and claims into the slot it freed, in one transaction, one audit row per transition', async () => {
    const net = createFakeNetwork('bluesky');
    const deps = depsFor(net.provider);
    const { ids: [a, b] } = await setup([1], 2);
    const first = await claimTargets(deps, [a!, b!]);
    const ca = first.get(a!)!;
    expect(ca.kind).toBe('claimed');
    expect(first.get(b!)).toMatchObject({ kind: 'busy' });
    if (ca.kind !== 'claimed') return;

    const out = await runCycle(deps, { settles: [{ claim: ca.claim, result: { ok: true, remoteId: 'r1', remoteUrl: 'https://fake.example/r1', publishedAt: t.clock.now() } }], claimIds: [b!] });
    expect(out.settled).toEqual([{ kind: 'published', remoteId: 'r1' }]);
    expect(out.claimed.get(b!)?.kind).toBe('claimed');
    const rows = await statesOf([a!, b!]);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.state]))).toEqual({ [a!]: 'published', [b!]: 'publishing' });
    const audit = await auditFor([a!, b!]);
    expect(audit.map((r) => `${r.object_id === a ? 'a' : 'b'} ${r.action}`)).toEqual(['a publish_target.publishing', 'a publish_target.published', 'b publish_target.publishing']);
    expect(await verifyAuditChain(t.ctx.database.db)).toMatchObject({ ok: true });
  });

  it('an outcome for a claim that was taken over in the meantime changes nothing and writes no audit row', async () => {
    const net = createFakeNetwork('bluesky');
    const deps = depsFor(net.provider);
    const { ids: [a] } = await setup([2], 1);
    const c = (await claimTargets(deps, [a!])).get(a!)!;
    if (c.kind !== 'claimed') throw new Error('not claimed');
    await t.ctx.database.db.update(publishTargets).set({ claimToken: crypto.randomUUID() }).where(eq(publishTargets.id, a!));
    await settleMany(deps, [{ claim: c.claim, result: { ok: true, remoteId: 'late', publishedAt: t.clock.now() } }]);
    expect((await statesOf([a!]))[0]).toMatchObject({ state: 'publishing', remoteId: null });
    expect((await auditFor([a!])).map((r) => r.action)).toEqual(['publish_target.publishing']);
  });
});

describe('dispatcher', () => {
  it('drains many targets over several channels in few cycles, within each channel limit, each sent once', async () => {
    const { net, provider, peak } = slowNetwork(30);
    const deps = { ...depsFor(provider), gate: createPauseGate(t.ctx.database, t.clock, 50) };
    const { chans, ids } = await setup([2, 3, 1], 20);
    const d = createDispatcher(deps, { busyPollMs: 200 });
    // Like the queue: every job asks at once.
    const outcomes = await Promise.all(ids.map((id) => d.run(id)));
    expect(outcomes.every((o) => o.kind === 'published')).toBe(true);
    expect(net.sent).toHaveLength(60);
    expect(new Set(net.sent.map((s) => s.targetId)).size).toBe(60);
    // Never above a channel's limit; calls did run side by side (how many at a peak depends on timing).
    chans.forEach((c, i) => expect(peak.get(c.id)).toBeLessThanOrEqual([2, 3, 1][i]!));
    expect(chans.reduce((n, c) => n + peak.get(c.id)!, 0)).toBeGreaterThan(3);
    // Batching is real: fewer transactions than targets, where one per claim and one per settle made
    // 120 (the channel with limit 1 alone needs ≈ 20 cycles in a row; the rest depends on timing).
    expect(d.stats().cycles).toBeLessThan(60);
    expect((await statesOf(ids)).every((r) => r.state === 'published' && r.claimToken === null)).toBe(true);
    expect(await verifyAuditChain(t.ctx.database.db)).toMatchObject({ ok: true });
  });

  it('two workers on the same targets never double-publish and share the channel limit', async () => {
    const { net, provider, peak } = slowNetwork(10);
    const { chans, ids } = await setup([2, 2], 15);
    const mk = () => createDispatcher({ ...depsFor(provider), gate: createPauseGate(t.ctx.database, t.clock, 50) }, { busyPollMs: 50 });
    const [a, b] = [mk(), mk()];
    // Both hold a job for every target (a re-enqueue after a lost job, say); deferred ones try again.
    const drain = async (d: ReturnType<typeof mk>) => {
      for (let round = 0; round < 50; round++) {
        const rs = await Promise.all(ids.map((id) => d.run(id)));
        if (rs.every((r) => r.kind !== 'defer')) return;
      }
    };
    await Promise.all([drain(a), drain(b)]);
    expect(net.sent).toHaveLength(30);
    expect(new Set(net.sent.map((s) => s.targetId)).size).toBe(30);
    for (const c of chans) expect(peak.get(c.id)).toBeLessThanOrEqual(2);
  });

  it('a pause committed after the claim stops the call: the target goes back unsent and is held on resume', async () => {
    const net = createFakeNetwork('bluesky');
    const { ws, ids: [a] } = await setup([2], 1);
    const real = createPauseGate(t.ctx.database, t.clock, 0);
    // The pause lands between the claim's commit and the network call.
    const gate: PauseGate = { check: async (w, c) => {
      await t.ctx.database.db.transaction((tx) => setWorkspacePaused(tx, SYSTEM_ACTOR, ws, true, t.clock.now()));
      return real.check(w, c);
    } };
    const d = createDispatcher({ ...depsFor(net.provider), gate });
    expect(await d.run(a!)).toMatchObject({ kind: 'skipped', reason: 'publishing paused' });
    expect(net.sent).toHaveLength(0);
    expect((await statesOf([a!]))[0]).toMatchObject({ state: 'scheduled', attempts: 0, firstSentAt: null, claimToken: null });
    expect((await auditFor([a!])).map((r) => r.after.note ?? r.action)).toEqual(['publish_target.publishing', 'released: publishing paused']);
    await t.ctx.database.db.transaction((tx) => setWorkspacePaused(tx, SYSTEM_ACTOR, ws, false, t.clock.now()));
    expect((await t.ctx.database.db.transaction((tx) => listOverdue(tx, ws))).map((o) => o.targetId)).toEqual([a]);
  });

  it('the gate sees a pause within its staleness bound, for every workspace at once', async () => {
    const { ws, chans } = await setup([1], 0);
    const gate = createPauseGate(t.ctx.database, t.clock, 30);
    expect(await gate.check(ws, chans[0]!.id)).toEqual({ paused: false, blockedUntil: null });
    await t.ctx.database.db.transaction((tx) => setWorkspacePaused(tx, SYSTEM_ACTOR, ws, true, t.clock.now()));
    await new Promise((r) => setTimeout(r, 40));
    expect((await gate.check(ws, chans[0]!.id)).paused).toBe(true);
    const until = new Date(t.clock.now().getTime() + 60_000);
    await t.ctx.database.db.update(channels).set({ blockedUntil: until, paused: false }).where(eq(channels.id, chans[0]!.id));
    await new Promise((r) => setTimeout(r, 40));
    expect(await gate.check('00000000-0000-0000-0000-000000000000', chans[0]!.id)).toEqual({ paused: false, blockedUntil: until });
  });

  it('a rate-limit answer blocks the channel for the rest of the batch until the reset', async () => {
    const net = createFakeNetwork('bluesky');
    const resetAt = new Date(t.clock.now().getTime() + 3600_000);
    net.failNext.push(new ProviderError({ kind: 'rate_limited', network: 'bluesky', message: 'Rate limit exceeded', retryAfterMs: 3600_000, resetAt }));
    const { chans, ids } = await setup([1], 3);
    const d = createDispatcher({ ...depsFor(net.provider), gate: createPauseGate(t.ctx.database, t.clock, 0) });
    const outcomes = await Promise.all(ids.map((id) => d.run(id)));
    expect(net.sent).toHaveLength(0);
    expect(outcomes.filter((o) => o.kind === 'retry')).toHaveLength(1);
    expect(outcomes.filter((o) => o.kind === 'defer').map((o) => o.kind === 'defer' && o.runAt)).toEqual([resetAt, resetAt]);
    expect((await t.ctx.database.db.select().from(channels).where(eq(channels.id, chans[0]!.id)))[0]!.blockedUntil).toEqual(resetAt);
    expect((await statesOf(ids)).every((r) => r.state === 'scheduled')).toBe(true);
  });
});

describe('reconciler and sweeper', () => {
  it('takes over every expired lease in one batch, but leaves a paused channel alone', async () => {
    const net = createFakeNetwork('bluesky');
    const deps = depsFor(net.provider, { leaseMs: 1000 });
    const { ids } = await setup([5], 3);
    const { chans: [pausedCh], ids: [parked] } = await setup([5], 1);
    const claimed = await claimTargets(deps, [...ids, parked!]);
    expect([...claimed.values()].every((o) => o.kind === 'claimed')).toBe(true);
    await t.ctx.database.db.update(channels).set({ paused: true }).where(eq(channels.id, pausedCh!.id));
    t.clock.advance(2000);
    expect(await reconcile(deps)).toEqual({ taken: 3, published: 3, unconfirmed: 0 });
    expect(net.sent.map((s) => s.targetId).sort()).toEqual([...ids].sort());
    expect((await statesOf([parked!]))[0]!.state).toBe('publishing');
  });

  it('re-enqueues a due target only when its job is gone with its worker, not while it is queued or held by a live one', async () => {
    t.ctx.database.pool.on('connect', (c) => c.on('error', () => undefined));
    await installQueue({ pgPool: t.ctx.database.pool });
    const net = createFakeNetwork('bluesky');
    const deps = depsFor(net.provider);
    const { ids: [a] } = await setup([1], 1);
    await t.ctx.database.db.transaction((tx) => enqueuePublishJobs(tx, [{ targetId: a!, runAt: t.clock.now() }], t.clock.now()));
    const jobs = async () => (await t.ctx.database.db.execute<{ payload: object; key: string | null }>(sql`SELECT payload, key FROM graphile_worker._private_jobs WHERE payload->>'targetId' = ${a!}`)).rows;
    expect(await jobs()).toEqual([{ key: `publish:${a}`, payload: { targetId: a, channelId: expect.any(String) } }]);
    t.clock.advance(60_000);
    const lockBy = (pool: string) => t.ctx.database.pool.query(`UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = $2 WHERE key = $1`, [`publish:${a}`, pool]);
    // Queued: waiting its turn.
    await sweep(deps, { lookaheadMs: 60_000, staleMs: 30_000 });
    expect(await jobs()).toHaveLength(1);
    // Held by a worker whose session is alive.
    const session = await t.ctx.database.pool.connect();
    await session.query(`SELECT set_config('application_name', $1, false)`, [`${WORKER_SESSION_PREFIX}pool-alive`]);
    await lockBy('pool-alive');
    await sweep(deps, { lookaheadMs: 60_000, staleMs: 30_000 });
    expect(await jobs()).toHaveLength(1);
    // Its worker is gone (killed): a new job at once, not after graphile-worker's 4-hour lock.
    await lockBy('pool-killed');
    await sweep(deps, { lookaheadMs: 60_000, staleMs: 30_000 });
    expect((await jobs()).map((j) => j.key).sort()).toEqual([null, `publish:${a}`]);
    session.release();
  });
});
