import { asc, gt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditLog } from './audit.schema.ts';
import { chainHash, GENESIS_HASH } from './audit-hash.ts';

export type VerifyResult =
  | { ok: true; rows: number }
  | { ok: false; rows: number; brokenAt: number; reason: 'hash_mismatch' | 'prev_hash_mismatch' };

/** Recomputes the chain in id order, in batches; names the first row that does not fit. */
export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0;
  let count = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batch);
    if (rows.length === 0) return { ok: true, rows: count };
    for (const r of rows) {
      count++;
      if (r.prevHash !== prev) return { ok: false, rows: count, brokenAt: r.id, reason: 'prev_hash_mismatch' };
      const { prevHash: _p, hash, ...fields } = r;
      if (chainHash(prev, fields) !== hash) return { ok: false, rows: count, brokenAt: r.id, reason: 'hash_mismatch' };
      prev = hash;
      lastId = r.id;
    }
  }
}
