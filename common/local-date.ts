/**
 * Calendar dates (`YYYY-MM-DD`, no time zone) and wall-clock times (`HH:MM`): the small arithmetic
 * that service hours and the duty roster need. Instants come from common/zoned-time.ts, which
 * knows about DST; this file only counts days.
 */
import { instantToZoned, zonedToInstant } from './zoned-time.ts';

const DAY_MS = 86_400_000;
export const TIME_RE = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
export const DATE_RE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

function utcOf(ymd: string): number {
  return Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
}

/** `ymd` plus `n` days. */
export function addDays(ymd: string, n: number): string {
  return new Date(utcOf(ymd) + n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(ymd: string): number {
  const d = new Date(utcOf(ymd)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysBetween(a: string, b: string): number {
  return Math.round((utcOf(b) - utcOf(a)) / DAY_MS);
}

/** The local calendar date of `instant` in `tz`. */
export function localDate(instant: Date, tz: string): string {
  return instantToZoned(instant, tz).slice(0, 10);
}

/** Minutes since midnight of `HH:MM` (`24:00` = 1440). */
export function minutesOfDay(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/**
 * The instant of wall-clock `hhmm` on local date `ymd` in `tz`; `24:00` is the next day's midnight.
 * A time inside the spring-forward gap moves forward by the gap (see zonedToInstant).
 */
export function instantAt(ymd: string, hhmm: string, tz: string): Date {
  if (hhmm === '24:00') return zonedToInstant(`${addDays(ymd, 1)}T00:00`, tz);
  return zonedToInstant(`${ymd}T${hhmm}`, tz);
}
