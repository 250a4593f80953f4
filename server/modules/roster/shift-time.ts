/**
 * When a shift is on, as instants. Pure: the roster service, the calendar view and the iCal feed
 * all expand shifts through here, so "who is on duty at 02:30 on the DST night" has one answer.
 */
import { addDays, instantAt, isoWeekday, localDate, minutesOfDay } from '../../../common/local-date.ts';

export interface ShiftRule {
  recurrence: 'weekly' | 'once';
  weekday: number | null;
  startTime: string | null;
  endTime: string | null;
  validFrom: string | null;
  validUntil: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

export interface Occurrence {
  start: Date;
  end: Date;
  /** Local start date (weekly shifts), for stable iCal ids. */
  date: string;
}

/** One weekly occurrence starting on local date `ymd`; the end runs into the next day when it is not after the start. */
function weeklyOn(rule: ShiftRule, ymd: string, tz: string): Occurrence {
  const start = instantAt(ymd, rule.startTime!, tz);
  const overnight = minutesOfDay(rule.endTime!) <= minutesOfDay(rule.startTime!);
  const end = instantAt(overnight ? addDays(ymd, 1) : ymd, rule.endTime!, tz);
  return { start, end, date: ymd };
}

/** Occurrences of `rule` that overlap [from, to). At most ~60 weeks are expanded per call. */
export function occurrences(rule: ShiftRule, tz: string, from: Date, to: Date): Occurrence[] {
  if (rule.recurrence === 'once') {
    const s = rule.startsAt!, e = rule.endsAt!;
    return s < to && e > from ? [{ start: s, end: e, date: localDate(s, tz) }] : [];
  }
  const out: Occurrence[] = [];
  // Start a day early: yesterday's night shift may still be running at `from`.
  let day = addDays(localDate(from, tz), -1);
  const last = localDate(to, tz);
  for (let i = 0; i < 430 && day <= last; i++, day = addDays(day, 1)) {
    if (isoWeekday(day) !== rule.weekday) continue;
    if (rule.validFrom && day < rule.validFrom) continue;
    if (rule.validUntil && day > rule.validUntil) continue;
    const o = weeklyOn(rule, day, tz);
    if (o.start < to && o.end > from && o.end > o.start) out.push(o);
  }
  return out;
}

/** Whether `rule` is on at instant `at` (start inclusive, end exclusive). */
export function isOnAt(rule: ShiftRule, tz: string, at: Date): boolean {
  return occurrences(rule, tz, at, new Date(at.getTime() + 1)).length > 0;
}
