/**
 * Request/response schemas of the strategy workspace: challenges, meta and SMART goals, target
 * groups, platform strategy, topics, effort plans, roll-out phases, versions, comments, KPIs and
 * the readiness navigator. Create bodies carry no defaults so `update = create.partial()` stays
 * a true patch; the server fills defaults.
 */
import { z } from 'zod';
import { KPI_KEYS } from '../kpi-catalogue.ts';
import { LIMITS } from '../limits.ts';
import { uuidSchema } from './common.ts';

const name = z.string().trim().min(1).max(LIMITS.name);
const longText = z.string().max(20_000);
const shortText = z.string().max(2_000);
const entry = z.string().trim().min(1).max(500);
const list = z.array(entry).max(50);
const idList = z.array(uuidSchema).max(100);
/** Calendar day `YYYY-MM-DD` (deadlines are days in the workspace time zone). */
export const isoDaySchema = z.iso.date();
/** A network name (`bluesky`, `mastodon`) or a channel id. */
const channelRef = z.string().trim().min(1).max(100);
const number = z.number().min(-1e12).max(1e12);

export const STRATEGY_ITEM_TYPES = ['challenges', 'meta-goals', 'goals', 'target-groups', 'platforms', 'topics', 'effort-plans', 'phases'] as const;
export type StrategyItemType = (typeof STRATEGY_ITEM_TYPES)[number];
export const CHALLENGE_STATES = ['not_started', 'in_progress', 'blocked', 'done'] as const;
export const TONES = ['du', 'Sie'] as const;
export const TOPIC_KINDS = ['pillar', 'format'] as const;

const meta = { id: uuidSchema, version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

// ── Challenges ───────────────────────────────────────────────────────────────────────────────
export const challengeCreateSchema = z.strictObject({
  title: name,
  description: longText.optional(),
  ownerId: uuidSchema.nullable().optional(),
  measures: list.optional(),
  progress: z.number().int().min(0).max(100).optional(),
  state: z.enum(CHALLENGE_STATES).optional(),
});
export const challengeUpdateSchema = challengeCreateSchema.partial();
export const challengeSchema = z.object({
  ...meta, title: z.string(), description: z.string(), ownerId: uuidSchema.nullable(), measures: z.array(z.string()),
  progress: z.number().int(), state: z.enum(CHALLENGE_STATES),
});

// ── Meta goals and SMART goals ───────────────────────────────────────────────────────────────
export const metaGoalCreateSchema = z.strictObject({ title: name, description: longText.optional(), ownerId: uuidSchema.nullable().optional() });
export const metaGoalUpdateSchema = metaGoalCreateSchema.partial();
export const metaGoalSchema = z.object({ ...meta, title: z.string(), description: z.string(), ownerId: uuidSchema.nullable() });

export const goalCreateSchema = z.strictObject({
  metaGoalId: uuidSchema,
  title: name,
  metric: z.enum(KPI_KEYS),
  channels: z.array(channelRef).max(20).optional(),
  baseline: number.optional(),
  targetValue: number,
  /** Start of measurement; defaults to today. */
  startDate: isoDaySchema.optional(),
  deadline: isoDaySchema,
  ownerId: uuidSchema.nullable().optional(),
});
export const goalUpdateSchema = goalCreateSchema.partial();
export const FORECAST_STATES = ['on_track', 'at_risk', 'off_track', 'insufficient_data'] as const;
export const goalProgressSchema = z.object({
  current: z.number().nullable(),
  progress: z.number().nullable(),
  achieved: z.boolean(),
  forecast: z.enum(FORECAST_STATES),
  projected: z.number().nullable(),
  projectedProgress: z.number().nullable(),
  points: z.number().int(),
});
export const goalSchema = z.object({
  ...meta, metaGoalId: uuidSchema, title: z.string(), metric: z.enum(KPI_KEYS), channels: z.array(z.string()),
  baseline: z.number(), targetValue: z.number(), startDate: z.string(), deadline: z.string(), ownerId: uuidSchema.nullable(),
  progress: goalProgressSchema,
});

export interface SmartInput {
  metric?: string | null;
  baseline?: number | null;
  targetValue?: number | null;
  startDate?: string | null;
  deadline?: string | null;
}
/**
 * SMART check shared by server and web: a catalogue metric (measurable), a target number that
 * differs from the baseline (specific), a deadline that is a real day, not in the past and after
 * the start (time-bound). `today` is `YYYY-MM-DD` in the workspace time zone. Paths are relative
 * to the goal object.
 */
export function smartIssues(goal: SmartInput, today: string): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (!goal.metric || !(KPI_KEYS as readonly string[]).includes(goal.metric)) issues.push({ path: 'metric', message: 'choose a metric from the KPI catalogue' });
  if (typeof goal.targetValue !== 'number' || !Number.isFinite(goal.targetValue)) issues.push({ path: 'targetValue', message: 'a target value (number) is required' });
  else if (goal.targetValue === (goal.baseline ?? 0)) issues.push({ path: 'targetValue', message: 'the target value must differ from the baseline' });
  const validDay = (d: string | null | undefined): d is string => typeof d === 'string' && isoDaySchema.safeParse(d).success;
  if (!validDay(goal.deadline)) issues.push({ path: 'deadline', message: 'a deadline (YYYY-MM-DD) is required' });
  else if (goal.deadline < today) issues.push({ path: 'deadline', message: 'the deadline must not be in the past' });
  else if (validDay(goal.startDate) && goal.startDate >= goal.deadline) issues.push({ path: 'startDate', message: 'the start must be before the deadline' });
  return issues;
}

// ── Target groups ─────────────────────────────────────────────────────────────────────────────
export const targetGroupCreateSchema = z.strictObject({
  name,
  description: longText.optional(),
  needs: list.optional(),
  interests: list.optional(),
  priority: z.number().int().min(1).max(1000).optional(),
  platforms: z.array(channelRef).max(20).optional(),
  tone: z.enum(TONES).optional(),
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional(),
});
export const targetGroupUpdateSchema = targetGroupCreateSchema.partial();
export const targetGroupSchema = z.object({
  ...meta, name: z.string(), description: z.string(), needs: z.array(z.string()), interests: z.array(z.string()),
  priority: z.number().int(), platforms: z.array(z.string()), tone: z.enum(TONES), language: z.string(),
});
/** New ranking: ids from most to least important; each target group exactly once. */
export const targetGroupOrderSchema = z.strictObject({ ids: z.array(uuidSchema).min(1).max(200) });

// ── Platform strategy ─────────────────────────────────────────────────────────────────────────
export const platformCreateSchema = z.strictObject({
  network: channelRef,
  channelId: uuidSchema.nullable().optional(),
  purpose: longText.optional(),
  targetGroupIds: idList.optional(),
  postsPerWeek: z.number().min(0).max(1000).nullable().optional(),
  responseTimeMinutes: z.number().int().min(1).max(60 * 24 * 14).nullable().optional(),
  tone: shortText.optional(),
  visualIdentity: longText.optional(),
  ownerId: uuidSchema.nullable().optional(),
  deputyId: uuidSchema.nullable().optional(),
});
export const platformUpdateSchema = platformCreateSchema.partial();
export const platformSchema = z.object({
  ...meta, network: z.string(), channelId: uuidSchema.nullable(), purpose: z.string(), targetGroupIds: z.array(uuidSchema),
  postsPerWeek: z.number().nullable(), responseTimeMinutes: z.number().int().nullable(), tone: z.string(), visualIdentity: z.string(),
  ownerId: uuidSchema.nullable(), deputyId: uuidSchema.nullable(),
});

/** Largest brand-sheet upload (logos, colour sheets); larger files are refused with 413. */
export const BRAND_ASSET_MAX_BYTES = 5 * 1_048_576;
export const brandAssetParamsSchema = z.object({ workspaceId: uuidSchema, assetId: uuidSchema });
export const brandAssetSchema = z.object({
  id: uuidSchema, platformId: uuidSchema, filename: z.string(), label: z.string(), mimeType: z.string(), bytes: z.number().int(),
  width: z.number().int(), height: z.number().int(), createdAt: z.string(), fileUrl: z.string(),
});

// ── Topics and formats ────────────────────────────────────────────────────────────────────────
export const topicCreateSchema = z.strictObject({
  kind: z.enum(TOPIC_KINDS).optional(),
  name,
  description: longText.optional(),
  goalIds: idList.optional(),
  targetGroupIds: idList.optional(),
});
export const topicUpdateSchema = topicCreateSchema.partial();
export const topicSchema = z.object({
  ...meta, kind: z.enum(TOPIC_KINDS), name: z.string(), description: z.string(), goalIds: z.array(uuidSchema), targetGroupIds: z.array(uuidSchema),
});

// ── Effort plans ──────────────────────────────────────────────────────────────────────────────
const minutes = z.number().min(0).max(24 * 60);
export const effortLineSchema = z.strictObject({
  network: channelRef,
  postsPerWeek: z.number().min(0).max(1000),
  minutesPerPost: minutes,
  interactionsPerWeek: z.number().min(0).max(100_000),
  minutesPerInteraction: minutes,
});
export const capacityEntrySchema = z.strictObject({ userId: uuidSchema, hoursPerWeek: z.number().min(0).max(80) });
export const budgetItemSchema = z.strictObject({ label: entry, amountEur: z.number().min(0).max(1e9) });
export const effortPlanCreateSchema = z.strictObject({
  name,
  lines: z.array(effortLineSchema).max(50).optional(),
  monitoringHoursPerWeek: z.number().min(0).max(168).optional(),
  capacity: z.array(capacityEntrySchema).max(200).optional(),
  budgetItems: z.array(budgetItemSchema).max(100).optional(),
});
export const effortPlanUpdateSchema = effortPlanCreateSchema.partial();
export const effortResultSchema = z.object({
  lines: z.array(z.object({ network: z.string(), postingHours: z.number(), interactionHours: z.number(), totalHours: z.number() })),
  postingHours: z.number(),
  interactionHours: z.number(),
  monitoringHours: z.number(),
  plannedHours: z.number(),
  capacityHours: z.number(),
  utilisation: z.number().nullable(),
  overCapacity: z.boolean(),
  budgetEur: z.number(),
  warnings: z.array(z.string()),
});
export const effortPlanSchema = z.object({
  ...meta, name: z.string(), lines: z.array(effortLineSchema), monitoringHoursPerWeek: z.number(),
  capacity: z.array(capacityEntrySchema), budgetItems: z.array(budgetItemSchema), result: effortResultSchema,
});

// ── Roll-out phases ───────────────────────────────────────────────────────────────────────────
export const phaseCreateSchema = z.strictObject({
  name,
  position: z.number().int().min(1).max(100).optional(),
  isPilot: z.boolean().optional(),
  startDate: isoDaySchema.nullable().optional(),
  endDate: isoDaySchema.nullable().optional(),
  entryCriteria: list.optional(),
  exitCriteria: list.optional(),
  memberIds: idList.optional(),
  channels: z.array(channelRef).max(50).optional(),
});
export const phaseUpdateSchema = phaseCreateSchema.partial();
export const phaseSchema = z.object({
  ...meta, name: z.string(), position: z.number().int(), isPilot: z.boolean(), startDate: z.string().nullable(), endDate: z.string().nullable(),
  entryCriteria: z.array(z.string()), exitCriteria: z.array(z.string()), memberIds: z.array(uuidSchema), channels: z.array(z.string()),
});

// ── Versions and comments ─────────────────────────────────────────────────────────────────────
export const strategyItemParamsSchema = z.object({ workspaceId: uuidSchema, itemId: uuidSchema });
export const strategyVersionSchema = z.object({ version: z.number().int(), snapshot: z.unknown(), actorUserId: uuidSchema.nullable(), createdAt: z.string() });
export const strategyCommentCreateSchema = z.strictObject({ body: z.string().trim().min(1).max(5_000) });
export const strategyCommentSchema = z.object({ id: uuidSchema, authorId: uuidSchema.nullable(), authorName: z.string().nullable(), body: z.string(), createdAt: z.string() });

// ── KPIs ──────────────────────────────────────────────────────────────────────────────────────
export const kpiQuerySchema = z.object({
  metric: z.enum(KPI_KEYS),
  channel: z.string().max(100).optional(),
  from: isoDaySchema.optional(),
  to: isoDaySchema.optional(),
});
export const kpiPointSchema = z.object({ date: z.string(), value: z.number() });
export const kpiSeriesSchema = z.object({ metric: z.enum(KPI_KEYS), channel: z.string().nullable(), points: z.array(kpiPointSchema) });
export const kpiValuesInputSchema = z.strictObject({
  values: z.array(z.strictObject({ metric: z.enum(KPI_KEYS), channel: channelRef.nullable().optional(), date: isoDaySchema, value: number })).min(1).max(1000),
});
export const kpiCollectInputSchema = z.strictObject({ from: isoDaySchema.optional(), to: isoDaySchema.optional() });
export const kpiCollectResultSchema = z.object({ collectors: z.array(z.object({ id: z.string(), stored: z.number().int(), error: z.string().nullable() })) });

// ── Readiness navigator ───────────────────────────────────────────────────────────────────────
export const READINESS_AREAS = [
  'strategy', 'goals', 'organisation', 'effort', 'target_groups', 'monitoring', 'content', 'crisis', 'measurement', 'guidelines',
] as const;
export type ReadinessArea = (typeof READINESS_AREAS)[number];
export const READINESS_STATUSES = ['done', 'in_progress', 'not_started'] as const;
export type ReadinessStatus = (typeof READINESS_STATUSES)[number];
const i18n = z.object({ de: z.string(), en: z.string() });
export const readinessItemSchema = z.object({
  id: z.string(), area: z.enum(READINESS_AREAS), source: z.enum(['bitkom', 'processes']), title: i18n, status: z.enum(READINESS_STATUSES), reason: i18n, link: z.string(),
});
export const readinessSchema = z.object({
  score: z.number().int(),
  areas: z.array(z.object({ key: z.enum(READINESS_AREAS), title: i18n, score: z.number().int(), status: z.enum(READINESS_STATUSES), items: z.array(readinessItemSchema) })),
});

// ── Strategy document ─────────────────────────────────────────────────────────────────────────
export const strategyDocumentQuerySchema = z.object({ lang: z.enum(['de', 'en']).default('de'), format: z.enum(['md', 'json', 'pdf', 'docx']).default('md') });
export const strategyDocumentSchema = z.object({ lang: z.enum(['de', 'en']), title: z.string(), markdown: z.string() });
