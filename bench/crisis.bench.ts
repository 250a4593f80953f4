/**
 * Crisis benchmark.
 * 1. Pause under a burst: N posts due at once over 20 Mastodon channels are being published by the
 *    real publishing worker (graphile-worker, real Mastodon provider, local stub with 50 ms latency)
 *    when the duty editor declares a crisis. pause_effective_ms: from the start of the declaration
 *    until the pause is effective (switch committed, every send claimed before it settled);
 *    published_after_confirm: statuses that reached the stub after the declaration committed.
 * 2. Proposal delay: a listening stream is replayed on a simulated clock (quiet baseline, then a
 *    spike); the alert runner evaluates once a minute as in production; proposal_delay_s is the
 *    time from the first mention of the spike to the crisis proposal's notice for the duty editor
 *    (simulated time to the evaluation that fired, plus the measured processing time).
 * Env: BENCH_CRISIS_TARGETS (default 2000), BENCH_CRISIS_RUNS (default 3; the worst run is reported).
 */
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { Provider } from '../providers/contract.ts';
import { createMastodonProvider } from '../providers/mastodon/mastodon.provider.ts';
import { loadConfig } from '../server/config.ts';
import { createSecrets } from '../server/crypto/secrets.ts';
import { connect } from '../server/db/client.ts';
import { startEmbeddedPostgres } from '../server/db/embedded.ts';
import { runMigrations } from '../server/db/migrate.ts';
import type { AppContext, Clock } from '../server/http/context.ts';
import { createLogger } from '../server/logger.ts';
import { SYSTEM_ACTOR } from '../server/modules/audit/audit.service.ts';
import { crises, crisisEvents } from '../server/modules/crisis/crisis.schema.ts';
import { registerCrisisHooks } from '../server/modules/crisis/crisis-hooks.ts';
import { activateCrisis, endCrisis } from '../server/modules/crisis/crisis.service.ts';
import { playbookTemplate } from '../server/modules/crisis/playbook-templates.ts';
import { createPlaybook } from '../server/modules/crisis/playbook.service.ts';
import { users } from '../server/modules/identity/identity.schema.ts';
import { AlertEvaluator } from '../server/modules/listening/alerts/alert-runner.ts';
import { processBatch } from '../server/modules/listening/ingest/ingest-pipeline.ts';
import { listeningQueries } from '../server/modules/listening/listening.schema.ts';
import { createAnalyzer } from '../server/modules/listening/nlp/sentiment-analyzer.ts';
import { matcherFor } from '../server/modules/listening/workspace-matcher.ts';
import { notifications } from '../server/modules/notifications/notifications.schema.ts';
import { startMastodonStub } from '../server/modules/publishing/mastodon-stub.ts';
import { enqueuePublishJobs, queueInstalled } from '../server/modules/publishing/publish-queue.ts';
import { startPublishing } from '../server/modules/publishing/scheduler.ts';
import { createEventBus } from '../server/modules/realtime/event-bus.ts';
import { createOrganisation, createWorkspace } from '../server/modules/workspaces/workspace.service.ts';
import { memberships } from '../server/modules/workspaces/workspaces.schema.ts';

const N = Number(process.env.BENCH_CRISIS_TARGETS ?? 2000);
const RUNS = Number(process.env.BENCH_CRISIS_RUNS ?? 3);
const CHANNELS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: mkdtempSync(join(tmpdir(), 'rz-crisis-bench-')), maxConnections: 200 });
const url = process.env.DATABASE_URL ?? embedded!.url;
const database = connect(url, 10);
await runMigrations(database);
let simulated: number | null = null;
const clock: Clock = { now: () => new Date(simulated ?? Date.now()) };
const config = loadConfig({ NODE_ENV: 'test', RESONANZ_DATA_DIR: mkdtempSync(join(tmpdir(), 'rz-crisis-bench-data-')), RESONANZ_SECRET: 'bench-secret-'.padEnd(40, 'x'), LOG_LEVEL: 'silent' });
const log = createLogger('silent');
const secrets = createSecrets(Buffer.alloc(32, 5));
const events = createEventBus(database);
const ctx: AppContext = { config, database, secrets, mailer: { devMailbox: true, send: async () => undefined }, clock, log, events };
registerCrisisHooks();

async function workspaceWithCvd(name: string) {
  return database.db.transaction(async (tx) => {
    const [owner] = await tx.insert(users).values({ email: `owner-${name}-${Date.now()}@bench.example`, name: 'Owner', passwordHash: 'x', locale: 'de' }).returning();
    const [cvd] = await tx.insert(users).values({ email: `cvd-${name}-${Date.now()}@bench.example`, name: 'CvD', passwordHash: 'x', locale: 'de' }).returning();
    const org = await createOrganisation(tx, SYSTEM_ACTOR, `Bench ${name}`);
    const ws = await createWorkspace(tx, SYSTEM_ACTOR, { organisationId: org.id, name: `Bench ${name}`, locale: 'de', timezone: 'Europe/Berlin', ownerId: owner!.id });
    await tx.insert(memberships).values({ workspaceId: ws.id, userId: cvd!.id, roles: ['duty_editor'] });
    return { workspaceId: ws.id, cvd: cvd!.id };
  });
}

// ---------- 1. Pause under a burst ----------
const stub = await startMastodonStub({ latencyMs: 50 });
const provider = createMastodonProvider({ allowPrivateNetwork: true, timeoutMs: 5000 }) as unknown as Provider;
const quiet = { info() {}, warn() {}, error: (o: object, m?: string) => console.error(m, o) };
const stopWorker = startPublishing({ database, log: quiet, secrets, providers: () => provider, concurrency: 200, leaseMs: 10_000, pollIntervalMs: 200, sweepIntervalMs: 60_000 });
while (!(await queueInstalled(database.db))) await sleep(100);

const pauseRuns: { pause_effective_ms: number; drain_ms: number; confirm_ms: number; published_after_confirm: number; sent_before: number; in_flight: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  const { workspaceId, cvd } = await workspaceWithCvd(`pause${run}`);
  const t = playbookTemplate('security_incident', 'de');
  const playbook = await database.db.transaction((tx) => createPlaybook(tx, SYSTEM_ACTOR, workspaceId, { scenario: 'security_incident', name: t.name, content: t.content }, new Date()));
  const creds = secrets.seal(JSON.stringify({ instanceUrl: stub.url, accessToken: 't', clientId: 'c', clientSecret: 's', scope: 'read', accountId: '1' }));
  const tag = `run${run}`;
  const ch = await database.pool.query(`INSERT INTO channels(workspace_id, network, name, status, credentials_sealed, max_concurrency)
    SELECT $1, 'mastodon', 'c' || g, 'connected', $2, 8 FROM generate_series(1, $3::int) g RETURNING id`, [workspaceId, creds, CHANNELS]);
  const due = new Date(Date.now() - 1000);
  const ids = (await database.pool.query(`WITH p AS (INSERT INTO posts(workspace_id, text, content_hash, scheduled_at, language)
      SELECT $1, $4 || ' Beitrag ' || g, 'h', $2, 'de' FROM generate_series(1, $3::int) g RETURNING id)
    INSERT INTO publish_targets(workspace_id, post_id, channel_id, state, scheduled_at)
    SELECT $1, p.id, ($5::uuid[])[1 + (row_number() OVER () % $6)], 'scheduled', $2 FROM p RETURNING id`, [workspaceId, due, N, tag, ch.rows.map((r) => r.id), CHANNELS])).rows.map((r) => r.id as string);
  await database.db.transaction((tx) => enqueuePublishJobs(tx, ids.map((targetId) => ({ targetId, runAt: due })), new Date()));
  const mine = () => stub.statuses.filter((s) => s.text.startsWith(`${tag} `));
  while (mine().length < Math.min(200, N / 10)) await sleep(5);
  const t0 = performance.now();
  const c = await activateCrisis(ctx, { userId: cvd }, workspaceId, { playbookId: playbook.id, severity: 3, scope: 'workspace', channelIds: [], reason: 'Bench' });
  const committed = Date.now();
  const confirmMs = performance.now() - t0;
  const sentBefore = mine().length;
  await sleep(2000);
  const [ev] = await database.db.select({ data: crisisEvents.data }).from(crisisEvents).where(and(eq(crisisEvents.crisisId, c.id), eq(crisisEvents.kind, 'pause_effective')));
  pauseRuns.push({ pause_effective_ms: c.pauseEffectiveMs ?? NaN, drain_ms: Number((ev?.data as { waitedMs?: number } | undefined)?.waitedMs ?? NaN), confirm_ms: round(confirmMs), published_after_confirm: mine().filter((s) => s.at > committed).length, sent_before: sentBefore, in_flight: c.inFlightAtConfirm ?? 0 });
  await endCrisis(ctx, { userId: cvd }, workspaceId, c.id, { summary: 'Bench', heldBack: 'cancel_all' });
}
await stopWorker();
await stub.close();

// ---------- 2. Proposal delay from a replayed listening stream ----------
const { workspaceId, cvd } = await workspaceWithCvd('proposal');
const HOUR = 3_600_000;
const base = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
const [q] = await database.db.insert(listeningQueries).values({ workspaceId, name: 'Amt', query: 'beispielwesen', createdAt: new Date(base - 40 * 86_400_000), alertSensitivity: 'medium', alertMinMentions: 10 }).returning();
await database.pool.query(`INSERT INTO listening_rollups (query_id, bucket, volume, negative, neutral, positive)
  SELECT $1, b, 12, 3, 6, 3 FROM generate_series($2::timestamptz - interval '29 days', $2::timestamptz - interval '1 hour', interval '1 hour') b`, [q!.id, new Date(base)]);
const t = playbookTemplate('false_report', 'de');
await database.db.transaction((tx) => createPlaybook(tx, SYSTEM_ACTOR, workspaceId, {
  scenario: 'false_report', name: t.name,
  content: { ...t.content, queryId: q!.id, levels: t.content.levels.map((l) => ({ ...l, triggers: l.level === 2 ? [{ kind: 'listening_spike' as const, queryId: q!.id, alertKinds: ['volume', 'negative_share'] as ('volume' | 'negative_share')[], minScore: 0 }] : [] })) },
}, new Date(base)));
const evaluator = new AlertEvaluator(ctx, { fetch: async () => ({ ok: true, status: 200 }) });
const pipe = { database, analyzer: createAnalyzer(), matcher: matcherFor(database), clock };
// Replay: 40 minutes of baseline (one mention every 5 minutes), then a spike (12 a minute) starting 17 s into a minute.
const spikeStart = base + 40 * 60_000 + 17_000;
const stream: { at: number; text: string }[] = [];
for (let at = base; at < spikeStart; at += 5 * 60_000) stream.push({ at, text: 'Das Beispielwesen informiert über neue Öffnungszeiten.' });
for (let i = 0; i < 12 * 20; i++) stream.push({ at: spikeStart + i * 5000, text: `Das Beispielwesen hat uns belogen, ein Skandal! ${i}` });
let proposalDelayS = NaN;
let processingMs = 0;
let next = 0;
for (let minute = base + 60_000; minute <= spikeStart + 20 * 60_000; minute += 60_000) {
  simulated = minute;
  const batch = [];
  while (next < stream.length && stream[next]!.at <= minute) {
    const m = stream[next]!;
    batch.push({ workspaceId, sourceId: null, network: 'import', externalId: `r${next}`, url: null, author: `a${next % 50}`, authorName: null, title: null, text: m.text, lang: 'de', publishedAt: new Date(m.at) });
    next++;
  }
  if (batch.length) await processBatch(pipe, batch);
  const w0 = performance.now();
  await evaluator.evaluate(new Date(minute));
  const [note] = await database.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.workspaceId, workspaceId), eq(notifications.userId, cvd), eq(notifications.kind, 'crisis.proposed')));
  processingMs = performance.now() - w0;
  if (note) {
    proposalDelayS = (minute - spikeStart) / 1000 + processingMs / 1000;
    break;
  }
}
simulated = null;
const [proposal] = await database.db.select().from(crises).where(and(eq(crises.workspaceId, workspaceId), eq(crises.state, 'proposed')));

const worst = pauseRuns.reduce((a, b) => (b.pause_effective_ms > a.pause_effective_ms ? b : a));
console.log(`\nload average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`);
console.log('| run | targets | sent before | pause effective (ms) | of it: waiting for in-flight sends (ms) | confirmation total (ms) | in flight left | published after confirm |');
console.log('|---|---|---|---|---|---|---|---|');
pauseRuns.forEach((r, i) => console.log(`| ${i + 1} | ${N} | ${r.sent_before} | ${r.pause_effective_ms} | ${r.drain_ms} | ${r.confirm_ms} | ${r.in_flight} | ${r.published_after_confirm} |`));
console.log(`\nproposal: ${proposal ? `level ${proposal.severity}` : 'none'} after ${round(proposalDelayS)} s (spike ${new Date(spikeStart).toISOString()}, processing ${round(processingMs)} ms)\n`);
console.log(`BENCH crisis.pause ${JSON.stringify({ pause_effective_ms: worst.pause_effective_ms, published_after_confirm: Math.max(...pauseRuns.map((r) => r.published_after_confirm)), proposal_delay_s: round(proposalDelayS) })}`);
await events.close();
await database.close();
await embedded?.stop();
process.exit(0);
