/** Shared set-up of the listening benchmarks: a migrated database (DATABASE_URL's server or embedded) and an AppContext. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../server/config.ts';
import { createEventBus } from '../server/modules/realtime/event-bus.ts';
import { createSecrets } from '../server/crypto/secrets.ts';
import { connect, type Database } from '../server/db/client.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { runMigrations } from '../server/db/migrate.ts';
import type { AppContext, Clock } from '../server/http/context.ts';
import { createLogger } from '../server/logger.ts';
import type { OutgoingMail } from '../server/modules/mail/mailer.ts';

export interface BenchDb {
  database: Database;
  close(): Promise<void>;
}

/** A fresh database: on DATABASE_URL's server a throw-away database, else an embedded PostgreSQL in a temp dir. */
export async function openBenchDb(): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), 'rz-bench-listening-'));
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: dir });
  const admin = process.env.DATABASE_URL ?? embedded!.url;
  const name = `rz_bench_listening_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const u = new URL(admin);
  u.pathname = `/${name}`;
  const database = connect(u.toString(), 6);
  await runMigrations(database);
  return {
    database,
    async close() {
      await database.close();
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await d.end();
      await embedded?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function benchContext(database: Database, clock: Clock, mails: OutgoingMail[] = []): AppContext {
  const config = loadConfig({ NODE_ENV: 'test', RESONANZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'rz-bench-data-')), RESONANZ_SECRET: 'bench-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent' });
  return { config, database, secrets: createSecrets(Buffer.alloc(32, 3)), mailer: { devMailbox: true, send: async (m) => void mails.push(m) }, clock, log: createLogger('silent'), events: createEventBus(database) };
}
