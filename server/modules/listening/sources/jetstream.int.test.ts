import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { SYSTEM_ACTOR } from '../../audit/audit.service.ts';
import { buildWorkspace } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { IngestPipeline } from '../ingest/ingest-pipeline.ts';
import { listeningSources } from '../listening.schema.ts';
import { createAnalyzer } from '../nlp/sentiment-analyzer.ts';
import { createQuery } from '../query.service.ts';
import { matcherFor } from '../workspace-matcher.ts';
import { SourceSupervisor } from './source-supervisor.ts';

const recording = readFileSync(new URL('./test/jetstream-recording.jsonl', import.meta.url), 'utf8').trim().split('\n');
const timeOf = (line: string) => (JSON.parse(line) as { time_us: number }).time_us;

let t: TestApp;
let server: WebSocketServer;
const requests: URL[] = [];
/** Connection number → how many messages to send before dropping the connection. */
let dropAfter: number | null = 5;

beforeAll(async () => {
  t = await createTestApp();
  server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket: WebSocket, req) => {
    const url = new URL(req.url ?? '/', 'ws://localhost');
    requests.push(url);
    const cursor = Number(url.searchParams.get('cursor') ?? 0);
    const lines = recording.filter((l) => timeOf(l) > cursor);
    const limit = dropAfter ?? lines.length;
    dropAfter = null;
    for (const l of lines.slice(0, limit)) socket.send(l);
    if (limit < lines.length) setTimeout(() => socket.terminate(), 20);
  });
  await new Promise((r) => server.once('listening', r));
});
afterAll(async () => {
  server.close();
  await t.close();
});

async function until(cond: () => Promise<boolean>, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Bluesky Jetstream source', () => {
  it('ingests posts, survives a dropped connection, dedupes the replay and resumes from the persisted cursor', async () => {
    const { workspace } = await buildWorkspace(t.ctx.database);
    const q = await createQuery(t.ctx, SYSTEM_ACTOR, workspace.id, { name: 'Amt', query: 'beispielwesen OR #verwaltung' });
    const port = (server.address() as AddressInfo).port;
    const [src] = await t.ctx.database.db.insert(listeningSources).values({ workspaceId: workspace.id, kind: 'bluesky_jetstream', name: 'Jetstream', config: { endpoint: `ws://127.0.0.1:${port}/subscribe` } }).returning();
    const mk = () => {
      const pipeline = new IngestPipeline({ database: t.ctx.database, analyzer: createAnalyzer(), matcher: matcherFor(t.ctx.database), clock: t.ctx.clock, flushMs: 20, batchSize: 3 });
      pipeline.start();
      const sup = new SourceSupervisor(t.ctx, pipeline, { rescanMs: 50, backoffBaseMs: 10 });
      sup.start();
      return { pipeline, sup };
    };
    const pool = t.ctx.database.pool;
    const count = async () => Number((await pool.query('SELECT count(*) AS n FROM mentions WHERE workspace_id = $1', [workspace.id])).rows[0].n);

    const a = mk();
    await until(async () => (await count()) === 8);
    await until(async () => (await pool.query('SELECT cursor FROM listening_sources WHERE id = $1', [src!.id])).rows[0].cursor === String(timeOf(recording.at(-1)!)));
    await a.sup.stop();
    await a.pipeline.stop();
    await a.sup.flush();

    // First connection without cursor; the reconnect carries the cursor, rewound by 2 s.
    expect(requests[0]!.searchParams.get('wantedCollections')).toBe('app.bsky.feed.post');
    expect(requests[0]!.searchParams.get('cursor')).toBeNull();
    expect(Number(requests[1]!.searchParams.get('cursor'))).toBeLessThan(timeOf(recording[5]!));

    const [health] = (await pool.query('SELECT * FROM listening_sources WHERE id = $1', [src!.id])).rows;
    expect(health.reconnects).toBeGreaterThanOrEqual(1);
    expect(Number(health.stored_total)).toBe(8);
    expect(Number(health.duplicates_total)).toBeGreaterThan(0);

    const stored = (await pool.query('SELECT author, lang, sentiment, external_id FROM mentions WHERE workspace_id = $1 ORDER BY published_at', [workspace.id])).rows;
    expect(stored.some((m) => m.author === 'bundesamt-beispiel.bsky.social')).toBe(true);
    expect(stored[1].sentiment).toBe(-1); // "Absolut enttäuschend."
    expect(stored[0].external_id).toMatch(/^at:\/\/did:plc:[a-z0-9]+\/app\.bsky\.feed\.post\//);
    const matched = Number((await pool.query('SELECT count(*) AS n FROM mention_matches WHERE query_id = $1', [q.id])).rows[0].n);
    const rolled = Number((await pool.query('SELECT sum(volume) AS n FROM listening_rollups WHERE query_id = $1', [q.id])).rows[0].n);
    expect(matched).toBe(5);
    expect(rolled).toBe(matched);

    // A restart resumes from the stored cursor and stores nothing twice.
    const before = requests.length;
    const b = mk();
    await until(async () => requests.length > before);
    await new Promise((r) => setTimeout(r, 150));
    await b.sup.stop();
    await b.pipeline.stop();
    await b.sup.flush();
    expect(Number(requests[before]!.searchParams.get('cursor'))).toBe(timeOf(recording.at(-1)!) - 2_000_000);
    expect(await count()).toBe(8);
  });
});
