/**
 * The only place that changes a target's state: checks the transition table, updates with an
 * optimistic guard on the previous state (a concurrent change makes the update match nothing) and
 * writes the audit row in the same transaction. `moveTargets` does the same for a batch.
 */
import { and, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { recordAudit, recordAuditBatch, type Actor, type AuditEvent } from '../audit/audit.service.ts';
import { assertTransition, type TargetState } from './publish-state.ts';
import { publishTargets } from './publishing.schema.ts';

export type TargetRow = typeof publishTargets.$inferSelect;

/** The audit row of one transition (shared by the single and the batch path). */
function transitionEvent(target: TargetRow, to: TargetState, row: Pick<TargetRow, 'remoteUrl'>, note?: string): AuditEvent {
  return {
    workspaceId: target.workspaceId,
    action: `publish_target.${to}`,
    objectType: 'publish_target',
    objectId: target.id,
    before: { state: target.state },
    after: { state: to, ...(note ? { note } : {}), ...(row.remoteUrl && to === 'published' ? { remoteUrl: row.remoteUrl } : {}) },
  };
}

export type TargetPatch = Partial<Omit<TargetRow, 'id' | 'workspaceId' | 'postId' | 'channelId' | 'state'>>;

/** Moves `target` to `to`; returns the updated row, or null when someone else changed it first. */
export async function moveTarget(tx: Tx, actor: Actor, target: TargetRow, to: TargetState, patch: TargetPatch, now: Date, note?: string, guard?: SQL): Promise<TargetRow | null> {
  const from = target.state as TargetState;
  assertTransition(from, to);
  const [row] = await tx
    .update(publishTargets)
    .set({ ...patch, state: to, updatedAt: now })
    .where(and(eq(publishTargets.id, target.id), eq(publishTargets.state, from), guard))
    .returning();
  if (!row) return null;
  await recordAudit(tx, actor, transitionEvent(target, to, row, note), now);
  return row;
}

export interface TargetMove {
  target: TargetRow;
  to: TargetState;
  patch: TargetPatch;
  note?: string;
  /** Only move while the target still carries this claim token (a settle of the claim's owner). */
  claimToken?: string;
}

/** Rows per UPDATE statement (the values travel as one JSON parameter). */
const MOVE_CHUNK = 2000;

const targetColumns = getTableColumns(publishTargets);
type PatchKey = keyof TargetPatch;
const columnEntries = Object.entries(targetColumns);

/** A raw `publish_targets` row (column names, driver values) as drizzle would return it. */
function fromDriver(raw: Record<string, unknown>): TargetRow {
  const row: Record<string, unknown> = {};
  for (const [key, col] of columnEntries) {
    const v = raw[col.name];
    row[key] = v === null || v === undefined ? null : col.mapFromDriverValue(v);
  }
  return row as TargetRow;
}

/**
 * The set-based `moveTarget`: the same transition check, optimistic guard and audit row per target,
 * but one UPDATE per patch shape and one audit append for the whole batch. Returns, in input order,
 * the updated row or null where someone else changed the target first.
 */
export async function moveTargets(tx: Tx, actor: Actor, moves: readonly TargetMove[], now: Date): Promise<(TargetRow | null)[]> {
  const rows = await applyMoves(tx, moves, now);
  await auditMoves(tx, actor, moves, rows, now);
  return rows;
}

/** What `applyMoves` returns per move when the caller needs no full row (settles). */
export type MovedBrief = Pick<TargetRow, 'id' | 'remoteUrl'>;

/**
 * The UPDATE half of `moveTargets` (a publish cycle applies several groups, then audits once).
 * `brief`: return only id and remote URL — a settle needs no more, and mapping full rows back
 * showed in profiles.
 */
export async function applyMoves(tx: Tx, moves: readonly TargetMove[], now: Date): Promise<(TargetRow | null)[]>;
export async function applyMoves(tx: Tx, moves: readonly TargetMove[], now: Date, brief: true): Promise<(MovedBrief | null)[]>;
export async function applyMoves(tx: Tx, moves: readonly TargetMove[], now: Date, brief = false): Promise<(TargetRow | MovedBrief | null)[]> {
  if (moves.length === 0) return [];
  for (const m of moves) assertTransition(m.target.state as TargetState, m.to);
  // Moves with the same patched columns share one statement (a claim batch is a single shape).
  const shapes = new Map<string, { keys: PatchKey[]; items: TargetMove[] }>();
  for (const m of moves) {
    const keys = (Object.keys(m.patch) as PatchKey[]).filter((k) => k !== 'updatedAt' && m.patch[k] !== undefined).sort();
    const id = keys.join(',');
    const shape = shapes.get(id) ?? shapes.set(id, { keys, items: [] }).get(id)!;
    shape.items.push(m);
  }
  const moved = new Map<string, TargetRow | MovedBrief>();
  for (const { keys, items } of shapes.values()) {
    const cols = keys.map((k) => targetColumns[k]);
    for (let i = 0; i < items.length; i += MOVE_CHUNK) {
      const spec = JSON.stringify(items.slice(i, i + MOVE_CHUNK).map((m) => {
        const row: Record<string, unknown> = { id: m.target.id, from_state: m.target.state, to_state: m.to, guard_token: m.claimToken ?? null };
        keys.forEach((k, j) => (row[cols[j]!.name] = m.patch[k] ?? null));
        return row;
      }));
      const sets = cols.map((c) => sql`${sql.identifier(c.name)} = v.${sql.identifier(c.name)}`);
      const defs = sql.raw(['id uuid', 'from_state text', 'to_state text', 'guard_token uuid', ...cols.map((c) => `"${c.name}" ${c.getSQLType()}`)].join(', '));
      const r = await tx.execute<Record<string, unknown>>(sql`
        UPDATE publish_targets AS t SET ${sql.join([sql`state = v.to_state`, sql`updated_at = ${now}`, ...sets], sql`, `)}
        FROM json_to_recordset(${spec}::json) AS v(${defs})
        WHERE t.id = v.id AND t.state = v.from_state AND (v.guard_token IS NULL OR t.claim_token = v.guard_token)
        RETURNING ${brief ? sql`t.id, t.remote_url` : sql`t.*`}`);
      for (const raw of r.rows) {
        const row = brief ? { id: raw.id as string, remoteUrl: (raw.remote_url as string | null) ?? null } : fromDriver(raw);
        moved.set(row.id, row);
      }
    }
  }
  return moves.map((m) => moved.get(m.target.id) ?? null);
}

/** The audit half: one row per move that happened (`rows[i]` not null), appended in one batch. */
export async function auditMoves(tx: Tx, actor: Actor, moves: readonly TargetMove[], rows: readonly (Pick<TargetRow, 'remoteUrl'> | null)[], now: Date): Promise<void> {
  await recordAuditBatch(tx, moves.flatMap((m, i) => {
    const row = rows[i];
    return row ? [{ actor, event: transitionEvent(m.target, m.to, row, m.note) }] : [];
  }), now);
}
