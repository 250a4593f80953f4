/**
 * Writes audit rows in the caller's transaction, so a change and its audit row commit or roll
 * back together. A transaction-scoped advisory lock serialises appends: the chain order is the id
 * order and no two rows share a predecessor. Batch writers (the publisher) append many rows under
 * one lock acquisition.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import diff from 'microdiff';
import type { Tx } from '../../db/client.ts';
import { auditLog } from './audit.schema.ts';
import { chainHash, GENESIS_HASH } from './audit-hash.ts';

const AUDIT_LOCK = 724352;

/** Who acted, from the request (or a system job). */
export interface Actor {
  userId: string | null;
  tokenId?: string | null;
  requestId?: string | null;
  ip?: string | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, requestId: null, ip: null };

export interface AuditEvent {
  workspaceId: string | null;
  action: string;
  objectType: string;
  objectId?: string | null;
  before?: unknown;
  after?: unknown;
}

const SECRET_KEYS = /password|secret|token|hash|sealed/i;

/** Secrets never enter the audit trail, not even hashed. */
function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

export async function recordAudit(tx: Tx, actor: Actor, event: AuditEvent, now: Date = new Date()): Promise<void> {
  await recordAuditBatch(tx, [{ actor, event }], now);
}

/** Rows per INSERT statement. */
const INSERT_CHUNK = 1000;

/** Property → column name of the audit table (the JSON of a batch uses column names). */
const COLUMN = Object.fromEntries(Object.entries(getTableColumns(auditLog)).map(([key, col]) => [key, col.name])) as Record<keyof typeof auditLog.$inferSelect, string>;

/**
 * Appends many audit rows at once (e.g. a publish batch: one row per target transition). Takes the
 * chain lock once, reserves the ids in one statement and chains the hashes in memory, so a batch of
 * n rows costs three round trips instead of 4·n — and holds the global lock for that short time only.
 * Call it last in the transaction: the lock is held until commit.
 */
export async function recordAuditBatch(tx: Tx, entries: readonly { actor: Actor; event: AuditEvent }[], now: Date = new Date()): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  // Read after the lock: the last row and the reserved ids are then in chain order.
  const head = await tx.execute<{ hash: string | null; ids: string[] }>(sql`
    SELECT (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash,
           array(SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 FROM generate_series(1, ${entries.length})) AS ids`);
  const ids = head.rows[0]!.ids.map(Number).sort((a, b) => a - b);
  let prevHash = head.rows[0]!.hash ?? GENESIS_HASH;
  const createdAt = new Date(Math.floor(now.getTime()));
  // Rows travel as one JSON parameter with the table's column names: building a bind parameter per
  // value costs more than the insert itself at batch sizes.
  const rows = entries.map(({ actor, event }, i) => {
    const before = redact(event.before);
    const after = redact(event.after);
    const changes =
      before && after && typeof before === 'object' && typeof after === 'object'
        ? diff(before as Record<string, unknown>, after as Record<string, unknown>)
        : null;
    const row = {
      id: ids[i]!,
      workspaceId: event.workspaceId,
      actorUserId: actor.userId,
      actorTokenId: actor.tokenId ?? null,
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId ?? null,
      before,
      after,
      diff: changes,
      requestId: actor.requestId ?? null,
      ip: actor.ip ?? null,
      createdAt,
    };
    const hash = chainHash(prevHash, row);
    const out: Record<string, unknown> = { prev_hash: prevHash, hash };
    for (const [key, value] of Object.entries(row)) out[COLUMN[key as keyof typeof COLUMN]] = value;
    prevHash = hash;
    return out;
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await tx.execute(sql`INSERT INTO audit_log SELECT * FROM json_populate_recordset(NULL::audit_log, ${JSON.stringify(rows.slice(i, i + INSERT_CHUNK))}::json)`);
  }
}
