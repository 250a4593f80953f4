/**
 * Collects everything a report shows for one period — key figures against the previous period,
 * KPI series per channel, goal progress and forecast as of the period's end, response times,
 * sentiment and share of voice, readiness and the next deadlines — from the KPI time series and
 * the strategy. The preview, the PDF, the CSV exports and the scheduled mail all render this one
 * object, so they always agree.
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { KPI_CATALOGUE, KPI_KEYS, type KpiKey } from '../../../common/kpi-catalogue.ts';
import { instantAt, addDays } from '../../../common/local-date.ts';
import type { ReportData, ReportPeriodKind } from '../../../common/schemas/reporting.ts';
import type { Tx } from '../../db/client.ts';
import { users } from '../identity/identity.schema.ts';
import { channels as channelsTable } from '../publishing/publishing.schema.ts';
import { goalProgress } from '../strategy/goal-progress.ts';
import { registerDefaultReadinessChecks } from '../strategy/readiness/readiness-defaults.ts';
import { runReadiness, scoreReadiness } from '../strategy/readiness/readiness-registry.ts';
import { combineSeries } from '../strategy/kpi-series.ts';
import { kpiValues, strategyGoals, strategyMetaGoals, strategyPlatforms } from '../strategy/strategy.schema.ts';
import { nextDeadlines } from '../strategy/deadlines.ts';
import { dayIn } from '../strategy/workspace-day.ts';
import { organisations, workspaces } from '../workspaces/workspaces.schema.ts';
import { breakdownRefs, periodValue, relativeChange, weightedShare } from './report-figures.ts';
import { customPeriod, lastCompletePeriod, previousPeriod, type Period } from './report-period.ts';

export interface ReportSpec {
  id: string | null;
  name: string;
  period: ReportPeriodKind;
  language: 'de' | 'en';
  goalIds: string[];
  metrics: KpiKey[];
  channels: string[];
}

/** Order of the key figure tiles on the first page (at most six, those with data). */
const KEY_FIGURES: KpiKey[] = ['followers', 'posts_published', 'engagements', 'mentions', 'share_of_voice', 'inbox_first_response_minutes', 'sentiment_negative_share', 'engagement_rate'];
const NETWORK_LABEL: Record<string, string> = { bluesky: 'Bluesky', mastodon: 'Mastodon' };

type Row = { metric: string; channel: string; date: string; value: number };

export async function workspaceTimezone(tx: Tx, workspaceId: string): Promise<string> {
  const [ws] = await tx.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return ws?.tz ?? 'UTC';
}

/** The period a report covers: `from`/`to` when given, else the last complete period of its kind. */
export function reportPeriod(kind: ReportPeriodKind, today: string, range?: { from?: string; to?: string }): Period {
  if (range?.from && range.to) return customPeriod(range.from, range.to);
  if (range?.from) return customPeriod(range.from, today < range.from ? range.from : today);
  return lastCompletePeriod(kind, today);
}

/** `previous` overrides the comparison period (the dashboard compares "so far" like for like). */
export async function buildReportData(tx: Tx, workspaceId: string, spec: ReportSpec, now: Date, range?: { from?: string; to?: string }, opts: { previous?: Period } = {}): Promise<ReportData> {
  const lang = spec.language;
  const [ws] = await tx.select({ name: workspaces.name, tz: workspaces.timezone, organisation: organisations.name })
    .from(workspaces).innerJoin(organisations, eq(organisations.id, workspaces.organisationId)).where(eq(workspaces.id, workspaceId));
  const tz = ws?.tz ?? 'UTC';
  const today = dayIn(now, tz);
  const period = reportPeriod(spec.period, today, range);
  const previous = opts.previous ?? previousPeriod(period);

  const channelRows = await tx.select({ id: channelsTable.id, name: channelsTable.name, network: channelsTable.network }).from(channelsTable).where(eq(channelsTable.workspaceId, workspaceId));
  const networkOf = (ref: string) => channelRows.find((c) => c.id === ref)?.network ?? null;
  const labelOf = (ref: string) => {
    const c = channelRows.find((x) => x.id === ref);
    if (c) return `${c.name} (${NETWORK_LABEL[c.network] ?? c.network})`;
    return ref === '' ? (lang === 'de' ? 'Gesamt' : 'Total') : (NETWORK_LABEL[ref] ?? ref);
  };

  const rows: Row[] = await tx.select({ metric: kpiValues.metric, channel: kpiValues.channel, date: kpiValues.date, value: kpiValues.value }).from(kpiValues)
    .where(and(eq(kpiValues.workspaceId, workspaceId), gte(kpiValues.date, previous.from), lte(kpiValues.date, period.to), ...(spec.metrics.length ? [inArray(kpiValues.metric, spec.metrics)] : [])));
  const rowsOf = (m: KpiKey) => rows.filter((r) => r.metric === m);
  const inPeriod = (p: Period) => (x: { date: string }) => x.date >= p.from && x.date <= p.to;
  const metrics = spec.metrics.length ? KPI_KEYS.filter((k) => spec.metrics.includes(k)) : KPI_KEYS.filter((k) => rowsOf(k).length > 0);

  const kpis: ReportData['kpis'] = [];
  const seriesOf = (m: KpiKey, refs: string[]) => {
    const all = combineSeries(rowsOf(m), m, refs);
    const points = all.filter(inPeriod(period));
    const previousPoints = all.filter(inPeriod(previous));
    return { points, previousPoints, value: periodValue(m, points), previous: periodValue(m, previousPoints) };
  };
  for (const m of metrics) {
    kpis.push({ metric: m, channel: '', ...seriesOf(m, spec.channels) });
    if (!KPI_CATALOGUE[m].perChannel) continue;
    for (const ref of breakdownRefs(spec.channels, rowsOf(m).map((r) => r.channel), networkOf)) {
      if (spec.channels.length === 1) break; // one channel: the total is that channel
      kpis.push({ metric: m, channel: ref, ...seriesOf(m, [ref]) });
    }
  }
  const total = (m: KpiKey) => kpis.find((k) => k.metric === m && k.channel === '');

  const keyFigures = KEY_FIGURES.filter((m) => metrics.includes(m)).map((m) => total(m)!).filter((k) => k.value !== null || k.previous !== null)
    .slice(0, 6).map((k) => ({ metric: k.metric, value: k.value, previous: k.previous, change: relativeChange(k.value, k.previous) }));

  const goals = await reportGoals(tx, workspaceId, spec.goalIds, period.to < today ? period.to : today);
  const responseTimes = await reportResponseTimes(tx, workspaceId, metrics, kpis, labelOf, networkOf);

  let sentiment: ReportData['sentiment'] = null;
  const pos = total('sentiment_positive_share');
  const neg = total('sentiment_negative_share');
  if ((pos?.points.length || neg?.points.length)) {
    const volumes = total('mentions')?.points ?? seriesOf('mentions', []).points;
    const positive = weightedShare(pos?.points ?? [], volumes) ?? 0;
    const negative = weightedShare(neg?.points ?? [], volumes) ?? 0;
    sentiment = {
      positive, negative, neutral: Math.max(0, Math.round((100 - positive - negative) * 10) / 10),
      total: Math.round(volumes.reduce((s, p) => s + p.value, 0)),
      previousNegativeShare: weightedShare(neg?.previousPoints ?? [], total('mentions')?.previousPoints ?? []),
    };
  }
  const shareOfVoice = metrics.includes('share_of_voice') ? await reportShareOfVoice(tx, workspaceId, period, tz, total('share_of_voice')?.value ?? null, ws?.organisation ?? '', lang) : [];

  registerDefaultReadinessChecks();
  const readiness = scoreReadiness(await runReadiness({ tx, workspaceId, today }));
  const upcoming = await nextDeadlines(tx, workspaceId, today);

  const empty = !kpis.some((k) => k.points.length) && !goals.some((g) => g.current !== null) && !shareOfVoice.some((s) => s.volume > 0) && sentiment === null;
  const usedRefs = [...new Set(kpis.map((k) => k.channel).filter((c) => c !== ''))];
  return {
    report: { id: spec.id, name: spec.name, period: spec.period, language: lang },
    organisation: ws?.organisation ?? '',
    workspace: ws?.name ?? '',
    period,
    previous,
    generatedAt: now.toISOString(),
    empty,
    channels: usedRefs.map((ref) => ({ ref, label: labelOf(ref) })),
    keyFigures,
    kpis,
    goals,
    responseTimes,
    sentiment,
    shareOfVoice,
    readiness: { score: readiness.score, areas: readiness.areas.map((a) => ({ key: a.key, title: a.title[lang], score: a.score })) },
    nextDeadlines: upcoming,
  };
}

/** The chosen SMART goals (all when none are chosen) with progress and forecast as of `asOf`. */
async function reportGoals(tx: Tx, workspaceId: string, goalIds: string[], asOf: string): Promise<ReportData['goals']> {
  const goals = await tx.select({ g: strategyGoals, meta: strategyMetaGoals.title, owner: users.name }).from(strategyGoals)
    .leftJoin(strategyMetaGoals, eq(strategyMetaGoals.id, strategyGoals.metaGoalId)).leftJoin(users, eq(users.id, strategyGoals.ownerId))
    .where(and(eq(strategyGoals.workspaceId, workspaceId), ...(goalIds.length ? [inArray(strategyGoals.id, goalIds)] : [])))
    .orderBy(strategyGoals.deadline, strategyGoals.id);
  const metricsUsed = [...new Set(goals.map((x) => x.g.metric))];
  const series = metricsUsed.length ? await tx.select({ metric: kpiValues.metric, channel: kpiValues.channel, date: kpiValues.date, value: kpiValues.value }).from(kpiValues)
    .where(and(eq(kpiValues.workspaceId, workspaceId), inArray(kpiValues.metric, metricsUsed), lte(kpiValues.date, asOf))) : [];
  return goals.map(({ g, meta, owner }) => {
    const metric = g.metric as KpiKey;
    const points = combineSeries(series.filter((r) => r.metric === metric), metric, g.channels);
    const p = goalProgress({ baseline: g.baseline, targetValue: g.targetValue, startDate: g.startDate, deadline: g.deadline, aggregation: KPI_CATALOGUE[metric].aggregation, windowDays: KPI_CATALOGUE[metric].currentWindowDays }, points, asOf);
    return {
      id: g.id, title: g.title, metaGoal: meta ?? '', metric, channels: g.channels, baseline: g.baseline, targetValue: g.targetValue, startDate: g.startDate, deadline: g.deadline,
      owner: owner ?? null, current: p.current, progress: p.progress, projected: p.projected, projectedProgress: p.projectedProgress, forecast: p.forecast, achieved: p.achieved,
    };
  });
}

/** Median first response and share within target per channel, next to the platform strategy's target. */
async function reportResponseTimes(tx: Tx, workspaceId: string, metrics: KpiKey[], kpis: ReportData['kpis'], labelOf: (r: string) => string, networkOf: (r: string) => string | null): Promise<ReportData['responseTimes']> {
  if (!metrics.includes('inbox_first_response_minutes') && !metrics.includes('inbox_within_target_share')) return [];
  const platforms = await tx.select({ network: strategyPlatforms.network, channelId: strategyPlatforms.channelId, minutes: strategyPlatforms.responseTimeMinutes }).from(strategyPlatforms).where(eq(strategyPlatforms.workspaceId, workspaceId));
  const targetOf = (ref: string): number | null => {
    if (ref === '') {
      const all = platforms.map((p) => p.minutes).filter((m): m is number => m !== null);
      return all.length ? Math.min(...all) : null;
    }
    const byChannel = platforms.find((p) => p.channelId === ref)?.minutes;
    if (byChannel) return byChannel;
    const network = networkOf(ref) ?? ref;
    return platforms.find((p) => p.network === network && !p.channelId)?.minutes ?? platforms.find((p) => p.network === network)?.minutes ?? null;
  };
  const refs = [...new Set(kpis.filter((k) => k.metric === 'inbox_first_response_minutes' || k.metric === 'inbox_within_target_share').map((k) => k.channel))];
  const find = (m: KpiKey, ref: string) => kpis.find((k) => k.metric === m && k.channel === ref);
  return refs.map((ref) => ({
    channel: ref, label: labelOf(ref),
    medianMinutes: find('inbox_first_response_minutes', ref)?.value ?? null,
    previousMedianMinutes: find('inbox_first_response_minutes', ref)?.previous ?? null,
    withinTargetShare: find('inbox_within_target_share', ref)?.value ?? null,
    targetMinutes: targetOf(ref),
  })).filter((r) => r.medianMinutes !== null || r.withinTargetShare !== null);
}

/**
 * Share of voice of the period from the listening rollups (organisation vs comparison actors);
 * without listening data in the period, the stored KPI share against "all others".
 */
async function reportShareOfVoice(tx: Tx, workspaceId: string, period: Period, tz: string, kpiShare: number | null, organisation: string, lang: 'de' | 'en'): Promise<ReportData['shareOfVoice']> {
  const from = instantAt(period.from, '00:00', tz);
  const to = instantAt(addDays(period.to, 1), '00:00', tz);
  const r = await tx.execute<{ name: string; kind: string; volume: number }>(sql`
    SELECT g.name, g.kind, coalesce(sum(r.volume), 0)::int AS volume
    FROM listening_topic_groups g
    LEFT JOIN listening_scope_rollups r ON r.scope_id = g.id AND r.bucket >= ${from} AND r.bucket < ${to}
    WHERE g.workspace_id = ${workspaceId} AND g.kind IN ('org', 'competitor') AND EXISTS (SELECT 1 FROM listening_queries q WHERE q.group_id = g.id)
    GROUP BY g.id, g.name, g.kind ORDER BY g.kind DESC, volume DESC`);
  const sum = r.rows.reduce((s, x) => s + Number(x.volume), 0);
  if (sum > 0) return r.rows.map((x) => ({ label: x.name, kind: x.kind, volume: Number(x.volume), share: Math.round((Number(x.volume) / sum) * 1000) / 10 }));
  if (kpiShare === null) return [];
  return [
    { label: organisation, kind: 'org', volume: 0, share: kpiShare },
    { label: lang === 'de' ? 'Vergleichsakteure' : 'Comparison actors', kind: 'competitor', volume: 0, share: Math.round((100 - kpiShare) * 10) / 10 },
  ];
}
