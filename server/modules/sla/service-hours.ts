/**
 * Service-hours arithmetic (pure). A response-time target of 60 minutes means 60 minutes of
 * service time: an item arriving Friday 17:30 with service until 18:00 is due Monday 08:30, and a
 * holiday or closed day does not count at all. Open intervals are wall-clock times in the
 * workspace time zone, turned into instants per day, so a DST change shortens or lengthens
 * nothing but the night.
 */
import { instantAt, localDate } from '../../../common/local-date.ts';

export interface OpenInterval {
  /** `HH:MM` */
  start: string;
  /** `HH:MM`, after `start`; `24:00` = midnight. */
  end: string;
}

/** ISO weekday (1 = Monday … 7 = Sunday) → open intervals, sorted and not overlapping. */
export type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', OpenInterval[]>>;

export interface ServiceCalendar {
  timeZone: string;
  hours: WeeklyHours;
  /** Holidays and custom closed days (`YYYY-MM-DD`, local). */
  isClosed(ymd: string): boolean;
}

const MINUTE = 60_000;
/** Ten years: a calendar without open days ends the search instead of looping forever. */
const MAX_DAYS = 3660;

function weekdayKey(ymd: string): keyof WeeklyHours {
  const d = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return String(d === 0 ? 7 : d) as keyof WeeklyHours;
}

function hasAnyHours(hours: WeeklyHours): boolean {
  return Object.values(hours).some((ivs) => (ivs ?? []).some((iv) => iv.end > iv.start));
}

/**
 * Open [start, end) instants of local date `ymd` (none on a closed day). Cached per calendar and
 * day: computing an instant costs several Intl calls, and a batch of items revisits the same days.
 */
const dayCache = new WeakMap<ServiceCalendar, Map<string, { start: Date; end: Date }[]>>();
const DAY_CACHE_MAX = 20_000;

export function openIntervalsOn(cal: ServiceCalendar, ymd: string): { start: Date; end: Date }[] {
  let days = dayCache.get(cal);
  if (!days) dayCache.set(cal, (days = new Map()));
  let ivs = days.get(ymd);
  if (!ivs) {
    ivs = cal.isClosed(ymd) ? [] : (cal.hours[weekdayKey(ymd)] ?? [])
      .map((iv) => ({ start: instantAt(ymd, iv.start, cal.timeZone), end: instantAt(ymd, iv.end, cal.timeZone) }))
      .filter((iv) => iv.end > iv.start);
    if (days.size >= DAY_CACHE_MAX) days.clear();
    days.set(ymd, ivs);
  }
  return ivs;
}

function nextDay(ymd: string): string {
  return new Date(new Date(`${ymd}T00:00:00Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The instant at which `minutes` of service time have passed since `from`. Service time starts
 * counting at the next opening when `from` is outside hours. Null when the calendar never opens.
 */
export function addServiceMinutes(from: Date, minutes: number, cal: ServiceCalendar): Date | null {
  if (minutes <= 0) return from;
  if (!hasAnyHours(cal.hours)) return null;
  let remaining = minutes * MINUTE;
  let day = localDate(from, cal.timeZone);
  for (let i = 0; i < MAX_DAYS; i++, day = nextDay(day)) {
    for (const iv of openIntervalsOn(cal, day)) {
      const start = Math.max(iv.start.getTime(), from.getTime());
      const available = iv.end.getTime() - start;
      if (available <= 0) continue;
      if (remaining <= available) return new Date(start + remaining);
      remaining -= available;
    }
  }
  return null;
}

/**
 * Several targets from the same start in one walk over the days (the inbox needs four per item:
 * warning and due of first response and resolution). Same results as {@link addServiceMinutes}.
 */
export function addServiceMinutesMany(from: Date, minutes: readonly number[], cal: ServiceCalendar): (Date | null)[] {
  const order = minutes.map((m, i) => ({ m, i })).sort((a, b) => a.m - b.m);
  const out: (Date | null)[] = minutes.map(() => null);
  let k = 0;
  while (k < order.length && order[k]!.m <= 0) out[order[k++]!.i] = from;
  if (k === order.length || !hasAnyHours(cal.hours)) return out;
  let used = 0;
  let day = localDate(from, cal.timeZone);
  for (let d = 0; d < MAX_DAYS && k < order.length; d++, day = nextDay(day)) {
    for (const iv of openIntervalsOn(cal, day)) {
      const start = Math.max(iv.start.getTime(), from.getTime());
      const available = iv.end.getTime() - start;
      if (available <= 0) continue;
      while (k < order.length && order[k]!.m * MINUTE - used <= available) {
        out[order[k]!.i] = new Date(start + order[k]!.m * MINUTE - used);
        k++;
      }
      used += available;
      if (k === order.length) break;
    }
  }
  return out;
}

/** Service minutes in [from, to) (0 when `to` is not after `from`). */
export function serviceMinutesBetween(from: Date, to: Date, cal: ServiceCalendar): number {
  if (to <= from) return 0;
  let total = 0;
  let day = localDate(from, cal.timeZone);
  const last = localDate(to, cal.timeZone);
  for (let i = 0; i < MAX_DAYS && day <= last; i++, day = nextDay(day)) {
    for (const iv of openIntervalsOn(cal, day)) {
      const s = Math.max(iv.start.getTime(), from.getTime());
      const e = Math.min(iv.end.getTime(), to.getTime());
      if (e > s) total += e - s;
    }
  }
  return total / MINUTE;
}

/** Whether `at` lies inside service hours. */
export function isOpenAt(at: Date, cal: ServiceCalendar): boolean {
  return openIntervalsOn(cal, localDate(at, cal.timeZone)).some((iv) => iv.start <= at && at < iv.end);
}
