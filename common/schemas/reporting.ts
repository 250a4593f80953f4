/**
 * Request/response schemas of reports: definitions (the builder's choices and the schedule),
 * the report data (what the preview, the PDF and the CSV exports show) and deliveries.
 */
import { z } from 'zod';
import { KPI_KEYS } from '../kpi-catalogue.ts';
import { LIMITS } from '../limits.ts';
import { emailSchema, uuidSchema } from './common.ts';
import { FORECAST_STATES, isoDaySchema, READINESS_AREAS } from './strategy.ts';

export const REPORT_PERIODS = ['weekly', 'monthly'] as const;
export type ReportPeriodKind = (typeof REPORT_PERIODS)[number];
/** The tables of a report; each has its CSV export (`…/csv?table=<name>`). */
export const REPORT_TABLES = ['key_figures', 'kpis', 'goals', 'channels', 'response_times', 'sentiment', 'share_of_voice', 'readiness'] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];
export const REPORT_MAX_RECIPIENTS = 20;
/** A custom period covers at most this many days (a year and a bit: a yearly report fits). */
export const REPORT_MAX_DAYS = 400;

const channelRef = z.string().trim().min(1).max(100);
const lang = z.enum(['de', 'en']);

export const reportDefinitionCreateSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.name),
  language: lang.optional(),
  period: z.enum(REPORT_PERIODS).optional(),
  goalIds: z.array(uuidSchema).max(100).optional(),
  metrics: z.array(z.enum(KPI_KEYS)).max(KPI_KEYS.length).optional(),
  channels: z.array(channelRef).max(20).optional(),
  scheduleEnabled: z.boolean().optional(),
  recipients: z.array(emailSchema).max(REPORT_MAX_RECIPIENTS).optional(),
});
export const reportDefinitionUpdateSchema = reportDefinitionCreateSchema.partial();
export const reportParamsSchema = z.object({ workspaceId: uuidSchema, reportId: uuidSchema });
export const reportDeliveryParamsSchema = z.object({ workspaceId: uuidSchema, reportId: uuidSchema, deliveryId: uuidSchema });

export const reportDefinitionSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  language: lang,
  period: z.enum(REPORT_PERIODS),
  goalIds: z.array(uuidSchema),
  metrics: z.array(z.enum(KPI_KEYS)),
  channels: z.array(z.string()),
  scheduleEnabled: z.boolean(),
  recipients: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The period the schedule sends next (or would, when switched on). */
  nextPeriod: z.object({ from: z.string(), to: z.string() }),
  lastDelivery: z.object({ id: uuidSchema, periodStart: z.string(), periodEnd: z.string(), status: z.string(), createdAt: z.string() }).nullable(),
});

/** `from`/`to` choose the period; without them the last complete period of the report's kind. */
export const reportPeriodQuerySchema = z.object({
  from: isoDaySchema.optional(),
  to: isoDaySchema.optional(),
  lang: lang.optional(),
});
export const reportCsvQuerySchema = reportPeriodQuerySchema.extend({ table: z.enum(REPORT_TABLES) });
export const reportSendSchema = z.strictObject({ from: isoDaySchema.optional(), to: isoDaySchema.optional() });

const period = z.object({ from: z.string(), to: z.string(), days: z.number().int() });
const pointSchema = z.object({ date: z.string(), value: z.number() });

export const reportDataSchema = z.object({
  report: z.object({ id: uuidSchema.nullable(), name: z.string(), period: z.enum(REPORT_PERIODS), language: lang }),
  organisation: z.string(),
  workspace: z.string(),
  period,
  previous: period,
  generatedAt: z.string(),
  /** No KPI value, no goal measurement and no listening data in the period. */
  empty: z.boolean(),
  channels: z.array(z.object({ ref: z.string(), label: z.string() })),
  keyFigures: z.array(z.object({
    metric: z.enum(KPI_KEYS), value: z.number().nullable(), previous: z.number().nullable(),
    /** Relative change in % against the previous period (null when either side is missing or 0). */
    change: z.number().nullable(),
  })),
  kpis: z.array(z.object({
    metric: z.enum(KPI_KEYS),
    /** '' = all selected channels together. */
    channel: z.string(),
    value: z.number().nullable(),
    previous: z.number().nullable(),
    points: z.array(pointSchema),
    previousPoints: z.array(pointSchema),
  })),
  goals: z.array(z.object({
    id: uuidSchema, title: z.string(), metaGoal: z.string(), metric: z.enum(KPI_KEYS), channels: z.array(z.string()),
    baseline: z.number(), targetValue: z.number(), startDate: z.string(), deadline: z.string(), owner: z.string().nullable(),
    current: z.number().nullable(), progress: z.number().nullable(), projected: z.number().nullable(), projectedProgress: z.number().nullable(),
    forecast: z.enum(FORECAST_STATES), achieved: z.boolean(),
  })),
  responseTimes: z.array(z.object({
    channel: z.string(), label: z.string(), medianMinutes: z.number().nullable(), previousMedianMinutes: z.number().nullable(),
    withinTargetShare: z.number().nullable(), targetMinutes: z.number().nullable(),
  })),
  sentiment: z.object({ positive: z.number(), neutral: z.number(), negative: z.number(), total: z.number().int(), previousNegativeShare: z.number().nullable() }).nullable(),
  shareOfVoice: z.array(z.object({ label: z.string(), kind: z.string(), volume: z.number().int(), share: z.number() })),
  readiness: z.object({
    score: z.number().int(),
    areas: z.array(z.object({ key: z.enum(READINESS_AREAS), title: z.string(), score: z.number().int() })),
  }),
  nextDeadlines: z.array(z.object({ title: z.string(), date: z.string(), kind: z.enum(['goal', 'phase']) })),
});
export type ReportData = z.infer<typeof reportDataSchema>;

export const reportDeliverySchema = z.object({
  id: uuidSchema, periodStart: z.string(), periodEnd: z.string(), trigger: z.enum(['schedule', 'manual']), status: z.enum(['sent', 'empty']),
  recipients: z.array(z.string()), createdAt: z.string(), bytes: z.number().int(),
});
