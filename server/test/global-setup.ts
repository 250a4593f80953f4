/**
 * Integration tests run against a real PostgreSQL: TEST_DATABASE_URL or DATABASE_URL when given
 * (CI's server on 127.0.0.1:5432), otherwise an embedded PostgreSQL in a temporary directory.
 * Migrations run once into a template database; every test file clones it (CREATE DATABASE …
 * TEMPLATE), so files run in parallel without seeing each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect } from '../db/client.ts';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../db/embedded.ts';
import { runMigrations } from '../db/migrate.ts';

export const TEMPLATE_DB = `resonanz_template_${process.pid}`;

let embedded: EmbeddedDatabase | null = null;
let dir: string | null = null;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!adminUrl) {
    dir = mkdtempSync(join(tmpdir(), 'resonanz-test-pg-'));
    embedded = await startEmbeddedPostgres({ dataDir: dir });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB}`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  const tpl = connect(withDatabase(adminUrl, TEMPLATE_DB), 2);
  await runMigrations(tpl);
  await tpl.close();
  await admin.end();
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE_DB);

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    const dbs = await c.query(`SELECT datname FROM pg_database WHERE datname LIKE 'resonanz_t_%' OR datname = $1`, [TEMPLATE_DB]);
    for (const r of dbs.rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    await c.end();
    await embedded?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}
