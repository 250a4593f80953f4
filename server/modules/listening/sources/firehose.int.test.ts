/**
 * The firehose source (`com.atproto.sync.subscribeRepos`) against a real local PDS
 * (@atproto/dev-env): posts arrive through CBOR frames and CAR blocks, a cut connection is
 * reconnected with backoff from the persisted cursor without loss, a restart resumes, and a
 * stalled pipeline stops the reading.
 */
import { createServer, Socket, type AddressInfo, type Server } from 'node:net';
import { AtpAgent } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit/audit.service.ts';
import { buildWorkspace } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { IngestPipeline } from '../ingest/ingest-pipeline.ts';
import { listeningSources } from '../listening.schema.ts';
import { createAnalyzer } from '../nlp/sentiment-analyzer.ts';
import { createQuery } from '../query.service.ts';
import { matcherFor, type WorkspaceMatcher } from '../workspace-matcher.ts';
import { firehoseUrl } from './firehose.source.ts';
import { SourceSupervisor } from './source-supervisor.ts';

let t: TestApp;
let network: TestNetworkNoAppView;
let amt: AtpAgent;
let amtDid: string;
let other: AtpAgent;

/** A TCP relay in front of the PDS, so that the test can cut the firehose connection. */
let proxy: Server;
const proxied = new Set<Socket>();
const connections: string[] = [];
/** While true, the relay refuses connections (the network is "down"). */
let down = false;

beforeAll(async () => {
  t = await createTestApp();
  network = await TestNetworkNoAppView.create({});
  const pdsPort = Number(new URL(network.pds.url).port);
  proxy = createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    upstream.connect(pdsPort, '127.0.0.1');
    proxied.add(client);
    client.once('data', (head: Buffer) => connections.push(head.toString('latin1').split('\r\n')[0]!));
    client.pipe(upstream).pipe(client);
    const end = () => {
      proxied.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  amt = new AtpAgent({ service: network.pds.url });
  amtDid = (await amt.createAccount({ handle: 'beispielamt.test', email: 'presse@beispiel.example', password: 'amt-password' })).data.did;
  other = new AtpAgent({ service: network.pds.url });
  await other.createAccount({ handle: 'buerger.test', email: 'b@beispiel.example', password: 'buerger-password' });
}, 120_000);

afterAll(async () => {
  proxy?.close();
  for (const s of proxied) s.destroy();
  await network?.close();
  await t?.close();
});

async function until(cond: () => Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`${what} not reached within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function start(matcher: WorkspaceMatcher = matcherFor(t.ctx.database), capacity = 2000) {
  const pipeline = new IngestPipeline({ database: t.ctx.database, analyzer: createAnalyzer(), matcher, clock: t.ctx.clock, flushMs: 20, batchSize: 5, capacity });
  pipeline.start();
  const supervisor = new SourceSupervisor(t.ctx, pipeline, { rescanMs: 50, backoffBaseMs: 20 });
  supervisor.start();
  return {
    pipeline,
    async stop() {
      await supervisor.stop();
      await pipeline.stop();
      await supervisor.flush();
    },
  };
}

describe('firehose URL', () => {
  it('appends the subscribeRepos method and the cursor', () => {
    expect(firehoseUrl('wss://bsky.network', null)).toBe('wss://bsky.network/xrpc/com.atproto.sync.subscribeRepos');
    expect(firehoseUrl('ws://127.0.0.1:2583/', '42')).toBe('ws://127.0.0.1:2583/xrpc/com.atproto.sync.subscribeRepos?cursor=42');
    expect(firehoseUrl('wss://relay.example/xrpc/com.atproto.sync.subscribeRepos?cursor=1', '')).toBe('wss://relay.example/xrpc/com.atproto.sync.subscribeRepos');
  });
});

describe('Bluesky firehose source on a local PDS', () => {
  it('ingests posts from commits, reconnects after a cut from the cursor without loss, and resumes after a restart', async () => {
    const { workspace } = await buildWorkspace(t.ctx.database);
    const q = await createQuery(t.ctx, SYSTEM_ACTOR, workspace.id, { name: 'Amt', query: 'beispielwesen OR #verwaltung' });
    const port = (proxy.address() as AddressInfo).port;
    const [src] = await t.ctx.database.db.insert(listeningSources).values({
      workspaceId: workspace.id, kind: 'bluesky_firehose', name: 'Firehose', config: { endpoint: `ws://127.0.0.1:${port}`, wantedDids: [] },
    }).returning();
    const pool = t.ctx.database.pool;
    const texts = async () => (await pool.query('SELECT text FROM mentions WHERE workspace_id = $1 ORDER BY published_at, text', [workspace.id])).rows.map((r) => r.text as string);
    const row = async () => (await pool.query('SELECT * FROM listening_sources WHERE id = $1', [src!.id])).rows[0];

    const a = start();
    await until(async () => (await row()).status === 'running', 20_000, 'source running');
    await amt.post({ text: 'Das Bundesamt für Beispielwesen informiert: neue Öffnungszeiten #Verwaltung', langs: ['de'] });
    await other.post({ text: 'Absolut enttäuschend, wie das Beispielwesen mit Anfragen umgeht.', langs: ['de'] });
    await amt.like('at://did:plc:unknown/app.bsky.feed.post/3jzfcijpj2z2a', 'bafyreig2fjxi3rptqdgylg7e5hmjl6mcke7rn2b6cugzlqq3i4zu6rq52q').catch(() => undefined);
    // An account created while the source listens: its #identity event teaches the handle.
    const neu = new AtpAgent({ service: network.pds.url });
    await neu.createAccount({ handle: 'neu-im-amt.test', email: 'neu@beispiel.example', password: 'neu-password' });
    await neu.post({ text: 'Erster Tag im Beispielwesen', langs: ['de'] });
    await until(async () => (await texts()).length === 3, 20_000, 'three posts stored');

    // Cut the connection and keep the network down while a post is made: only a reconnect that
    // passes the cursor can still receive it.
    down = true;
    for (const s of proxied) s.destroy();
    await other.post({ text: 'Während der Unterbrechung: Beispielwesen antwortet nicht', langs: ['de'] });
    // Between attempts the source shows `backoff` (and `connecting` during each attempt).
    await until(async () => { const r = await row(); return r.reconnects >= 2 && r.status === 'backoff'; }, 20_000, 'failed reconnect attempts in backoff');
    down = false;
    await until(async () => (await texts()).length === 4, 20_000, 'post from the gap stored');
    await a.stop();
    const cursor = (await row()).cursor as string;
    expect(cursor).toMatch(/^\d+$/);
    expect(connections[0]).not.toContain('cursor=');
    expect(connections.some((c) => c.includes(`subscribeRepos?cursor=`))).toBe(true);

    // While stopped, more is posted; a restart resumes from the stored cursor and stores nothing twice.
    await amt.post({ text: 'Nach dem Neustart: #Verwaltung digital', langs: ['de'] });
    const before = connections.length;
    const b = start();
    await until(async () => (await texts()).length === 5, 20_000, 'post made while stopped stored');
    await new Promise((r) => setTimeout(r, 200));
    await b.stop();
    expect(connections[before]).toContain(`cursor=${cursor}`);

    const stored = (await pool.query('SELECT author, lang, sentiment, external_id, network FROM mentions WHERE workspace_id = $1', [workspace.id])).rows;
    expect(stored).toHaveLength(5);
    expect(stored.every((m) => m.network === 'bluesky' && /^at:\/\/did:plc:[a-z0-9]+\/app\.bsky\.feed\.post\/[a-z0-9]+$/.test(m.external_id))).toBe(true);
    expect(stored.filter((m) => m.external_id.startsWith(`at://${amtDid}/`))).toHaveLength(2);
    // The handle comes from the #identity event of the account created while listening; accounts
    // whose identity event came before the connection are named by their DID.
    expect(stored.map((m) => m.author)).toContain('neu-im-amt.test');
    expect(stored.filter((m) => m.external_id.startsWith(`at://${amtDid}/`)).map((m) => m.author)).toEqual([amtDid, amtDid]);
    expect(stored.some((m) => m.sentiment === -1)).toBe(true);
    const matched = Number((await pool.query('SELECT count(*) AS n FROM mention_matches WHERE query_id = $1', [q.id])).rows[0].n);
    expect(matched).toBe(5);
    const health = await row();
    expect(Number(health.stored_total)).toBe(5);
    await t.ctx.database.db.update(listeningSources).set({ enabled: false }).where(eq(listeningSources.id, src!.id));
  }, 120_000);

  it('stops reading while the pipeline is stalled and catches up once it drains (back-pressure)', async () => {
    const { workspace } = await buildWorkspace(t.ctx.database);
    const port = (proxy.address() as AddressInfo).port;
    const [src] = await t.ctx.database.db.insert(listeningSources).values({
      workspaceId: workspace.id, kind: 'bluesky_firehose', name: 'Firehose (only the office)', config: { endpoint: `ws://127.0.0.1:${port}`, wantedDids: [amtDid] },
    }).returning();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let asked = 0;
    const real = matcherFor(t.ctx.database);
    // A "database" that hangs: matching waits on the gate, so nothing can be stored.
    const slow = { match: async (ws: string, post: never) => { asked++; await gate; return real.match(ws, post); } } as unknown as WorkspaceMatcher;
    const run = start(slow, 3);
    const row = async () => (await t.ctx.database.pool.query('SELECT * FROM listening_sources WHERE id = $1', [src!.id])).rows[0];
    await until(async () => (await row()).status === 'running', 20_000, 'source running');
    for (let i = 0; i < 25; i++) await amt.post({ text: `Meldung ${i} aus dem Beispielwesen`, langs: ['de'] });
    await other.post({ text: 'Nicht vom Amt: wird gefiltert', langs: ['de'] });
    await new Promise((r) => setTimeout(r, 500));
    expect(asked).toBeLessThanOrEqual(1);
    expect(run.pipeline.maxQueued).toBeLessThanOrEqual(3);
    release();
    const count = async () => Number((await t.ctx.database.pool.query('SELECT count(*) AS n FROM mentions WHERE workspace_id = $1', [workspace.id])).rows[0].n);
    await until(async () => (await count()) === 25, 30_000, 'all 25 posts of the office stored');
    expect(run.pipeline.maxQueued).toBeLessThanOrEqual(3);
    await run.stop();
  }, 120_000);
});
