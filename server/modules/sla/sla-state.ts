/**
 * The SLA state of an item, from its stored due dates (pure, and the same rule as SQL for list
 * filters over a million items, where no per-row service-hours arithmetic is possible):
 * - open, no first response yet: the first-response clock runs → `ok`, `warning` (past the warn
 *   instant), `breached` (past the due instant);
 * - open, answered: the resolution clock runs the same way (without a resolution target: `met` or
 *   `missed` of the first response);
 * - resolved: `met` when every target was kept, else `missed`.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

export const SLA_STATES = ['ok', 'warning', 'breached', 'met', 'missed'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaClock {
  firstResponseDueAt: Date | null;
  firstResponseWarnAt: Date | null;
  firstResponseAt: Date | null;
  resolutionDueAt: Date | null;
  resolutionWarnAt: Date | null;
  resolvedAt: Date | null;
}

function running(due: Date | null, warn: Date | null, now: Date): SlaState {
  if (due && now >= due) return 'breached';
  if (warn && now >= warn) return 'warning';
  return 'ok';
}

export function slaState(c: SlaClock, now: Date): SlaState {
  const firstKept = (at: Date) => !c.firstResponseDueAt || at <= c.firstResponseDueAt;
  if (c.resolvedAt) {
    const first = firstKept(c.firstResponseAt ?? c.resolvedAt);
    const res = !c.resolutionDueAt || c.resolvedAt <= c.resolutionDueAt;
    return first && res ? 'met' : 'missed';
  }
  if (!c.firstResponseAt) return running(c.firstResponseDueAt, c.firstResponseWarnAt, now);
  if (c.resolutionDueAt) return running(c.resolutionDueAt, c.resolutionWarnAt, now);
  return firstKept(c.firstResponseAt) ? 'met' : 'missed';
}

/** The columns of the item table that hold the clock. */
export interface SlaColumns {
  firstResponseDueAt: AnyPgColumn;
  firstResponseWarnAt: AnyPgColumn;
  firstResponseAt: AnyPgColumn;
  resolutionDueAt: AnyPgColumn;
  resolutionWarnAt: AnyPgColumn;
  resolvedAt: AnyPgColumn;
}

/** `slaState` as a SQL expression (for a computed column in a list). */
export function slaStateSql(c: SlaColumns, now: Date): SQL<SlaState> {
  const n = sql`${now.toISOString()}::timestamptz`;
  const firstKept = (at: SQL) => sql`(${c.firstResponseDueAt} IS NULL OR ${at} <= ${c.firstResponseDueAt})`;
  const run = (due: AnyPgColumn, warn: AnyPgColumn) => sql`CASE WHEN ${due} IS NOT NULL AND ${n} >= ${due} THEN 'breached' WHEN ${warn} IS NOT NULL AND ${n} >= ${warn} THEN 'warning' ELSE 'ok' END`;
  return sql<SlaState>`CASE
    WHEN ${c.resolvedAt} IS NOT NULL THEN CASE WHEN ${firstKept(sql`coalesce(${c.firstResponseAt}, ${c.resolvedAt})`)} AND (${c.resolutionDueAt} IS NULL OR ${c.resolvedAt} <= ${c.resolutionDueAt}) THEN 'met' ELSE 'missed' END
    WHEN ${c.firstResponseAt} IS NULL THEN ${run(c.firstResponseDueAt, c.firstResponseWarnAt)}
    WHEN ${c.resolutionDueAt} IS NOT NULL THEN ${run(c.resolutionDueAt, c.resolutionWarnAt)}
    ELSE CASE WHEN ${firstKept(sql`${c.firstResponseAt}`)} THEN 'met' ELSE 'missed' END
  END`;
}

/**
 * A WHERE condition selecting items in `state`, written as range tests on the due columns so an
 * index on (workspace, first_response_due_at) serves the common filters (`breached`, `warning`).
 */
export function slaStateWhere(state: SlaState, c: SlaColumns, now: Date): SQL {
  const n = sql`${now.toISOString()}::timestamptz`;
  const openFirst = sql`${c.resolvedAt} IS NULL AND ${c.firstResponseAt} IS NULL`;
  const openRes = sql`${c.resolvedAt} IS NULL AND ${c.firstResponseAt} IS NOT NULL AND ${c.resolutionDueAt} IS NOT NULL`;
  switch (state) {
    case 'breached':
      return sql`((${openFirst} AND ${c.firstResponseDueAt} <= ${n}) OR (${openRes} AND ${c.resolutionDueAt} <= ${n}))`;
    case 'warning':
      return sql`((${openFirst} AND ${c.firstResponseWarnAt} <= ${n} AND (${c.firstResponseDueAt} IS NULL OR ${c.firstResponseDueAt} > ${n}))
        OR (${openRes} AND ${c.resolutionWarnAt} <= ${n} AND ${c.resolutionDueAt} > ${n}))`;
    case 'ok':
      return sql`((${openFirst} AND (${c.firstResponseWarnAt} IS NULL OR ${c.firstResponseWarnAt} > ${n}) AND (${c.firstResponseDueAt} IS NULL OR ${c.firstResponseDueAt} > ${n}))
        OR (${openRes} AND (${c.resolutionWarnAt} IS NULL OR ${c.resolutionWarnAt} > ${n}) AND ${c.resolutionDueAt} > ${n}))`;
    default:
      return sql`(${slaStateSql(c, now)}) = ${state}`;
  }
}
