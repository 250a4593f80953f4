import type { Config } from '../config.ts';
import { connect, type Database } from './client.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.ts';
import { runMigrations } from './migrate.ts';

export interface DatabaseHandle {
  database: Database;
  embedded: EmbeddedDatabase | null;
  url: string;
  close(): Promise<void>;
}

/**
 * One code path for both set-ups: DATABASE_URL when given, otherwise the embedded PostgreSQL in
 * the data directory. Migrations run on every open (idempotent, serialised by an advisory lock).
 */
export async function openDatabase(config: Config, opts: { log: (line: string) => void; migrate?: boolean }): Promise<DatabaseHandle> {
  let embedded: EmbeddedDatabase | null = null;
  let url = config.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.EMBEDDED_PG_PORT, onLog: opts.log });
    url = embedded.url;
  }
  const database = connect(url);
  try {
    await database.pool.query('SELECT 1');
    if (opts.migrate !== false) await runMigrations(database);
  } catch (err) {
    await database.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
  return {
    database,
    embedded,
    url,
    async close() {
      await database.close().catch(() => undefined);
      await embedded?.stop();
    },
  };
}
