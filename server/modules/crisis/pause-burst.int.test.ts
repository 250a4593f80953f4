/**
 * The crisis pause under a burst: hundreds of due posts are being published through the real
 * Mastodon provider to a local Mastodon stub by the real publishing worker (graphile-worker) when the
 * duty editor declares a crisis. After the declaration's commit no status may reach the stub, and
 * every target is either published (sent before) or still scheduled (held back) — none lost.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../../providers/contract.ts';
import { createMastodonProvider } from '../../../providers/mastodon/mastodon.provider.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { startMastodonStub, type MastodonStub } from '../publishing/mastodon-stub.ts';
import { enqueuePublishJobs, queueInstalled } from '../publishing/publish-queue.ts';
import { startPublishing } from '../publishing/scheduler.ts';
import { channels, posts, publishTargets } from '../publishing/publishing.schema.ts';
import { crises } from './crisis.schema.ts';
import { buildCrisisTeam, preparedPlaybook, type CrisisTeam } from './crisis-fixtures.ts';

let t: TestApp;
let stub: MastodonStub;
let team: CrisisTeam;
let stop: () => Promise<void>;
const N = 240;

const until = async (what: string, check: () => Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what} not reached`);
};

beforeAll(async () => {
  t = await createTestApp();
  stub = await startMastodonStub({ latencyMs: 15 });
  team = await buildCrisisTeam(t.app, t.ctx.database);
});
afterAll(async () => {
  await stop?.();
  await stub.close();
  await t.close();
});

describe('crisis pause under a burst of due posts', () => {
  it('publishes nothing after the confirmation commits', async () => {
    const { playbookId } = await preparedPlaybook(team);
    const db = t.ctx.database.db;
    const creds = t.ctx.secrets.seal(JSON.stringify({ instanceUrl: stub.url, accessToken: 't', clientId: 'c', clientSecret: 's', scope: 'read', accountId: '1' }));
    const chans = await db.insert(channels).values([1, 2, 3].map((i) => ({ workspaceId: team.workspaceId, network: 'mastodon', name: `m${i}`, status: 'connected', credentialsSealed: creds, maxConcurrency: 6 }))).returning();
    const due = new Date(t.clock.now().getTime() - 1000);
    const ps = await db.insert(posts).values(Array.from({ length: N }, (_, i) => ({ workspaceId: team.workspaceId, text: `Burst ${i}`, contentHash: `h${i}`, scheduledAt: due }))).returning({ id: posts.id });
    const targets = await db.insert(publishTargets).values(ps.map((p, i) => ({ workspaceId: team.workspaceId, postId: p.id, channelId: chans[i % 3]!.id, state: 'scheduled', scheduledAt: due }))).returning({ id: publishTargets.id });

    const provider = createMastodonProvider({ allowPrivateNetwork: true, timeoutMs: 5000 }) as unknown as Provider;
    const quiet = { info() {}, warn() {}, error() {} };
    stop = startPublishing({ database: t.ctx.database, log: quiet, secrets: t.ctx.secrets, clock: t.clock, providers: () => provider, concurrency: 24, leaseMs: 10_000, pollIntervalMs: 100, sweepIntervalMs: 60_000 });
    await until('queue installed', () => queueInstalled(db));
    await db.transaction((tx) => enqueuePublishJobs(tx, targets.map((x) => ({ targetId: x.id, runAt: due })), t.clock.now()));
    await until('burst under way', async () => stub.statuses.length >= 20);

    const r = await team.as.cvd.post(`/api/v1/workspaces/${team.workspaceId}/crises`, { playbookId, severity: 3, reason: 'Übernahme des Kontos vermutet' });
    const committed = Date.now();
    expect(r.status).toBe(201);
    const sentAtConfirm = stub.statuses.length;
    // Give the worker time to try: its jobs keep arriving, claims and the last check refuse them.
    await new Promise((res) => setTimeout(res, 1500));

    const late = stub.statuses.filter((s) => s.at > committed);
    expect(late).toEqual([]);
    expect(stub.statuses.length).toBe(sentAtConfirm);
    expect(sentAtConfirm).toBeLessThan(N);
    expect(stub.duplicates).toBe(0);
    const states = await db.select({ state: publishTargets.state, n: sql<number>`count(*)::int` }).from(publishTargets)
      .where(inArray(publishTargets.id, targets.map((x) => x.id))).groupBy(publishTargets.state);
    const by = Object.fromEntries(states.map((s) => [s.state, s.n]));
    expect(by.published).toBe(sentAtConfirm);
    expect(by.scheduled).toBe(N - sentAtConfirm);
    expect(by.publishing ?? 0).toBe(0);
    const [c] = await db.select().from(crises).where(and(eq(crises.workspaceId, team.workspaceId), eq(crises.state, 'active')));
    expect(c!.inFlightAtConfirm).toBe(0);
    expect(c!.pauseEffectiveMs).not.toBeNull();
  });
});
