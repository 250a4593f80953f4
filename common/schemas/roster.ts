import { z } from 'zod';
import { DATE_RE, TIME_RE } from '../local-date.ts';

export const ROSTER_DUTIES = ['channel', 'duty_editor'] as const;
const time = z.string().regex(TIME_RE, 'a time HH:MM');
const day = z.string().regex(DATE_RE, 'a date YYYY-MM-DD');
const instant = z.iso.datetime({ offset: true });
const WEEK_MS = 7 * 86_400_000;

const shiftFields = {
  duty: z.enum(ROSTER_DUTIES),
  /** A channel of the workspace; null/absent = all channels (channel duty) — always null for the duty editor. */
  channelId: z.uuid().nullable().optional(),
  userId: z.uuid(),
  /** `weekly` (the default shape: weekday + times) or `once` (startsAt/endsAt). */
  recurrence: z.enum(['once', 'weekly']),
  weekday: z.number().int().min(1).max(7).default(1),
  startTime: time.default('08:00'),
  endTime: time.default('16:00'),
  validFrom: day.nullable().optional(),
  validUntil: day.nullable().optional(),
  startsAt: instant.nullable().optional(),
  endsAt: instant.nullable().optional(),
  note: z.string().max(500).optional(),
};

type ShiftShape = { duty?: string; channelId?: string | null; recurrence?: string; weekday?: number | null; startTime?: string | null; endTime?: string | null; validFrom?: string | null; validUntil?: string | null; startsAt?: string | null; endsAt?: string | null };

/** The shape rules of a shift, with the field that is wrong. */
function checkShift(s: ShiftShape, ctx: z.RefinementCtx): void {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
  if (s.duty === 'duty_editor' && s.channelId) issue('channelId', 'the duty editor is on duty for all channels; leave channelId empty');
  if (s.recurrence === 'weekly') {
    if (s.startTime && s.endTime && s.startTime === s.endTime) issue('endTime', 'the end must differ from the start');
    if (s.validFrom && s.validUntil && s.validUntil < s.validFrom) issue('validUntil', 'must not be before validFrom');
  } else if (s.recurrence === 'once') {
    if (!s.startsAt) issue('startsAt', 'a one-off shift needs a start');
    if (!s.endsAt) issue('endsAt', 'a one-off shift needs an end');
    if (s.startsAt && s.endsAt) {
      const d = Date.parse(s.endsAt) - Date.parse(s.startsAt);
      if (!(d > 0)) issue('endsAt', 'must be after startsAt');
      else if (d > WEEK_MS) issue('endsAt', 'a one-off shift lasts at most 7 days');
    }
  }
}

export const shiftCreateSchema = z.strictObject(shiftFields).superRefine(checkShift);
export type ShiftCreate = z.infer<typeof shiftCreateSchema>;

export const shiftSchema = z.object({
  id: z.string(), duty: z.enum(ROSTER_DUTIES), channelId: z.string().nullable(), userId: z.string(), recurrence: z.enum(['weekly', 'once']),
  weekday: z.number().nullable(), startTime: z.string().nullable(), endTime: z.string().nullable(), validFrom: z.string().nullable(), validUntil: z.string().nullable(),
  startsAt: z.string().nullable(), endsAt: z.string().nullable(), note: z.string(), createdAt: z.string(),
});
export type Shift = z.infer<typeof shiftSchema>;

export const absenceCreateSchema = z.strictObject({
  userId: z.uuid(),
  substituteId: z.uuid().nullable().optional(),
  startsAt: instant,
  /** Default: one day after the start. */
  endsAt: instant.optional(),
  note: z.string().max(500).optional(),
}).superRefine((a, ctx) => {
  if (a.endsAt && !(Date.parse(a.endsAt) > Date.parse(a.startsAt))) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  if (a.substituteId && a.substituteId === a.userId) ctx.addIssue({ code: 'custom', path: ['substituteId'], message: 'nobody substitutes for themselves' });
});
export const absenceSchema = z.object({ id: z.string(), userId: z.string(), substituteId: z.string().nullable(), startsAt: z.string(), endsAt: z.string(), note: z.string(), createdAt: z.string() });

export const rosterRangeQuerySchema = z.object({ from: instant, to: instant });
export const rosterEventSchema = z.object({
  shiftId: z.string(), duty: z.enum(ROSTER_DUTIES), channelId: z.string().nullable(),
  /** Who the shift belongs to, and who actually covers it (the substitute during an absence; null = nobody). */
  userId: z.string(), coveredBy: z.string().nullable(),
  start: z.string(), end: z.string(),
});
export const rosterCalendarSchema = z.object({ timezone: z.string(), events: z.array(rosterEventSchema), absences: z.array(absenceSchema) });
export const onDutyQuerySchema = z.object({ channelId: z.uuid().optional(), at: instant.optional() });
export const absentPersonSchema = z.object({ userId: z.string(), until: z.string(), substituteId: z.string().nullable() });
/** Who is on duty at `at` and who is absent then (with their substitute, for the assignee picker). */
export const onDutySchema = z.object({ at: z.string(), userIds: z.array(z.string()), dutyEditorIds: z.array(z.string()), absent: z.array(absentPersonSchema) });
export const shiftParamsSchema = z.object({ workspaceId: z.uuid(), shiftId: z.uuid() });
export const absenceParamsSchema = z.object({ workspaceId: z.uuid(), absenceId: z.uuid() });
