/** Turns dashboard answers into chart rows: one row per day of the range, days without mentions as zero. */
import type { Dashboard } from './monitoring-api.ts';

export interface DayRow {
  day: string;
  label: string;
  volume: number;
  negative: number;
  neutral: number;
  positive: number;
}

function dayKey(d: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD, a sortable key in the workspace's time zone.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Fills the series of a daily dashboard so every day between `from` and `to` has a row. */
export function dailyRows(d: Pick<Dashboard, 'from' | 'to' | 'series'>, timeZone: string, locale: string): DayRow[] {
  const byDay = new Map(d.series.map((p) => [dayKey(new Date(p.t), timeZone), p]));
  const label = new Intl.DateTimeFormat(locale, { timeZone, day: '2-digit', month: '2-digit' });
  const rows: DayRow[] = [];
  const seen = new Set<string>();
  const end = new Date(d.to).getTime();
  // Hourly steps find each calendar day once, whatever the offset or a DST change does.
  for (let t = new Date(d.from).getTime(); t < end; t += 3_600_000) {
    const at = new Date(t);
    const key = dayKey(at, timeZone);
    if (seen.has(key)) continue;
    seen.add(key);
    const p = byDay.get(key);
    rows.push({ day: key, label: label.format(at), volume: p?.volume ?? 0, negative: p?.negative ?? 0, neutral: p?.neutral ?? 0, positive: p?.positive ?? 0 });
  }
  return rows;
}
