/**
 * Housekeeping that every installation needs: expired sessions, spent reset links and old
 * idempotency records are deleted. Idempotent by nature (deleting what is expired twice deletes
 * nothing the second time); an advisory lock keeps several workers from doing it at once.
 */
import type { Database } from '../db/client.ts';

export async function runMaintenance(database: Database, now: Date): Promise<{ sessions: number; resets: number; idempotency: number }> {
  const client = await database.pool.connect();
  try {
    const lock = await client.query('SELECT pg_try_advisory_lock(724353) AS ok');
    if (!lock.rows[0].ok) return { sessions: 0, resets: 0, idempotency: 0 };
    try {
      const s = await client.query('DELETE FROM sessions WHERE expires_at < $1', [now]);
      const r = await client.query('DELETE FROM password_resets WHERE expires_at < $1', [now]);
      const i = await client.query(`DELETE FROM idempotency_keys WHERE created_at < $1::timestamptz - interval '24 hours'`, [now]);
      return { sessions: s.rowCount ?? 0, resets: r.rowCount ?? 0, idempotency: i.rowCount ?? 0 };
    } finally {
      await client.query('SELECT pg_advisory_unlock(724353)');
    }
  } finally {
    client.release();
  }
}

/** Runs maintenance now and then every `intervalMs`; returns a stop function. */
export function startMaintenance(database: Database, log: (msg: string, data?: object) => void, intervalMs = 15 * 60_000): () => void {
  const tick = () =>
    runMaintenance(database, new Date())
      .then((r) => log('maintenance done', r))
      .catch((err: unknown) => log('maintenance failed', { err: String(err) }));
  void tick();
  const t = setInterval(tick, intervalMs);
  t.unref();
  return () => clearInterval(t);
}
