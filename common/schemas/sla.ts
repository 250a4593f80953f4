import { z } from 'zod';
import { DATE_RE, TIME_RE } from '../local-date.ts';

export const FEDERAL_STATES = ['BB', 'BE', 'BW', 'BY', 'HB', 'HE', 'HH', 'MV', 'NI', 'NW', 'RP', 'SH', 'SL', 'SN', 'ST', 'TH'] as const;
export const SLA_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const SLA_STATES = ['ok', 'warning', 'breached', 'met', 'missed'] as const;
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
const minutes = z.number().int().min(1).max(60 * 24 * 60);

const interval = z.strictObject({ start: z.string().regex(TIME_RE, 'HH:MM'), end: z.string().regex(TIME_RE, 'HH:MM') })
  .refine((i) => i.end > i.start, { message: 'end must be after start', path: ['end'] });
const dayHours = z.array(interval).max(6).refine((ivs) => ivs.every((iv, k) => k === 0 || iv.start >= ivs[k - 1]!.end), 'intervals must be sorted and must not overlap');

export const slaSettingsSchema = z.object({
  hours: z.partialRecord(z.enum(WEEKDAYS), dayHours),
  federalState: z.enum(FEDERAL_STATES).nullable(),
  warnAtPercent: z.number().int().min(10).max(99),
  firstResponseMinutes: minutes,
  resolutionMinutes: minutes,
  closedDays: z.array(z.object({ date: z.string().regex(DATE_RE, 'YYYY-MM-DD'), label: z.string().max(200) })).max(400),
  policies: z.array(z.object({
    channelId: z.uuid().nullable(),
    priority: z.enum(SLA_PRIORITIES).nullable(),
    firstResponseMinutes: minutes.nullable(),
    resolutionMinutes: minutes.nullable(),
  })).max(200),
});
export const slaSettingsUpdateSchema = z.strictObject({
  hours: slaSettingsSchema.shape.hours.optional(),
  federalState: slaSettingsSchema.shape.federalState.optional(),
  warnAtPercent: slaSettingsSchema.shape.warnAtPercent.optional(),
  firstResponseMinutes: minutes.optional(),
  resolutionMinutes: minutes.optional(),
  closedDays: slaSettingsSchema.shape.closedDays.optional(),
  policies: z.array(z.strictObject({
    channelId: z.uuid().nullable(),
    priority: z.enum(SLA_PRIORITIES).nullable(),
    firstResponseMinutes: minutes.nullable(),
    resolutionMinutes: minutes.nullable(),
  })).max(200).optional(),
});
export type SlaSettings = z.infer<typeof slaSettingsSchema>;

export const SLA_GROUPS = ['channel', 'person', 'week'] as const;
export const slaReportQuerySchema = z.object({
  from: z.string().regex(DATE_RE, 'YYYY-MM-DD'),
  to: z.string().regex(DATE_RE, 'YYYY-MM-DD'),
  groupBy: z.enum(SLA_GROUPS).default('week'),
});
export const slaReportRowSchema = z.object({
  key: z.string().nullable(),
  label: z.string(),
  items: z.number().int(),
  answered: z.number().int(),
  medianMinutes: z.number().nullable(),
  p90Minutes: z.number().nullable(),
  /** Answered in time ÷ items whose first-response target has been decided (answered, or open past due). */
  withinTargetShare: z.number().nullable(),
  breachedOpen: z.number().int(),
});
export const slaReportSchema = z.object({ from: z.string(), to: z.string(), groupBy: z.enum(SLA_GROUPS), timezone: z.string(), total: slaReportRowSchema, rows: z.array(slaReportRowSchema) });
export type SlaReport = z.infer<typeof slaReportSchema>;
