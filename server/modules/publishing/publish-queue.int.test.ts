/**
 * Two enqueuers on the same targets: the sweeper locks target rows and then upserts their job keys;
 * an enqueuer that upserted the keys before locking the rows deadlocked with it (40P01, seen in the
 * crisis burst test). Here the interleaving is forced: the sweeper-like transaction holds the row
 * locks while a second transaction enqueues the same targets, and only then upserts the keys.
 */
import { sql } from 'drizzle-orm';
import { runMigrations as installQueue } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { enqueuePublishJobs } from './publish-queue.ts';
import { channels, posts, publishTargets } from './publishing.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await installQueue({ pgPool: t.ctx.database.pool });
});
afterAll(async () => t.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('enqueuePublishJobs', () => {
  it('waits for a sweeper holding the rows instead of deadlocking with it', async () => {
    const db = t.ctx.database.db;
    const ws = (await buildWorkspace(t.ctx.database)).workspace.id;
    const [ch] = await db.insert(channels).values({ workspaceId: ws, network: 'mastodon', name: 'q', status: 'connected' }).returning();
    const due = new Date(t.clock.now().getTime() + 60_000);
    const ps = await db.insert(posts).values(Array.from({ length: 40 }, (_, i) => ({ workspaceId: ws, text: `Q ${i}`, contentHash: `q${i}`, scheduledAt: due }))).returning({ id: posts.id });
    const targets = await db.insert(publishTargets).values(ps.map((p) => ({ workspaceId: ws, postId: p.id, channelId: ch!.id, state: 'scheduled', scheduledAt: due }))).returning({ id: publishTargets.id });
    const ids = targets.map((x) => x.id);
    // The sweeper's order (scheduled_at, here: reversed ids) differs from the enqueuer's.
    const jobs = [...ids].reverse().map((targetId) => ({ targetId, runAt: due }));

    let sweeperLocked!: () => void;
    const locked = new Promise<void>((r) => (sweeperLocked = r));
    const sweeper = db.transaction(async (tx) => {
      await tx.execute(sql`SELECT id FROM publish_targets WHERE id IN (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)}) FOR UPDATE`);
      sweeperLocked();
      await sleep(400); // the other enqueuer starts meanwhile
      return enqueuePublishJobs(tx, jobs, t.clock.now());
    });
    await locked;
    const other = db.transaction((tx) => enqueuePublishJobs(tx, ids.map((targetId) => ({ targetId, runAt: due })), t.clock.now()));

    const results = await Promise.allSettled([sweeper, other]);
    expect(results.map((r) => (r.status === 'rejected' ? String((r.reason as { cause?: { code?: string } }).cause?.code ?? r.reason) : r.value))).toEqual([40, 40]);
    // One job per target (the job key de-duplicates), every target marked as enqueued.
    const keys = await t.ctx.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = ANY($1)`, [ids.map((id) => `publish:${id}`)]);
    expect(keys.rows[0]!.n).toBe(40);
    const notEnqueued = await db.select({ id: publishTargets.id }).from(publishTargets).where(sql`${publishTargets.id} = ANY(${`{${ids.join(',')}}`}::uuid[]) AND ${publishTargets.enqueuedAt} IS NULL`);
    expect(notEnqueued).toEqual([]);
  });
});
