/**
 * The publishing worker as `resonanz start` / `resonanz worker` runs it: graphile-worker jobs,
 * the dispatcher's publish cycles, and the session that marks the jobs its pool holds as alive.
 */
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '../../../providers/contract.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { createFakeNetwork } from './fake-provider.ts';
import { contentHash } from './post-content.ts';
import type { DispatcherStats } from './publish-dispatcher.ts';
import { WORKER_SESSION_PREFIX } from './publish-queue.ts';
import { channels, posts, publishTargets } from './publishing.schema.ts';
import { startPublishing } from './scheduler.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

const quiet = { info() {}, warn() {}, error() {} };

describe('publishing worker', () => {
  it('drains due targets through the queue in batched cycles and names its session after its queue pool', async () => {
    const net = createFakeNetwork('bluesky');
    const ws = (await buildWorkspace(t.ctx.database)).workspace.id;
    const [ch] = await t.ctx.database.db.insert(channels).values({ workspaceId: ws, network: 'bluesky', name: 'b', status: 'connected', credentialsSealed: t.ctx.secrets.seal('{}'), maxConcurrency: 4 }).returning();
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const c = { text: `Worker ${i}`, variants: {}, media: [], contentWarning: null, language: 'de' };
      const [p] = await t.ctx.database.db.insert(posts).values({ workspaceId: ws, ...c, contentHash: contentHash(c), scheduledAt: t.clock.now() }).returning();
      const [tg] = await t.ctx.database.db.insert(publishTargets).values({ workspaceId: ws, postId: p!.id, channelId: ch!.id, state: 'scheduled', scheduledAt: new Date(t.clock.now().getTime() - 500) }).returning();
      ids.push(tg!.id);
    }
    let stats: DispatcherStats | null = null;
    // The sweeper enqueues them (no job yet); the worker publishes them.
    const stop = startPublishing({ database: t.ctx.database, log: quiet, secrets: t.ctx.secrets, clock: t.clock, providers: () => net.provider as Provider, concurrency: 16, pollIntervalMs: 100, sweepIntervalMs: 200, onStats: (s) => (stats = s) });
    try {
      for (let i = 0; i < 200 && net.sent.length < 40; i++) await new Promise((r) => setTimeout(r, 100));
      for (let i = 0; i < 50; i++) {
        const rows = await t.ctx.database.db.select({ state: publishTargets.state }).from(publishTargets).where(inArray(publishTargets.id, ids));
        if (rows.every((r) => r.state === 'published')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      const rows = await t.ctx.database.db.select({ state: publishTargets.state }).from(publishTargets).where(inArray(publishTargets.id, ids));
      expect(rows.every((r) => r.state === 'published')).toBe(true);
      expect(new Set(net.sent.map((s) => s.targetId)).size).toBe(40);
      expect(net.sent).toHaveLength(40);
      const sessions = await t.ctx.database.pool.query(`SELECT application_name FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $1)`, [WORKER_SESSION_PREFIX]);
      expect(sessions.rows).toHaveLength(1);
      // Jobs are completed in batches (completeJobBatchDelay): their rows go shortly after the publish.
      const jobsLeft = async () => (await t.ctx.database.pool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key LIKE 'publish:%'`)).rows[0].n;
      await expect.poll(jobsLeft, { timeout: 10_000 }).toBe(0);
      await new Promise((r) => setTimeout(r, 600));
      expect(stats!.settled).toBe(40);
      expect(stats!.cycles).toBeLessThan(80); // fewer transactions than the two per target of old
    } finally {
      await stop();
    }
    // A closed connection's backend leaves pg_stat_activity a moment after the client hung up.
    const workerSessions = async () => (await t.ctx.database.pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND starts_with(application_name, $1)`, [WORKER_SESSION_PREFIX])).rows[0].n;
    await expect.poll(workerSessions, { timeout: 5_000 }).toBe(0);
  });
});
