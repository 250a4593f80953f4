/**
 * The built-in KPI collectors on real rows: posts from publish targets, listening KPIs from
 * mention matches and rollups, network metrics from a provider (a fake behind the provider
 * contract; the real clients are tested against a local PDS + AppView and recorded Mastodon
 * exchanges in providers/) — and the scheduled jobs' wiring through graphile-worker.
 */
import { Logger, quickAddJob, runOnce } from 'graphile-worker';
import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccountMetrics, PostMetrics, Provider } from '../../../providers/contract.ts';
import { scheduledTaskList } from '../../jobs/scheduled.ts';
import '../../jobs/scheduled-tasks.ts';
import { TestClient } from '../../test/client.ts';
import { buildWorkspace } from '../../test/factories.ts';
import { createTestApp } from '../../test/harness.ts';
import { setPublishingDeps } from '../publishing/provider-resolver.ts';
import { channels, posts, publishTargets } from '../publishing/publishing.schema.ts';
import { listeningQueries, listeningSetRollups, listeningTopicGroups, mentionMatches } from '../listening/listening.schema.ts';
import { recountAllScopes } from '../listening/store/scope-rollups.ts';
import { kpiValues } from '../strategy/strategy.schema.ts';
import { reportDeliveries } from './reporting.schema.ts';

const t = await createTestApp();
afterAll(async () => t.close());
const db = t.ctx.database.db;
const { workspace, owner } = await buildWorkspace(t.ctx.database);
const ws = `/api/v1/workspaces/${workspace.id}`;
const c = new TestClient(t.app);
await c.login(owner.email);

const value = async (metric: string, channel: string, date: string) =>
  (await db.select({ v: kpiValues.value }).from(kpiValues).where(and(eq(kpiValues.workspaceId, workspace.id), eq(kpiValues.metric, metric), eq(kpiValues.channel, channel), eq(kpiValues.date, date))))[0]?.v;
const collect = async (from: string, to: string) => (await c.post(`${ws}/kpis/collect`, { from, to })).body.collectors as { id: string; stored: number; error: string | null }[];

// A connected Bluesky channel (fake provider) and a not connected Mastodon channel.
const [bsky] = await db.insert(channels).values({ workspaceId: workspace.id, network: 'bluesky', name: 'Amt auf Bluesky', status: 'connected', credentialsSealed: t.ctx.secrets.seal(JSON.stringify({ token: 'v1' })) }).returning();
const [masto] = await db.insert(channels).values({ workspaceId: workspace.id, network: 'mastodon', name: 'Amt auf Mastodon', status: 'not_connected' }).returning();
const [post] = await db.insert(posts).values({ workspaceId: workspace.id, text: 'Hallo', contentHash: 'x' }).returning();
const [post2] = await db.insert(posts).values({ workspaceId: workspace.id, text: 'Zweiter', contentHash: 'y' }).returning();
const target = async (postId: string, channelId: string, publishedAt: string, remoteId: string) =>
  (await db.insert(publishTargets).values({ workspaceId: workspace.id, postId, channelId, state: 'published', publishedAt: new Date(publishedAt), remoteId }).returning())[0]!;
const old = await target(post!.id, bsky!.id, '2025-05-01T08:00:00Z', 'at://did:plc:amt/app.bsky.feed.post/old');
await target(post!.id, masto!.id, '2025-05-09T21:30:00Z', '9001'); // 23:30 in Berlin: counts on the 9th
const fresh = await target(post2!.id, bsky!.id, '2025-05-10T09:00:00Z', 'at://did:plc:amt/app.bsky.feed.post/new');

let account: AccountMetrics = { followers: 100, following: 5, posts: 2, fetchedAt: new Date() };
let counters = new Map<string, PostMetrics>();
const calls: string[] = [];
const fake: Provider = {
  descriptor: { id: 'bluesky', displayName: 'Bluesky', connectFlow: 'password', capabilities: ['connect', 'metrics'], defaultLimits: {} as never, idempotency: { kind: 'deterministic_key' } },
  connect: {} as never,
  metrics: {
    readMetrics: async () => { throw new Error('not used'); },
    readManyMetrics: async (ctx, refs) => {
      calls.push(`posts:${refs.length}:${(ctx.credentials as { token: string }).token}`);
      await ctx.onCredentialsUpdate?.({ token: 'v2' }); // a rotated session must be kept
      return new Map(refs.flatMap((r) => (counters.has(r.id) ? [[r.id, counters.get(r.id)!] as const] : [])));
    },
    readAccountMetrics: async () => account,
  },
};
setPublishingDeps(t.ctx, { providers: (network) => (network === 'bluesky' ? fake : undefined) });

describe('posts collector', () => {
  it('counts published posts per channel, network and workspace per local day, zeros included', async () => {
    t.clock.set(new Date('2025-05-20T18:00:00Z')); // past days only: the networks are not asked
    await collect('2025-05-08', '2025-05-10');
    expect(await value('posts_published', masto!.id, '2025-05-09')).toBe(1);
    expect(await value('posts_published', 'mastodon', '2025-05-10')).toBe(0);
    expect(await value('posts_published', bsky!.id, '2025-05-10')).toBe(1);
    expect(await value('posts_published', '', '2025-05-08')).toBe(0);
    expect(await value('posts_published', '', '2025-05-10')).toBe(1);
  });
});

describe('network metrics collector', () => {
  it('stores followers and new engagement; an old post seen for the first time sets a baseline, not a spike', async () => {
    t.clock.set(new Date('2025-05-10T18:00:00Z'));
    counters = new Map([[old.remoteId!, { likes: 10, reposts: 0, replies: 0, fetchedAt: new Date() }], [fresh.remoteId!, { likes: 3, reposts: 0, replies: 0, fetchedAt: new Date() }]]);
    const runs = await collect('2025-05-10', '2025-05-10');
    expect(runs.find((r) => r.id === 'networks.metrics')).toMatchObject({ error: null });
    expect(await value('followers', bsky!.id, '2025-05-10')).toBe(100);
    expect(await value('followers', 'bluesky', '2025-05-10')).toBe(100);
    expect(await value('engagements', bsky!.id, '2025-05-10')).toBe(3);
    expect(await value('follower_growth', bsky!.id, '2025-05-10')).toBeUndefined();
    expect(calls).toEqual(['posts:2:v1']);
  });

  it('the next day counts the difference to each post\'s snapshot, growth and the rate; a re-run counts nothing twice', async () => {
    t.clock.set(new Date('2025-05-11T18:00:00Z'));
    account = { ...account, followers: 104 };
    counters = new Map([[old.remoteId!, { likes: 13, reposts: 0, replies: 1, fetchedAt: new Date() }], [fresh.remoteId!, { likes: 5, reposts: 0, replies: 0, fetchedAt: new Date() }]]);
    await collect('2025-05-11', '2025-05-11');
    await collect('2025-05-11', '2025-05-11');
    expect(await value('engagements', bsky!.id, '2025-05-11')).toBe(6);
    expect(await value('follower_growth', bsky!.id, '2025-05-11')).toBe(4);
    // (3 + 6) engagements / (2 posts × 104 followers) = 4.33 %
    expect(await value('engagement_rate', bsky!.id, '2025-05-11')).toBe(4.33);
    // The rotated credentials were sealed back into the channel.
    const [ch] = await db.select({ s: channels.credentialsSealed }).from(channels).where(eq(channels.id, bsky!.id));
    expect(JSON.parse(t.ctx.secrets.open(ch!.s!))).toEqual({ token: 'v2' });
    expect(calls.at(-1)).toBe('posts:2:v2');
  });

  it('cannot measure the past: a range before today stores no network values', async () => {
    t.clock.set(new Date('2025-05-12T18:00:00Z'));
    const runs = await collect('2025-05-01', '2025-05-05');
    expect(runs.find((r) => r.id === 'networks.metrics')!.stored).toBe(0);
  });

  it('reports an unreachable network and keeps no misleading totals for it', async () => {
    t.clock.set(new Date('2025-05-13T18:00:00Z'));
    const failing = { ...fake, metrics: { ...fake.metrics!, readAccountMetrics: async () => { throw new Error('AppView unreachable'); } } };
    setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? failing : undefined) });
    const runs = await collect('2025-05-13', '2025-05-13');
    expect(runs.find((r) => r.id === 'networks.metrics')!.error).toContain('Amt auf Bluesky: AppView unreachable');
    expect(await value('followers', '', '2025-05-13')).toBeUndefined();
    setPublishingDeps(t.ctx, { providers: (n) => (n === 'bluesky' ? fake : undefined) });
  });
});

describe('listening collector', () => {
  it('counts distinct mentions of the organisation, their sentiment and the share of voice per day', async () => {
    const [org] = await db.insert(listeningTopicGroups).values({ workspaceId: workspace.id, name: 'Amt', kind: 'org' }).returning();
    const [rival] = await db.insert(listeningTopicGroups).values({ workspaceId: workspace.id, name: 'Andere', kind: 'competitor' }).returning();
    const [q1] = await db.insert(listeningQueries).values({ workspaceId: workspace.id, groupId: org!.id, name: 'Amt', query: 'amt' }).returning();
    const [q2] = await db.insert(listeningQueries).values({ workspaceId: workspace.id, groupId: org!.id, name: 'Amt 2', query: 'behörde' }).returning();
    const [q3] = await db.insert(listeningQueries).values({ workspaceId: workspace.id, groupId: rival!.id, name: 'Andere', query: 'andere' }).returning();
    const at = new Date('2025-05-12T10:00:00Z');
    // Mention 1 matches both organisation queries: counted once.
    await db.insert(mentionMatches).values([
      { queryId: q1!.id, publishedAt: at, mentionId: 1, workspaceId: workspace.id, sentiment: 1 },
      { queryId: q2!.id, publishedAt: at, mentionId: 1, workspaceId: workspace.id, sentiment: 1 },
      { queryId: q1!.id, publishedAt: at, mentionId: 2, workspaceId: workspace.id, sentiment: -1 },
      { queryId: q1!.id, publishedAt: at, mentionId: 3, workspaceId: workspace.id, sentiment: 0 },
      { queryId: q1!.id, publishedAt: at, mentionId: 4, workspaceId: workspace.id, sentiment: -1 },
      { queryId: q3!.id, publishedAt: at, mentionId: 5, workspaceId: workspace.id, sentiment: 1 },
    ]);
    const bucket = new Date('2025-05-12T10:00:00Z');
    // Share of voice counts each mention once per group: the set rollups (mention 1 under both organisation queries).
    await db.insert(listeningSetRollups).values([
      { workspaceId: workspace.id, bucket, queryIds: [q1!.id, q2!.id].sort(), volume: 1, negative: 0, neutral: 0, positive: 1 },
      { workspaceId: workspace.id, bucket, queryIds: [q1!.id], volume: 3, negative: 2, neutral: 1, positive: 0 },
      { workspaceId: workspace.id, bucket, queryIds: [q3!.id], volume: 6, negative: 0, neutral: 0, positive: 6 },
    ]);
    await recountAllScopes(db, workspace.id);
    t.clock.set(new Date('2025-05-13T18:00:00Z'));
    await collect('2025-05-11', '2025-05-12');
    expect(await value('mentions', '', '2025-05-12')).toBe(4);
    expect(await value('mentions', '', '2025-05-11')).toBe(0);
    expect(await value('sentiment_positive_share', '', '2025-05-12')).toBe(25);
    expect(await value('sentiment_negative_share', '', '2025-05-12')).toBe(50);
    expect(await value('sentiment_negative_share', '', '2025-05-11')).toBeUndefined();
    expect(await value('share_of_voice', '', '2025-05-12')).toBe(40);
  });
});

describe('scheduled jobs', () => {
  it('runs the report dispatch as a graphile-worker task', async () => {
    t.clock.set(new Date('2025-05-01T10:00:00Z'));
    const r = await c.post(`${ws}/reports`, { name: 'Monatlich', scheduleEnabled: true, recipients: ['leitung@example.org'] });
    t.clock.set(new Date('2025-06-01T10:00:00Z'));
    const pgPool = t.ctx.database.pool as never;
    const logger = new Logger(() => () => undefined);
    await quickAddJob({ pgPool, logger }, 'reports.dispatch', {});
    await runOnce({ pgPool, logger, taskList: scheduledTaskList(t.ctx) });
    const rows = await db.select().from(reportDeliveries).where(eq(reportDeliveries.reportId, r.body.id));
    expect(rows.map((d) => [d.periodStart, d.trigger])).toEqual([['2025-05-01', 'schedule']]);
  });
});
