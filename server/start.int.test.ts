/**
 * The two-command promise, end to end: `resonanz start` on an empty data directory starts the
 * embedded PostgreSQL (as the postgres user when we are root), migrates, seeds, serves; Ctrl-C
 * stops PostgreSQL cleanly; a second start reuses the data. Bad set-ups fail with a clear message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from './db/embedded.ts';
import { withDatabase } from './test/global-setup.ts';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'resonanz-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  let out = '';
  const child = spawn(process.execPath, [cli, 'start'], {
    env: { ...process.env, DATABASE_URL: '', TEST_DATABASE_URL: '', LOG_LEVEL: 'warn', SEED_DEMO: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
  return { child, output: () => out, exited };
}

async function waitFor(pred: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('resonanz start', () => {
  it('starts on an empty data directory, serves, stops cleanly on SIGINT and reuses the data', async () => {
    const port = await freePort();
    const env = { RESONANZ_DATA_DIR: dataDir, PORT: String(port) };
    const first = start(env);
    await waitFor(() => /Resonanz is running at/.test(first.output()), 90_000);
    const pw = /Demo login: demo@resonanz\.local \/ (\S+)/.exec(first.output())?.[1];
    expect(pw).toBeTruthy();
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.json());
    expect(ready.status).toBe('ready');
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@resonanz.local', password: pw }),
    });
    expect(login.status).toBe(200);
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(true);

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
    // PostgreSQL removes its pid file only after a clean shutdown.
    expect(existsSync(join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);

    const second = start(env);
    await waitFor(() => /Resonanz is running at/.test(second.output()), 60_000);
    expect(second.output()).toContain(`Demo login: demo@resonanz.local / ${pw}`);
    const again = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'demo@resonanz.local', password: pw }),
    });
    expect(again.status).toBe(200);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  }, 180_000);

  it('uses DATABASE_URL instead of the embedded PostgreSQL: same migrations, no demo data, sign-up offered', async () => {
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await admin.connect();
    const name = `resonanz_t_url_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const dir = mkdtempSync(join(tmpdir(), 'resonanz-url-'));
    try {
      const port = await freePort();
      const r = start({ DATABASE_URL: withDatabase(inject('adminDatabaseUrl'), name), RESONANZ_DATA_DIR: dir, PORT: String(port), SEED_DEMO: '' });
      await waitFor(() => /Resonanz is running at/.test(r.output()), 60_000);
      expect(r.output()).toContain('Database: DATABASE_URL');
      expect(r.output()).toContain('/setup to create the owner account');
      expect(existsSync(join(dir, 'postgres'))).toBe(false);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((x) => x.json());
      expect(ready.status).toBe('ready');
      const setup = await fetch(`http://127.0.0.1:${port}/api/v1/auth/setup`).then((x) => x.json());
      expect(setup.needsSetup).toBe(true);
      r.child.kill('SIGINT');
      expect(await r.exited).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('names the bad variable when the configuration is invalid', async () => {
    const r = start({ RESONANZ_DATA_DIR: dataDir, PORT: 'not-a-port' });
    expect(await r.exited).toBe(2);
    expect(r.output()).toMatch(/PORT/);
    expect(r.output()).not.toMatch(/at .*\.ts:\d+/); // a message, not a stack trace
  });

  it('explains a taken PostgreSQL port', async () => {
    const blocker = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as { port: number }).port;
    const dir = mkdtempSync(join(tmpdir(), 'resonanz-port-'));
    try {
      const r = start({ RESONANZ_DATA_DIR: dir, EMBEDDED_PG_PORT: String(taken), PORT: String(await freePort()) });
      expect(await r.exited).toBe(2);
      expect(r.output()).toMatch(new RegExp(`Port ${taken} is taken: set EMBEDDED_PG_PORT`));
    } finally {
      blocker.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('explains a data directory that cannot be created', async () => {
    const r = start({ RESONANZ_DATA_DIR: '/dev/null/resonanz', PORT: String(await freePort()) });
    expect(await r.exited).toBe(2);
    expect(r.output()).toMatch(/data directory .* is not writable/);
  });
});
