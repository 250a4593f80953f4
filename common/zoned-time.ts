/**
 * Wall-clock times in the workspace's time zone ↔ instants. Posts are stored as `timestamptz`;
 * editors schedule "Sonntag 09:00" in Europe/Berlin, which is a different UTC offset before and
 * after a DST change. Uses Intl only (no tz database of our own).
 */
const fmtCache = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = fmtCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    fmtCache.set(tz, f);
  }
  return f;
}

/** Offset of `tz` at `instant` in minutes (Berlin summer: +120). */
export function offsetMinutes(instant: Date, tz: string): number {
  const parts = Object.fromEntries(formatter(tz).formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant of wall-clock time `local` (`YYYY-MM-DDTHH:mm[:ss]`) in `tz`. A time skipped by the
 * spring-forward gap (02:30 on the last Sunday of March in Berlin) moves forward by the gap, like
 * calendar apps do; an ambiguous autumn time picks the first (summer-time) occurrence.
 */
export function zonedToInstant(local: string, tz: string): Date {
  const m = LOCAL_RE.exec(local);
  if (!m) throw new RangeError(`not a local date-time: ${local}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // Try both offsets around the wall time; the earlier valid candidate wins (first occurrence).
  const offsets = [...new Set([offsetMinutes(new Date(wall - 36 * 3600_000), tz), offsetMinutes(new Date(wall + 36 * 3600_000), tz), offsetMinutes(new Date(wall), tz)])];
  const candidates = offsets.map((o) => wall - o * 60_000).filter((t) => t + offsetMinutes(new Date(t), tz) * 60_000 === wall).sort((a, b) => a - b);
  if (candidates.length > 0) return new Date(candidates[0]!);
  // In the gap: interpret with the offset before the change, which lands after the gap.
  const before = Math.min(...offsets);
  return new Date(wall - before * 60_000);
}

/** `YYYY-MM-DDTHH:mm` of `instant` in `tz`, for display and the calendar. */
export function instantToZoned(instant: Date, tz: string): string {
  const p = Object.fromEntries(formatter(tz).formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** True when `tz` is an IANA zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
