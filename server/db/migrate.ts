import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

/** Applies pending migrations; an advisory lock lets several processes start at once safely. */
export async function runMigrations(database: Database): Promise<void> {
  const client = await database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock(724351)');
    await migrate(database.db, { migrationsFolder });
  } finally {
    await client.query('SELECT pg_advisory_unlock(724351)').catch(() => undefined);
    client.release();
  }
}

/** Number of migrations in the repository vs. applied in the database (for /readyz). */
export async function migrationStatus(database: Database): Promise<{ expected: number; applied: number }> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  const r = await database.pool
    .query('SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations')
    .catch(() => ({ rows: [{ n: 0 }] }));
  return { expected: journal.entries.length, applied: Number(r.rows[0]?.n ?? 0) };
}
