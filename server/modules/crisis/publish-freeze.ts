/**
 * The pause that crisis mode switches on, made effective before the crisis confirmation commits.
 *
 * The publish worker claims targets in a transaction that locks their channel rows and reads both
 * pause switches; it calls the network only after that commits, and checks the switches once more
 * right before each call (the pause gate). The crisis confirmation therefore runs in three steps:
 *   1. {@link switchPauseOn}, a short transaction: lock the channels in scope (FOR NO KEY UPDATE —
 *      it waits for a claim in progress to commit, and every later claim waits for it and then sees
 *      the pause), switch the pause on through the publishing pause service, commit;
 *   2. {@link waitForInFlight}, no locks held: wait until no target in scope is `publishing` with a
 *      live lease — the sends claimed before step 1 settle (sent, or released by the gate);
 *   3. the confirmation transaction (crisis.service.ts).
 * So when the confirmation commits, whatever was sent was sent before, and nothing more goes out.
 * No lock is held while waiting: the worker's settle cycles lock the same channel rows.
 * The wait is bounded; a send that does not settle in time (a hung network) is reported in flight.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Database, Tx } from '../../db/client.ts';
import type { Actor } from '../audit/audit.service.ts';
import { setChannelPaused, setWorkspacePaused } from '../publishing/pause.service.ts';
import { channels, publishingSettings, publishTargets } from '../publishing/publishing.schema.ts';

export interface PreviousPublishing {
  workspacePaused: boolean;
  channels: { id: string; paused: boolean }[];
}

export interface FreezeOptions {
  drainTimeoutMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inFlight(tx: Tx, workspaceId: string, channelIds: string[] | null, now: Date): Promise<number> {
  const [r] = await tx.select({ n: sql<number>`count(*)::int` }).from(publishTargets).where(and(
    eq(publishTargets.workspaceId, workspaceId), eq(publishTargets.state, 'publishing'), gt(publishTargets.leaseUntil, now),
    channelIds ? inArray(publishTargets.channelId, channelIds.length ? channelIds : ['00000000-0000-0000-0000-000000000000']) : undefined,
  ));
  return r?.n ?? 0;
}

/** Step 1: lock the channels in scope, remember the switches as they were, switch the pause on. `channelIds` null: the whole workspace. */
export async function switchPauseOn(tx: Tx, actor: Actor, workspaceId: string, channelIds: string[] | null, now: Date): Promise<PreviousPublishing> {
  const locked = await tx.select({ id: channels.id, paused: channels.paused }).from(channels)
    .where(and(eq(channels.workspaceId, workspaceId), channelIds ? inArray(channels.id, channelIds.length ? channelIds : ['00000000-0000-0000-0000-000000000000']) : undefined))
    .orderBy(channels.id).for('no key update');
  const [settings] = await tx.select({ paused: publishingSettings.paused }).from(publishingSettings).where(eq(publishingSettings.workspaceId, workspaceId)).for('update');
  if (channelIds === null) await setWorkspacePaused(tx, actor, workspaceId, true, now);
  else for (const c of locked) await setChannelPaused(tx, actor, workspaceId, c.id, true, now);
  return { workspacePaused: settings?.paused ?? false, channels: locked };
}

/** Step 2: waits (without locks) until the sends claimed before the pause have settled. */
export async function waitForInFlight(database: Database, workspaceId: string, channelIds: string[] | null, now: Date, opts: FreezeOptions = {}): Promise<{ inFlight: number; waitedMs: number }> {
  // Wall time, not the domain clock: this bounds a real wait for other processes.
  const started = performance.now();
  const timeout = opts.drainTimeoutMs ?? 5000;
  let left = await inFlight(database.db, workspaceId, channelIds, now);
  while (left > 0 && performance.now() - started < timeout) {
    await sleep(opts.pollMs ?? 5);
    left = await inFlight(database.db, workspaceId, channelIds, now);
  }
  return { inFlight: left, waitedMs: Math.round(performance.now() - started) };
}

/**
 * Restores the switches as they were before the crisis: only what the crisis turned on is turned
 * off. Targets that came due meanwhile are held for a decision by the pause service (never sent
 * automatically); returns how many.
 */
export async function restorePublishing(tx: Tx, actor: Actor, workspaceId: string, scope: 'workspace' | 'channels', previous: PreviousPublishing, now: Date): Promise<number> {
  let held = 0;
  if (scope === 'workspace') {
    if (!previous.workspacePaused) held += await setWorkspacePaused(tx, actor, workspaceId, false, now);
    return held;
  }
  const ids = previous.channels.filter((c) => !c.paused).map((c) => c.id);
  const still = ids.length ? await tx.select({ id: channels.id }).from(channels).where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, ids))) : [];
  for (const c of still) held += await setChannelPaused(tx, actor, workspaceId, c.id, false, now);
  return held;
}
