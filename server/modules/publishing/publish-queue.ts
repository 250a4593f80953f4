/**
 * Enqueueing publish jobs on graphile-worker from inside the caller's transaction: a target that is
 * scheduled and its job commit together. The job key (`publish:<targetId>`) de-duplicates: a
 * re-schedule moves the one job instead of adding a second. When the worker schema is not installed
 * yet (API-only process before any worker ran) nothing is enqueued — the sweeper picks the target up.
 * The payload carries the channel too: a worker that knows the channel is at its limit lets the job
 * wait for a slot without asking the database first.
 */
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { publishTargets } from './publishing.schema.ts';

export const PUBLISH_TASK = 'publish_target';
export const jobKeyFor = (targetId: string) => `publish:${targetId}`;

/**
 * A publishing worker names one of its database sessions after its queue pool (graphile-worker's
 * `locked_by`). A job locked by a pool without such a session belongs to a worker that died: the
 * sweeper re-enqueues it at once instead of waiting out graphile-worker's 4-hour lock.
 */
export const WORKER_SESSION_PREFIX = 'resonanz-publisher ';

export async function queueInstalled(tx: Tx): Promise<boolean> {
  const r = await tx.execute<{ ok: boolean }>(sql`SELECT to_regclass('graphile_worker._private_jobs') IS NOT NULL AS ok`);
  return r.rows[0]?.ok === true;
}

/** Adds (or moves) the publish job of each target to run at its time. Returns how many were enqueued. */
export async function enqueuePublishJobs(tx: Tx, jobs: { targetId: string; runAt: Date }[], now: Date): Promise<number> {
  if (jobs.length === 0 || !(await queueInstalled(tx))) return 0;
  // Lock the targets first, in id order, and add their jobs in that order too. The sweeper holds the
  // row locks of the targets it enqueues while it upserts their job keys; a second enqueuer that
  // upserted the same keys before locking the rows waited on the sweeper's rows while the sweeper
  // waited on its uncommitted keys — a deadlock (seen in the crisis burst test). One order for rows
  // and keys means one waits for the other instead.
  const sorted = [...jobs].sort((a, b) => (a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0));
  const ids = sorted.map((j) => j.targetId);
  await tx.select({ id: publishTargets.id }).from(publishTargets).where(inArray(publishTargets.id, ids)).orderBy(publishTargets.id).for('update');
  const specs = JSON.stringify(sorted.map((j) => ({ id: j.targetId, at: j.runAt.toISOString() })));
  await tx.execute(sql`
    SELECT graphile_worker.add_jobs(array_agg(ROW(
      ${PUBLISH_TASK}, json_strip_nulls(json_build_object('targetId', s.id, 'channelId', t.channel_id)), NULL, s.at::timestamptz, 5, 'publish:' || s.id, 0, NULL
    )::graphile_worker.job_spec ORDER BY s.id COLLATE "C"))
    FROM json_to_recordset(${specs}::json) AS s(id text, at text)
    LEFT JOIN publish_targets t ON t.id::text = s.id`);
  await tx.update(publishTargets).set({ enqueuedAt: now }).where(inArray(publishTargets.id, ids));
  return jobs.length;
}
