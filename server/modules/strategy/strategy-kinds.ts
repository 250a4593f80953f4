/**
 * The kinds of strategy items and what is special about each: table, request/response schemas,
 * referenced ids, defaults and extra validation. The generic service and routes
 * (`strategy-items.service.ts`, `strategy.routes.ts`) do the rest the same way for all of them.
 */
import { asc, type SQL } from 'drizzle-orm';
import type { PgTableWithColumns } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import { KPI_CATALOGUE, type KpiKey } from '../../../common/kpi-catalogue.ts';
import * as s from '../../../common/schemas/strategy.ts';
import type { Tx } from '../../db/client.ts';
import type { FieldError } from '../../http/errors.ts';
import { calculateEffort, type EffortLine } from './effort-calculator.ts';
import { goalProgress } from './goal-progress.ts';
import { loadSeries } from './kpi-series.ts';
import type { RefSpec } from './strategy-refs.ts';
import * as t from './strategy.schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ItemTable = PgTableWithColumns<any>;
export type Row = Record<string, unknown> & { id: string; version: number };

export interface KindContext {
  tx: Tx;
  workspaceId: string;
  today: string;
}

export interface ItemKind {
  type: s.StrategyItemType;
  /** Singular object name for audit rows and error messages. */
  object: string;
  table: ItemTable;
  createSchema: z.ZodType;
  updateSchema: z.ZodType;
  responseSchema: z.ZodType;
  refs: RefSpec[];
  orderBy: (table: ItemTable) => SQL[];
  /** Values the create body may leave out that need more than a column default. */
  defaults?: (c: KindContext) => Record<string, unknown>;
  /** Rules across fields, on the merged state (`changed`: the fields this request sets). */
  validate?: (merged: Row, changed: ReadonlySet<string>, c: KindContext) => FieldError[];
  /** Adds computed fields (goal progress, effort result) for responses. */
  present?: (rows: Row[], c: KindContext) => Promise<Row[]>;
}

const byCreated = (table: ItemTable) => [asc(table.createdAt), asc(table.id)];

const goals: ItemKind = {
  type: 'goals', object: 'goal', table: t.strategyGoals,
  createSchema: s.goalCreateSchema, updateSchema: s.goalUpdateSchema, responseSchema: s.goalSchema,
  refs: [{ field: 'metaGoalId', kind: 'metaGoal' }, { field: 'ownerId', kind: 'member' }],
  orderBy: (tb) => [asc(tb.deadline), asc(tb.id)],
  defaults: (c) => ({ startDate: c.today }),
  validate: (g, changed, c) => {
    // An existing goal whose deadline has passed stays editable; only a newly set date must lie ahead.
    const today = changed.has('deadline') || changed.has('startDate') ? c.today : '0000-01-01';
    return s.smartIssues(g as s.SmartInput, today).map((i) => ({ path: `body.${i.path}`, message: i.message }));
  },
  present: async (rows, c) => {
    const out: Row[] = [];
    for (const g of rows) {
      const metric = g.metric as KpiKey;
      const series = await loadSeries(c.tx, c.workspaceId, metric, g.channels as string[]);
      const progress = goalProgress(
        { baseline: g.baseline as number, targetValue: g.targetValue as number, startDate: g.startDate as string, deadline: g.deadline as string, aggregation: KPI_CATALOGUE[metric].aggregation, windowDays: KPI_CATALOGUE[metric].currentWindowDays },
        series, c.today,
      );
      out.push({ ...g, progress });
    }
    return out;
  },
};

const effortPlans: ItemKind = {
  type: 'effort-plans', object: 'effort_plan', table: t.strategyEffortPlans,
  createSchema: s.effortPlanCreateSchema, updateSchema: s.effortPlanUpdateSchema, responseSchema: s.effortPlanSchema,
  refs: [{ field: 'capacity', kind: 'member', pick: 'userId' }],
  orderBy: byCreated,
  present: async (rows) => rows.map((p) => ({
    ...p,
    result: calculateEffort({
      lines: p.lines as EffortLine[],
      monitoringHoursPerWeek: p.monitoringHoursPerWeek as number,
      capacity: p.capacity as { hoursPerWeek: number }[],
      budgetItems: p.budgetItems as { amountEur: number }[],
    }),
  })),
};

const phases: ItemKind = {
  type: 'phases', object: 'rollout_phase', table: t.strategyPhases,
  createSchema: s.phaseCreateSchema, updateSchema: s.phaseUpdateSchema, responseSchema: s.phaseSchema,
  refs: [{ field: 'memberIds', kind: 'member' }],
  orderBy: (tb) => [asc(tb.position), asc(tb.startDate), asc(tb.id)],
  validate: (p) => (p.startDate && p.endDate && (p.endDate as string) < (p.startDate as string) ? [{ path: 'body.endDate', message: 'the end must not be before the start' }] : []),
};

export const ITEM_KINDS: readonly ItemKind[] = [
  {
    type: 'challenges', object: 'challenge', table: t.strategyChallenges,
    createSchema: s.challengeCreateSchema, updateSchema: s.challengeUpdateSchema, responseSchema: s.challengeSchema,
    refs: [{ field: 'ownerId', kind: 'member' }], orderBy: byCreated,
  },
  {
    type: 'meta-goals', object: 'meta_goal', table: t.strategyMetaGoals,
    createSchema: s.metaGoalCreateSchema, updateSchema: s.metaGoalUpdateSchema, responseSchema: s.metaGoalSchema,
    refs: [{ field: 'ownerId', kind: 'member' }], orderBy: byCreated,
  },
  goals,
  {
    type: 'target-groups', object: 'target_group', table: t.strategyTargetGroups,
    createSchema: s.targetGroupCreateSchema, updateSchema: s.targetGroupUpdateSchema, responseSchema: s.targetGroupSchema,
    refs: [], orderBy: (tb) => [asc(tb.priority), asc(tb.createdAt), asc(tb.id)],
  },
  {
    type: 'platforms', object: 'platform_strategy', table: t.strategyPlatforms,
    createSchema: s.platformCreateSchema, updateSchema: s.platformUpdateSchema, responseSchema: s.platformSchema,
    refs: [{ field: 'channelId', kind: 'channel' }, { field: 'targetGroupIds', kind: 'targetGroup' }, { field: 'ownerId', kind: 'member' }, { field: 'deputyId', kind: 'member' }],
    orderBy: (tb) => [asc(tb.network), asc(tb.createdAt), asc(tb.id)],
    validate: (p) => (p.ownerId && p.ownerId === p.deputyId ? [{ path: 'body.deputyId', message: 'the substitute must be someone other than the owner' }] : []),
  },
  {
    type: 'topics', object: 'topic', table: t.strategyTopics,
    createSchema: s.topicCreateSchema, updateSchema: s.topicUpdateSchema, responseSchema: s.topicSchema,
    refs: [{ field: 'goalIds', kind: 'goal' }, { field: 'targetGroupIds', kind: 'targetGroup' }],
    orderBy: (tb) => [asc(tb.kind), asc(tb.name), asc(tb.id)],
  },
  effortPlans,
  phases,
];

export function kindOf(type: string): ItemKind {
  const k = ITEM_KINDS.find((x) => x.type === type);
  if (!k) throw new Error(`unknown strategy item type ${type}`);
  return k;
}

/** Ids stored in arrays of other items; removed from there when the item is deleted. */
export const ARRAY_REFERENCES: Partial<Record<s.StrategyItemType, { table: ItemTable; column: string }[]>> = {
  'target-groups': [{ table: t.strategyPlatforms, column: 'target_group_ids' }, { table: t.strategyTopics, column: 'target_group_ids' }],
  goals: [{ table: t.strategyTopics, column: 'goal_ids' }],
};
