/**
 * `resonanz start` and `resonanz worker`: validate the configuration, open the database
 * (embedded unless DATABASE_URL), migrate, seed the demo workspace on first start, build the web
 * app if no build exists, serve everything on one port, and shut down cleanly on Ctrl-C.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { EmbeddedPostgresError } from './db/embedded.ts';
import { openDatabase, type DatabaseHandle } from './db/open.ts';
import { buildApp, webDist } from './http/app.ts';
import type { AppContext } from './http/context.ts';
import { createAppContext } from './app-context.ts';
import { startMaintenance } from './jobs/maintenance.ts';
import { startScheduledJobs } from './jobs/scheduled-tasks.ts';
import { startPublishing } from './modules/publishing/scheduler.ts';
import { startCrisisWorker } from './modules/crisis/crisis.worker.ts';
import { startCommunityWorker } from './modules/sla/community.worker.ts';
import { startMailOutbox } from './modules/notifications/mail-outbox.ts';
import { startListening } from './modules/listening/listening.worker.ts';
import { startInbox } from './modules/inbox/inbox.worker.ts';
import { createLogger } from './logger.ts';
import { seedDemo } from './seed/demo.seed.ts';

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(2);
}

async function boot(): Promise<{ config: Config; handle: DatabaseHandle; log: ReturnType<typeof createLogger> }> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) fail(e.message);
    throw e;
  }
  const log = createLogger(config.LOG_LEVEL);
  try {
    if (!config.DATABASE_URL) log.info({ dataDir: config.dataDir }, 'starting the embedded PostgreSQL');
    const handle = await openDatabase(config, { log: (line) => log.debug({ pg: line }, 'postgres') });
    return { config, handle, log };
  } catch (e) {
    if (e instanceof EmbeddedPostgresError) fail(e.message);
    const msg = e instanceof Error ? e.message : String(e);
    fail(`Cannot open the database${config.DATABASE_URL ? ' at DATABASE_URL' : ''}: ${msg}`);
  }
}

async function ensureWebBuild(log: ReturnType<typeof createLogger>): Promise<void> {
  if (existsSync(`${webDist}/index.html`)) return;
  log.info('building the web app once (no build found in web/dist) …');
  const { build } = await import('vite');
  await build({ configFile: fileURLToPath(new URL('../web/vite.config.ts', import.meta.url)), logLevel: 'warn' });
  log.info('web app built');
}

function onShutdown(fn: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, shutting down …`);
    fn()
      .then(() => process.exit(0))
      .catch((e: unknown) => {
        console.error(e);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => handler('SIGINT'));
  process.on('SIGTERM', () => handler('SIGTERM'));
  process.on('SIGHUP', () => handler('SIGHUP'));
}

export async function startCommand(opts: { worker: boolean }): Promise<void> {
  const { config, handle, log } = await boot();
  const ctx = createAppContext(config, handle.database, log);
  const { secrets, mailer } = ctx;

  const shouldSeed = config.SEED_DEMO ?? !config.DATABASE_URL;
  const demo = shouldSeed ? await seedDemo(ctx) : null;

  await ensureWebBuild(log);
  const app = await buildApp(ctx);
  const stopMaintenance = opts.worker ? startMaintenance(handle.database, (m, d) => log.info(d ?? {}, m)) : () => undefined;
  const stopListening = opts.worker ? startListening(ctx) : async () => undefined;
  const stopInbox = opts.worker ? startInbox(ctx) : async () => undefined;
  const stopCrisis = opts.worker ? startCrisisWorker(ctx) : () => undefined;
  const stopCommunity = opts.worker ? startCommunityWorker(ctx) : () => undefined;
  const stopPublishing = opts.worker ? startPublishing({ database: handle.database, log, secrets }) : async () => undefined;
  const stopMail = opts.worker ? startMailOutbox(handle.database, mailer, (m, d) => log.info(d ?? {}, m)) : async () => undefined;
  const stopScheduled = opts.worker ? startScheduledJobs(ctx) : async () => undefined;
  onShutdown(async () => {
    stopMaintenance();
    stopCrisis();
    stopCommunity();
    await stopListening();
    await stopInbox();
    await stopPublishing();
    await stopMail();
    await stopScheduled();
    await app.close();
    await ctx.events.close();
    await handle.close();
  });
  await app.listen({ port: config.PORT, host: config.HOST });
  const lines = [
    '',
    `  Resonanz is running at ${config.publicUrl}`,
    `  Database: ${handle.embedded ? `embedded PostgreSQL (data in ${config.dataDir})` : 'DATABASE_URL'}`,
    demo ? `  Demo login: ${demo.email} / ${demo.password}` : '',
    !demo && (await needsOwner(ctx)) ? `  First start: open ${config.publicUrl}/setup to create the owner account.` : '',
    mailer.devMailbox ? `  No SMTP_URL: e-mails are shown in the dev mailbox at ${config.publicUrl}/dev/mailbox` : '',
    '',
  ].filter((l, i, a) => l !== '' || i === 0 || i === a.length - 1);
  console.log(lines.join('\n'));
}

async function needsOwner(ctx: AppContext): Promise<boolean> {
  const r = await ctx.database.pool.query('SELECT EXISTS (SELECT 1 FROM users) AS e');
  return !r.rows[0].e;
}

export async function workerCommand(): Promise<void> {
  const { config, handle, log } = await boot();
  const ctx = createAppContext(config, handle.database, log);
  const stop = startMaintenance(handle.database, (m, d) => log.info(d ?? {}, m));
  const stopListening = startListening(ctx);
  const stopInbox = startInbox(ctx);
  const stopCrisis = startCrisisWorker(ctx);
  const stopCommunity = startCommunityWorker(ctx);
  const stopPublishing = startPublishing({ database: handle.database, log, secrets: ctx.secrets });
  const stopMail = startMailOutbox(handle.database, ctx.mailer, (m, d) => log.info(d ?? {}, m));
  const stopScheduled = startScheduledJobs(ctx);
  onShutdown(async () => {
    stop();
    stopCrisis();
    stopCommunity();
    await stopListening();
    await stopInbox();
    await stopPublishing();
    await stopMail();
    await stopScheduled();
    await ctx.events.close();
    await handle.close();
  });
  log.info('worker running (maintenance, publishing queue, listening sources and alerts, inbox ingestion, mail outbox); Ctrl-C to stop');
  // Keep the process alive; timers are unref'd.
  setInterval(() => undefined, 1 << 30);
}
