/**
 * Report periods as calendar days (`YYYY-MM-DD`) in the workspace time zone: weekly = ISO week
 * (Monday–Sunday), monthly = calendar month. Pure; "today" comes from the caller's clock.
 */
import { addDays, daysBetween, isoWeekday } from '../../../common/local-date.ts';
import type { ReportPeriodKind } from '../../../common/schemas/reporting.ts';

export interface Period {
  from: string;
  to: string;
  days: number;
}

const make = (from: string, to: string): Period => ({ from, to, days: daysBetween(from, to) + 1 });
const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
/** Last day of the month `day` lies in. */
function monthEnd(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
const isWholeMonth = (p: { from: string; to: string }) => p.from === monthStart(p.from) && p.to === monthEnd(p.from);

/** The period of `kind` that contains `day`. */
export function periodContaining(kind: ReportPeriodKind, day: string): Period {
  if (kind === 'monthly') return make(monthStart(day), monthEnd(day));
  const monday = addDays(day, 1 - isoWeekday(day));
  return make(monday, addDays(monday, 6));
}

/** The last period of `kind` that has ended before `today` (what a scheduled report covers). */
export function lastCompletePeriod(kind: ReportPeriodKind, today: string): Period {
  const current = periodContaining(kind, today);
  return periodContaining(kind, addDays(current.from, -1));
}

/** The period before `p`: the previous calendar month for a whole month, else as many days just before. */
export function previousPeriod(p: { from: string; to: string }): Period {
  if (isWholeMonth(p)) return periodContaining('monthly', addDays(p.from, -1));
  const days = daysBetween(p.from, p.to) + 1;
  return make(addDays(p.from, -days), addDays(p.from, -1));
}

export function customPeriod(from: string, to: string): Period {
  return make(from, to);
}

/** ISO week key `2025-W07` of a day (the week belongs to the year of its Thursday). */
export function isoWeekKey(day: string): string {
  const thursday = addDays(day, 4 - isoWeekday(day));
  const year = thursday.slice(0, 4);
  const week = Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * The period a schedule covers next: the last complete period when it ended on or after the day
 * the schedule was switched on (`sinceDay`) and has not been sent yet, else the current period
 * (sent when it is over). Shared by the dispatch job and the web app's "next report" line.
 */
export function scheduledPeriod(kind: ReportPeriodKind, today: string, sinceDay: string, sent: (periodStart: string) => boolean): { period: Period; due: boolean } {
  const done = lastCompletePeriod(kind, today);
  if (done.to >= sinceDay && !sent(done.from)) return { period: done, due: true };
  return { period: periodContaining(kind, today), due: false };
}
