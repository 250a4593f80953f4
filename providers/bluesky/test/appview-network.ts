/**
 * A local Bluesky network with an AppView: PLC, the AppView (@atproto/dev-env `TestBsky`, on its
 * own PostgreSQL database) and a PDS that proxies `app.bsky.*` to it — what counts followers,
 * likes and replies. Unlike dev-env's full `TestNetwork` it needs no Redis, Ozone or bsync. For
 * integration tests (they have a PostgreSQL server).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { TestBsky, TestPds, TestPlc, mockNetworkUtilities } from '@atproto/dev-env';
import pg from 'pg';

const freePort = () => new Promise<number>((resolve) => {
  const s = createServer();
  s.listen(0, '127.0.0.1', () => {
    const port = (s.address() as { port: number }).port;
    s.close(() => resolve(port));
  });
});

export interface AppViewNetwork {
  pds: TestPds;
  bsky: TestBsky;
  /** Waits until the AppView has indexed everything the PDS has sequenced. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export async function startAppViewNetwork(adminDatabaseUrl: string): Promise<AppViewNetwork> {
  // Named like the test databases, so the global teardown drops it even after a crash.
  const dbName = `resonanz_t_appview_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminDatabaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(adminDatabaseUrl);
  url.pathname = `/${dbName}`;

  const plc = await TestPlc.create({});
  const pdsPort = await freePort();
  const bsky = await TestBsky.create({
    port: await freePort(), plcUrl: plc.url, pdsPort, repoProvider: `ws://localhost:${pdsPort}`, dbPostgresUrl: url.toString(), dbPostgresSchema: 'appview',
    // No bsync and no moderation service in this network: the AppView only logs that it cannot reach them.
    bsyncUrl: 'http://127.0.0.1:9', bsyncApiKey: 'unused', modServiceDid: 'did:example:invalidMod',
  } as unknown as Parameters<typeof TestBsky.create>[0]);
  const pds = await TestPds.create({ port: pdsPort, didPlcUrl: plc.url, bskyAppViewUrl: bsky.url, bskyAppViewDid: bsky.ctx.cfg.serverDid });
  mockNetworkUtilities(pds, bsky);
  return {
    pds, bsky,
    async settle() {
      await pds.processAll();
      const until = Date.now() + 10_000;
      for (;;) {
        await bsky.sub.processAll();
        const cursor = await bsky.sub.getCursor();
        const last = await pds.ctx.sequencer.curr();
        if (!last || (cursor && cursor >= last) || Date.now() > until) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await pds.close().catch(() => undefined);
      await bsky.close().catch(() => undefined);
      await plc.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: adminDatabaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
      await c.end();
    },
  };
}
