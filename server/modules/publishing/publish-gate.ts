/**
 * The last check before a network call: is publishing paused (workspace or channel), or is the
 * channel rate-limited since the target was claimed? The claim transaction already checks both;
 * this gate closes the gap between a claim and its call (a batch being sent, media being read), so
 * a pause stops every call that starts later than `maxAgeMs` after the pause was committed — even
 * in the middle of a burst. One small query refreshes the snapshot for all targets at once.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';

export interface GateVerdict {
  paused: boolean;
  /** The channel must not be called before this time. */
  blockedUntil: Date | null;
}

export interface PauseGate {
  check(workspaceId: string, channelId: string): Promise<GateVerdict>;
}

interface Snapshot {
  /** Monotonic time the snapshot was read at (its age is real time, not the domain clock). */
  readAt: number;
  pausedWorkspaces: Set<string>;
  channels: Map<string, { paused: boolean; blockedUntil: Date | null }>;
}

/**
 * A gate that re-reads the switches when its snapshot is older than `maxAgeMs` (single-flight: one
 * query however many calls wait). `maxAgeMs: 0` reads fresh for every call.
 */
export function createPauseGate(database: Database, clock: Clock, maxAgeMs = 200): PauseGate {
  let snap: Snapshot | null = null;
  let loading: Promise<Snapshot> | null = null;
  const load = async (): Promise<Snapshot> => {
    const readAt = performance.now();
    const r = await database.db.execute<{ kind: 'w' | 'c'; id: string; paused: boolean; blocked_until: string | Date | null }>(sql`
      SELECT 'w' AS kind, workspace_id AS id, true AS paused, NULL::timestamptz AS blocked_until FROM publishing_settings WHERE paused
      UNION ALL
      SELECT 'c', id, paused, blocked_until FROM channels WHERE paused OR blocked_until > ${clock.now()}`);
    const next: Snapshot = { readAt, pausedWorkspaces: new Set(), channels: new Map() };
    for (const row of r.rows) {
      if (row.kind === 'w') next.pausedWorkspaces.add(row.id);
      else next.channels.set(row.id, { paused: row.paused, blockedUntil: row.blocked_until ? new Date(row.blocked_until) : null });
    }
    return next;
  };
  const current = async (): Promise<Snapshot> => {
    const startedAt = performance.now();
    if (snap && startedAt - snap.readAt <= maxAgeMs) return snap;
    // A load that began before this call cannot have seen a pause committed just now: wait for it only if young enough.
    while (loading) {
      const s = await loading;
      if (s.readAt >= startedAt - maxAgeMs) return s;
    }
    loading = load().finally(() => (loading = null));
    snap = await loading;
    return snap;
  };
  return {
    async check(workspaceId, channelId) {
      const s = await current();
      const ch = s.channels.get(channelId);
      const blockedUntil = ch?.blockedUntil && ch.blockedUntil.getTime() > clock.now().getTime() ? ch.blockedUntil : null;
      return { paused: s.pausedWorkspaces.has(workspaceId) || (ch?.paused ?? false), blockedUntil };
    },
  };
}
