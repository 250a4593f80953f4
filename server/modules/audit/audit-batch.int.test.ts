/**
 * Batched audit appends (the publisher writes one row per transition, many per transaction): the
 * chain stays one verifiable chain when batches and single writes interleave from many connections,
 * every entry is its own row in order, and secrets are redacted as in single writes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/harness.ts';
import { recordAudit, recordAuditBatch, SYSTEM_ACTOR } from './audit.service.ts';
import { verifyAuditChain } from './audit-verify.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const { db, pool } = t.ctx.database;
const rowsOf = async (objectType: string) => (await pool.query(`SELECT * FROM audit_log WHERE object_type = $1 ORDER BY id`, [objectType])).rows;

describe('batched audit rows', () => {
  it('writes one chained row per entry, in order, with the before/after diff and secrets redacted', async () => {
    const entries = Array.from({ length: 5 }, (_, i) => ({
      actor: { userId: null, requestId: `req-${i}` },
      event: { workspaceId: null, action: 'thing.changed', objectType: 'batch-order', objectId: `o${i}`, before: { n: i }, after: { n: i + 1, apiToken: 'secret' } },
    }));
    await db.transaction((tx) => recordAuditBatch(tx, entries, new Date()));
    const rows = await rowsOf('batch-order');
    expect(rows.map((r) => r.object_id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
    expect(rows.map((r) => r.request_id)).toEqual(['req-0', 'req-1', 'req-2', 'req-3', 'req-4']);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(rows[0].after).toEqual({ n: 1, apiToken: '[redacted]' });
    expect(rows[0].diff).toEqual([{ type: 'CHANGE', path: ['n'], value: 1, oldValue: 0 }, { type: 'CREATE', path: ['apiToken'], value: '[redacted]' }]);
    expect(rows[0].before).toEqual({ n: 0 });
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('keeps one valid chain when batch and single writers race on many connections', async () => {
    const before = Number((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n);
    const batch = (k: number) => db.transaction((tx) => recordAuditBatch(tx, Array.from({ length: 40 }, (_, i) => ({ actor: SYSTEM_ACTOR, event: { workspaceId: null, action: 'race.batch', objectType: 'race', objectId: `${k}-${i}`, after: { i } } })), new Date()));
    const single = (k: number) => db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { workspaceId: null, action: 'race.single', objectType: 'race', objectId: `s${k}` }, new Date()));
    await Promise.all([...Array.from({ length: 6 }, (_, k) => batch(k)), ...Array.from({ length: 12 }, (_, k) => single(k))]);
    expect(Number((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n)).toBe(before + 6 * 40 + 12);
    // A batch is contiguous in the chain: nobody appends between its rows.
    const rows = await rowsOf('race');
    const firstOfBatch = rows.findIndex((r) => r.object_id === '0-0');
    expect(rows.slice(firstOfBatch, firstOfBatch + 40).map((r) => r.object_id)).toEqual(Array.from({ length: 40 }, (_, i) => `0-${i}`));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('a rolled-back batch leaves no rows and no gap in the chain', async () => {
    await db.transaction(async (tx) => {
      await recordAuditBatch(tx, [{ actor: SYSTEM_ACTOR, event: { workspaceId: null, action: 'x', objectType: 'rollback' } }], new Date());
      tx.rollback();
    }).catch(() => undefined);
    expect(await rowsOf('rollback')).toEqual([]);
    await db.transaction((tx) => recordAudit(tx, SYSTEM_ACTOR, { workspaceId: null, action: 'after', objectType: 'rollback' }, new Date()));
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('an empty batch writes nothing and takes no lock', async () => {
    const before = Number((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n);
    await db.transaction((tx) => recordAuditBatch(tx, [], new Date()));
    expect(Number((await pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n)).toBe(before);
  });
});
