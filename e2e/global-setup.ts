/**
 * Starts the real server (`resonanz start`: embedded PostgreSQL in a temporary data directory,
 * migrations, demo seed, built web app) on a free port, waits for /readyz, hands the base URL to the
 * tests via provide/inject, and stops it with SIGINT (clean PostgreSQL shutdown) afterwards.
 * The database is always a fresh embedded one, so tests never see state of earlier runs.
 * Mail goes over real SMTP to a local sink (each message a file in `smtpDir`, see e2e/mail.ts), with
 * a copy in the dev mailbox (DEV_MAILBOX_COPY) for journeys that read /dev/mailbox.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import type { TestProject } from 'vitest/node';

export const DEMO_PASSWORD = 'e2e-demo-password-2025';
const root = fileURLToPath(new URL('..', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${output()}`);
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function webBuildOutdated(): boolean {
  const built = join(root, 'web/dist/index.html');
  if (!existsSync(built)) return true;
  const sources = Math.max(newestMtime(join(root, 'web/src')), newestMtime(join(root, 'common')), statSync(join(root, 'web/index.html')).mtimeMs);
  return sources > statSync(built).mtimeMs;
}

/**
 * A local SMTP sink: the server delivers every mail over a real SMTP conversation, and each
 * message is written to `dir` as `<n>.json` ({ from, to, raw }) for the tests to read (e2e/mail.ts).
 */
async function startSmtpSink(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  let n = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = { from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') };
        writeFileSync(join(dir, `${String(++n).padStart(5, '0')}.json`), JSON.stringify(mail));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export default async function setup(project: TestProject) {
  // A real local Bluesky PDS for the journeys that connect, publish and read replies (e2e/pds.ts).
  const { TestNetworkNoAppView } = await import('@atproto/dev-env');
  const pds = await TestNetworkNoAppView.create({});
  const dataDir = mkdtempSync(join(tmpdir(), 'resonanz-e2e-'));
  const smtpDir = mkdtempSync(join(tmpdir(), 'resonanz-e2e-smtp-'));
  const smtp = await startSmtpSink(smtpDir);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RESONANZ_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: baseUrl,
    DEMO_PASSWORD,
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    // The suite signs in many times from one address within a minute.
    AUTH_RATE_LIMIT_PER_MIN: '1000',
    // The local PDS listens on localhost, which the SSRF guard refuses by default.
    RESONANZ_ALLOW_PRIVATE_NETWORK: 'true',
    // Several journeys spike the demo organisation's query (crisis, listening) within minutes.
    LISTENING_ALERT_COOLDOWN_MIN: '2',
  };
  delete env.DATABASE_URL;
  // Real SMTP to the local sink; the dev mailbox keeps a copy for the journeys that read it there.
  env.SMTP_URL = smtp.url;
  env.DEV_MAILBOX_COPY = 'true';
  if (webBuildOutdated()) {
    // `start` only builds when no build exists; a stale build would test old code.
    // Built beside web/dist and swapped in, so another e2e run serving web/dist never sees a half-built tree.
    const { build } = await import('vite');
    const tmp = join(root, `web/dist.build-${process.pid}`);
    await build({ configFile: join(root, 'web/vite.config.ts'), logLevel: 'warn', build: { outDir: tmp, emptyOutDir: true } });
    rmSync(join(root, 'web/dist'), { recursive: true, force: true });
    renameSync(tmp, join(root, 'web/dist'));
  }
  const child = spawn(process.execPath, ['server/cli.ts', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (b: Buffer) => {
    log = (log + b.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitReady(baseUrl, child, () => log, 150_000);
  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);
  project.provide('pdsUrl', pds.pds.url);
  project.provide('smtpDir', smtpDir);

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    await smtp.close();
    rmSync(smtpDir, { recursive: true, force: true });
    await pds.close();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
    /** URL of the local Bluesky PDS (@atproto/dev-env) shared by the e2e files. */
    pdsUrl: string;
    /** Folder where the local SMTP sink writes every received mail (read with e2e/mail.ts). */
    smtpDir: string;
  }
}
