/**
 * KPI collectors: each module that can measure something (publishing: followers and posts per
 * channel; inbox: response times; listening: mentions, sentiment, share of voice) registers one.
 * `runKpiCollectors` runs them for a workspace and a day range (daily job and on demand) and
 * stores what they return. Running twice for the same days overwrites the same rows (upsert), so
 * a retried or repeated run is harmless.
 */
import type { KpiKey } from '../../../common/kpi-catalogue.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { storeKpiValues, type KpiSample } from './kpi-series.ts';

export interface KpiCollectInput {
  ctx: AppContext;
  workspaceId: string;
  /** Inclusive day range `YYYY-MM-DD` in the workspace time zone. */
  from: string;
  to: string;
}

export interface KpiCollector {
  /** Stable id, also stored as the `source` of its values (`publishing.bluesky`). */
  id: string;
  metrics: readonly KpiKey[];
  collect(input: KpiCollectInput): Promise<KpiSample[]>;
}

/**
 * Thrown by a collector that measured part of what it should (one channel's network was down):
 * the samples it has are stored, the message is reported as the collector's error.
 */
export class PartialCollection extends Error {
  readonly samples: KpiSample[];
  constructor(samples: KpiSample[], message: string) {
    super(message);
    this.name = 'PartialCollection';
    this.samples = samples;
  }
}

const collectors = new Map<string, KpiCollector>();

/** Adds (or replaces, by id) a collector; modules call this when they are loaded. */
export function registerKpiCollector(c: KpiCollector): void {
  collectors.set(c.id, c);
}
export function kpiCollectors(): KpiCollector[] {
  return [...collectors.values()];
}
/** For tests: forget a collector. */
export function unregisterKpiCollector(id: string): void {
  collectors.delete(id);
}

export interface CollectorRun {
  id: string;
  stored: number;
  error: string | null;
}

/**
 * Runs every collector; one failing collector (network down) does not stop the others, its error
 * is reported. Values outside a collector's declared metrics are dropped.
 */
export async function runKpiCollectors(input: KpiCollectInput, store: (tx: Tx, source: string, samples: KpiSample[]) => Promise<number>): Promise<CollectorRun[]> {
  const runs: CollectorRun[] = [];
  const keep = (c: KpiCollector, samples: KpiSample[]) => samples.filter((s) => c.metrics.includes(s.metric) && s.date >= input.from && s.date <= input.to);
  for (const c of kpiCollectors()) {
    try {
      const stored = await store(input.ctx.database.db, c.id, keep(c, await c.collect(input)));
      runs.push({ id: c.id, stored, error: null });
    } catch (err) {
      if (err instanceof PartialCollection) {
        input.ctx.log.warn({ collector: c.id, reason: err.message }, 'KPI collector measured only part');
        runs.push({ id: c.id, stored: await store(input.ctx.database.db, c.id, keep(c, err.samples)), error: err.message.slice(0, 500) });
        continue;
      }
      input.ctx.log.warn({ err, collector: c.id }, 'KPI collector failed');
      runs.push({ id: c.id, stored: 0, error: err instanceof Error ? err.message.slice(0, 500) : 'failed' });
    }
  }
  return runs;
}

export const storeSamples = (workspaceId: string, now: Date) => (tx: Tx, source: string, samples: KpiSample[]) => storeKpiValues(tx, workspaceId, source, samples, now);
