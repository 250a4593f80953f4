/**
 * KPIs read from the networks (Bluesky AppView, Mastodon API) for every connected channel whose
 * provider has the `metrics` capability: `followers`, `follower_growth` (against the last stored
 * day), `engagements` (new likes, reposts, replies and quotes on the channel's posts of the last
 * 30 days: today's counters minus each post's previous snapshot) and `engagement_rate`.
 *
 * Networks report the present only, so this collector measures "today" (workspace time zone) and
 * nothing for past days; it runs daily and on demand. Values are stored per channel, per network
 * and for the workspace; re-running the same day overwrites them (and the post snapshots), so
 * engagement is never counted twice. One unreachable channel does not lose the others: their
 * values are stored and the failure is reported (`PartialCollection`).
 */
import { and, desc, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import { addDays } from '../../../../common/local-date.ts';
import type { CallContext, PostMetrics } from '../../../../providers/contract.ts';
import type { AppContext } from '../../../http/context.ts';
import { publishingDeps } from '../../publishing/provider-resolver.ts';
import { channels, publishTargets } from '../../publishing/publishing.schema.ts';
import { PartialCollection, type KpiCollector } from '../../strategy/kpi-collectors.ts';
import type { KpiSample } from '../../strategy/kpi-series.ts';
import { kpiPostSnapshots, kpiValues } from '../../strategy/strategy.schema.ts';
import { workspaceToday } from '../../strategy/workspace-day.ts';

/** Posts younger than this are followed (older ones rarely gain engagement; bounded network calls). */
export const TRACKED_POST_DAYS = 30;
const RATE_WINDOW_DAYS = 28;

type Channel = typeof channels.$inferSelect;
const total = (m: PostMetrics) => m.likes + m.reposts + m.replies + (m.quotes ?? 0);

function callContext(ctx: AppContext, ch: Channel): CallContext {
  return {
    credentials: JSON.parse(ctx.secrets.open(ch.credentialsSealed!)) as Record<string, unknown>,
    // Bluesky rotates its refresh token on every session resume: the next caller needs the new one.
    onCredentialsUpdate: async (next) => {
      await ctx.database.db.update(channels).set({ credentialsSealed: ctx.secrets.seal(JSON.stringify(next)) }).where(eq(channels.id, ch.id));
    },
    signal: AbortSignal.timeout(60_000),
  };
}

export interface ChannelResult {
  channel: Channel;
  followers: number;
  growth: number | null;
  engagements: number;
  /** Engagements of the last 28 days including today, and posts published in them. */
  engagements28: number;
  posts28: number;
}

async function measureChannel(ctx: AppContext, workspaceId: string, ch: Channel, today: string, now: Date): Promise<ChannelResult | null> {
  const provider = publishingDeps(ctx).providers(ch.network);
  if (!provider?.metrics || !provider.descriptor.capabilities.includes('metrics')) return null;
  const db = ctx.database.db;
  const call = callContext(ctx, ch);
  const account = await provider.metrics.readAccountMetrics(call);

  const since = new Date(now.getTime() - TRACKED_POST_DAYS * 86_400_000);
  const posts = await db.select({ id: publishTargets.id, remoteId: publishTargets.remoteId, publishedAt: publishTargets.publishedAt }).from(publishTargets)
    .where(and(eq(publishTargets.channelId, ch.id), eq(publishTargets.state, 'published'), isNotNull(publishTargets.remoteId), gte(publishTargets.publishedAt, since)));
  const counters = posts.length ? await provider.metrics.readManyMetrics(call, posts.map((p) => ({ id: p.remoteId! }))) : new Map<string, PostMetrics>();

  // Each post's latest snapshot before today: today's counters minus that are today's new engagement.
  const prev = posts.length ? await db.selectDistinctOn([kpiPostSnapshots.targetId], { targetId: kpiPostSnapshots.targetId, likes: kpiPostSnapshots.likes, reposts: kpiPostSnapshots.reposts, replies: kpiPostSnapshots.replies, quotes: kpiPostSnapshots.quotes })
    .from(kpiPostSnapshots).where(and(inArray(kpiPostSnapshots.targetId, posts.map((p) => p.id)), lt(kpiPostSnapshots.date, today)))
    .orderBy(kpiPostSnapshots.targetId, desc(kpiPostSnapshots.date)) : [];
  const yesterdayStart = new Date(now.getTime() - 86_400_000);
  let engagements = 0;
  const rows = [];
  for (const p of posts) {
    const m = counters.get(p.remoteId!);
    if (!m) continue; // deleted on the network
    rows.push({ workspaceId, targetId: p.id, channelId: ch.id, date: today, likes: m.likes, reposts: m.reposts, replies: m.replies, quotes: m.quotes ?? 0, updatedAt: now });
    const before = prev.find((x) => x.targetId === p.id);
    if (before) engagements += total(m) - (before.likes + before.reposts + before.replies + before.quotes);
    // A post first seen today counts fully only when it is new; an older post seen for the first
    // time (the collector just started) sets its baseline instead of one day's spike.
    else if (p.publishedAt && p.publishedAt >= yesterdayStart) engagements += total(m);
  }
  if (rows.length) {
    await db.insert(kpiPostSnapshots).values(rows).onConflictDoUpdate({
      target: [kpiPostSnapshots.targetId, kpiPostSnapshots.date],
      set: { likes: sql`excluded.likes`, reposts: sql`excluded.reposts`, replies: sql`excluded.replies`, quotes: sql`excluded.quotes`, updatedAt: sql`excluded.updated_at` },
    });
  }

  const history = await db.select({ metric: kpiValues.metric, date: kpiValues.date, value: kpiValues.value }).from(kpiValues)
    .where(and(eq(kpiValues.workspaceId, workspaceId), eq(kpiValues.channel, ch.id), inArray(kpiValues.metric, ['followers', 'engagements', 'posts_published']), gte(kpiValues.date, addDays(today, -RATE_WINDOW_DAYS)), lt(kpiValues.date, today)));
  const lastFollowers = history.filter((h) => h.metric === 'followers').sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const inWindow = (h: { date: string }) => h.date > addDays(today, -RATE_WINDOW_DAYS);
  const [published28] = await db.select({ n: sql<number>`count(*)::int` }).from(publishTargets)
    .where(and(eq(publishTargets.channelId, ch.id), eq(publishTargets.state, 'published'), gte(publishTargets.publishedAt, new Date(now.getTime() - RATE_WINDOW_DAYS * 86_400_000))));
  return {
    channel: ch,
    followers: account.followers,
    growth: lastFollowers ? account.followers - lastFollowers.value : null,
    engagements,
    engagements28: engagements + history.filter((h) => h.metric === 'engagements' && inWindow(h)).reduce((s, h) => s + h.value, 0),
    posts28: Number(published28?.n ?? 0),
  };
}

/**
 * Samples per channel, per network and for the workspace. A network (or the workspace) whose
 * channels were not all measured gets no total for the day: a sum over the reachable channels
 * would look like a drop in followers.
 */
export function samplesOf(results: ChannelResult[], failedNetworks: ReadonlySet<string>, today: string): KpiSample[] {
  const out: KpiSample[] = [];
  const push = (channel: string | null, rs: ChannelResult[]) => {
    const followers = rs.reduce((s, r) => s + r.followers, 0);
    out.push({ metric: 'followers', channel, date: today, value: followers });
    if (rs.every((r) => r.growth !== null)) out.push({ metric: 'follower_growth', channel, date: today, value: rs.reduce((s, r) => s + r.growth!, 0) });
    out.push({ metric: 'engagements', channel, date: today, value: rs.reduce((s, r) => s + r.engagements, 0) });
    // Aggregated like the definition: engagements over (posts × followers), each channel weighted by its own audience.
    const denominator = rs.reduce((s, r) => s + r.posts28 * r.followers, 0);
    const er = denominator > 0 ? Math.round((rs.reduce((s, r) => s + r.engagements28, 0) / denominator) * 10_000) / 100 : null;
    if (er !== null) out.push({ metric: 'engagement_rate', channel, date: today, value: er });
  };
  for (const r of results) push(r.channel.id, [r]);
  for (const n of [...new Set(results.map((r) => r.channel.network))]) if (!failedNetworks.has(n)) push(n, results.filter((r) => r.channel.network === n));
  if (results.length && !failedNetworks.size) push(null, results);
  return out;
}

export const networkMetricsCollector: KpiCollector = {
  id: 'networks.metrics',
  metrics: ['followers', 'follower_growth', 'engagements', 'engagement_rate'],
  async collect({ ctx, workspaceId, from, to }) {
    const now = ctx.clock.now();
    const today = await workspaceToday(ctx.database.db, workspaceId, now);
    if (today < from || today > to) return []; // the networks cannot be asked about the past
    const list = await ctx.database.db.select().from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.status, 'connected'), isNotNull(channels.credentialsSealed)));
    const results: ChannelResult[] = [];
    const failures: string[] = [];
    const failedNetworks = new Set<string>();
    for (const ch of list) {
      try {
        const r = await measureChannel(ctx, workspaceId, ch, today, now);
        if (r) results.push(r);
      } catch (e) {
        failures.push(`${ch.name}: ${e instanceof Error ? e.message : String(e)}`);
        failedNetworks.add(ch.network);
      }
    }
    const samples = samplesOf(results, failedNetworks, today);
    if (failures.length) throw new PartialCollection(samples, `not measured: ${failures.join('; ')}`);
    return samples;
  },
};
