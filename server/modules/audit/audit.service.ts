/**
 * Writes audit rows in the caller's transaction, so a change and its audit row commit or roll
 * back together. A transaction-scoped advisory lock serialises appends: the chain order is the id
 * order and no two rows share a predecessor.
 */
import { sql } from 'drizzle-orm';
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
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const last = await tx.execute<{ hash: string }>(sql`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`);
  const prevHash = last.rows[0]?.hash ?? GENESIS_HASH;
  const next = await tx.execute<{ id: number }>(sql`SELECT nextval(pg_get_serial_sequence('audit_log', 'id'))::int8 AS id`);
  const before = redact(event.before);
  const after = redact(event.after);
  const changes =
    before && after && typeof before === 'object' && typeof after === 'object'
      ? diff(before as Record<string, unknown>, after as Record<string, unknown>)
      : null;
  const row = {
    id: Number(next.rows[0]!.id),
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
    createdAt: new Date(Math.floor(now.getTime())),
  };
  await tx.insert(auditLog).values({ ...row, prevHash, hash: chainHash(prevHash, row) });
}
