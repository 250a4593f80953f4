/**
 * Test harness for integration tests: a private database cloned from the migrated template, the
 * real HTTP app (Fastify inject, no port), a captured mailer and a controllable clock.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../config.ts';
import { createSecrets } from '../crypto/secrets.ts';
import { connect, type Database } from '../db/client.ts';
import { buildApp, type App } from '../http/app.ts';
import type { AppContext, Clock } from '../http/context.ts';
import { createLogger } from '../logger.ts';
import type { Mailer, OutgoingMail } from '../modules/mail/mailer.ts';
import { createEventBus } from '../modules/realtime/event-bus.ts';
import { withDatabase } from './global-setup.ts';

export interface TestClock extends Clock {
  set(d: Date): void;
  advance(ms: number): void;
}

export function testClock(start = new Date()): TestClock {
  let now = start.getTime();
  let frozen = false;
  const real0 = Date.now();
  return {
    now: () => new Date(frozen ? now : now + (Date.now() - real0)),
    set(d) {
      now = d.getTime();
      frozen = true;
    },
    advance(ms) {
      now = this.now().getTime() + ms;
      frozen = true;
    },
  };
}

/** Creates a fresh database for one test file. */
export async function createTestDatabase(): Promise<Database & { url: string }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `resonanz_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('templateDatabase')}`);
  await admin.end();
  const url = withDatabase(adminUrl, name);
  return { ...connect(url, 5), url };
}

export interface TestApp {
  app: App;
  ctx: AppContext;
  mails: OutgoingMail[];
  clock: TestClock;
  close(): Promise<void>;
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'resonanz-test-data-'));
  const config = loadConfig({ NODE_ENV: 'test', RESONANZ_DATA_DIR: dataDir, RESONANZ_SECRET: 'test-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent', AUTH_RATE_LIMIT_PER_MIN: '10000', ...env });
  const mails: OutgoingMail[] = [];
  const mailer: Mailer = { devMailbox: true, send: async (m) => void mails.push(m) };
  const clock = testClock();
  const log = createLogger('silent');
  const events = createEventBus(database);
  const ctx: AppContext = { config, database, secrets: createSecrets(Buffer.alloc(32, 7)), mailer, clock, log, events };
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return {
    app, ctx, mails, clock,
    async close() {
      await app.close();
      await events.close();
      await database.close();
    },
  };
}
