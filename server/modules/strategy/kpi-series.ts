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
 * One series for `metric` across `channels` (empty: the whole workspace). Values for the chosen
 * channels are combined per day — summed for counts and minutes, averaged for percentages (a sum
 * of shares would be meaningless). For the whole workspace each day takes the most aggregated
 * level stored that day — the workspace value (''), else the per-network values, else the
 * per-channel values — so a channel counted in its network is never counted twice.
 */
export async function loadSeries(tx: Tx, workspaceId: string, metric: KpiKey, channels: readonly string[], range: { from?: string; to?: string } = {}): Promise<KpiPoint[]> {
  const conds = [eq(kpiValues.workspaceId, workspaceId), eq(kpiValues.metric, metric)];
  if (range.from) conds.push(gte(kpiValues.date, range.from));
  if (range.to) conds.push(lte(kpiValues.date, range.to));
  const rows = await tx.select({ channel: kpiValues.channel, date: kpiValues.date, value: kpiValues.value }).from(kpiValues).where(and(...conds)).orderBy(asc(kpiValues.date));
  return combineSeries(rows, metric, channels);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 0 = workspace, 1 = network, 2 = channel id. */
const levelOf = (channel: string) => (channel === '' ? 0 : UUID.test(channel) ? 2 : 1);

/** Stored rows (any channels, any order) → one series for `channels`, by the rule of `loadSeries`. */
export function combineSeries(rows: readonly { channel: string; date: string; value: number }[], metric: KpiKey, channels: readonly string[]): KpiPoint[] {
  const byDay = new Map<string, { channel: string; value: number }[]>();
  for (const r of rows) {
    if (channels.length && !channels.includes(r.channel)) continue;
    byDay.set(r.date, [...(byDay.get(r.date) ?? []), r]);
  }
  const average = KPI_CATALOGUE[metric].unit === 'percent';
  const out: KpiPoint[] = [];
  for (const [date, all] of [...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    let used = all;
    if (!channels.length) {
      const top = Math.min(...all.map((r) => levelOf(r.channel)));
      used = all.filter((r) => levelOf(r.channel) === top);
    }
    const sum = used.reduce((a, r) => a + r.value, 0);
    out.push({ date, value: average ? sum / used.length : sum });
  }
  return out;
}
