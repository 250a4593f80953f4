/** Reading and writing the KPI time series (`kpi_values`). */
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { KPI_CATALOGUE, type KpiKey } from '../../../common/kpi-catalogue.ts';
import type { Tx } from '../../db/client.ts';
import type { KpiPoint } from './goal-progress.ts';
import { kpiValues } from './strategy.schema.ts';

export interface KpiSample {
  metric: KpiKey;
  /** Network name or channel id; null/'' for a workspace-wide value. */
  channel?: string | null;
  date: string;
  value: number;
}

/** Upserts samples (one value per workspace, metric, channel and day: a re-run overwrites). */
export async function storeKpiValues(tx: Tx, workspaceId: string, source: string, samples: readonly KpiSample[], now: Date): Promise<number> {
  if (!samples.length) return 0;
  const rows = samples.map((s) => ({ workspaceId, metric: s.metric, channel: s.channel ?? '', date: s.date, value: s.value, source, updatedAt: now }));
  await tx.insert(kpiValues).values(rows).onConflictDoUpdate({
    target: [kpiValues.workspaceId, kpiValues.metric, kpiValues.channel, kpiValues.date],
    set: { value: sql`excluded.value`, source: sql`excluded.source`, updatedAt: sql`excluded.updated_at` },
  });
  return rows.length;
}

/**
 * One series for `metric` across `channels` (empty: the whole workspace). Workspace-wide values
 * win where they exist; otherwise per-channel values are combined per day — summed for counts
 * and minutes, averaged for percentages (a share of shares would be meaningless as a sum).
 */
export async function loadSeries(tx: Tx, workspaceId: string, metric: KpiKey, channels: readonly string[], range: { from?: string; to?: string } = {}): Promise<KpiPoint[]> {
  const conds = [eq(kpiValues.workspaceId, workspaceId), eq(kpiValues.metric, metric)];
  if (range.from) conds.push(gte(kpiValues.date, range.from));
  if (range.to) conds.push(lte(kpiValues.date, range.to));
  const rows = await tx.select({ channel: kpiValues.channel, date: kpiValues.date, value: kpiValues.value }).from(kpiValues).where(and(...conds)).orderBy(asc(kpiValues.date));
  const wanted = channels.length ? rows.filter((r) => channels.includes(r.channel)) : rows.some((r) => r.channel === '') ? rows.filter((r) => r.channel === '') : rows;
  const byDay = new Map<string, number[]>();
  for (const r of wanted) byDay.set(r.date, [...(byDay.get(r.date) ?? []), r.value]);
  const average = KPI_CATALOGUE[metric].unit === 'percent';
  return [...byDay.entries()].map(([date, vs]) => ({ date, value: average ? vs.reduce((a, b) => a + b, 0) / vs.length : vs.reduce((a, b) => a + b, 0) }));
}
