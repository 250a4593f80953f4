/**
 * German public holidays per federal state, from `date-holidays` (chosen over feiertagejs: its
 * data is maintained for every country and state by a large contributor base, and it already has
 * the recent state holidays — Frauentag in Berlin since 2019 and Mecklenburg-Vorpommern since
 * 2023, Weltkindertag in Thüringen, Reformationstag in the northern states since 2018). Only
 * type `public` counts as closed; observances (Heiligabend afternoon, Rosenmontag) do not — a
 * workspace adds them as custom closed days if it closes.
 */
import Holidays from 'date-holidays';

/** The federal states (ISO 3166-2 suffixes) date-holidays knows for DE. */
export const FEDERAL_STATES = ['BB', 'BE', 'BW', 'BY', 'HB', 'HE', 'HH', 'MV', 'NI', 'NW', 'RP', 'SH', 'SL', 'SN', 'ST', 'TH'] as const;
export type FederalState = (typeof FEDERAL_STATES)[number];

const cache = new Map<string, Map<string, string>>();

/** Public holidays (`YYYY-MM-DD` → German name) of `year`; `state` null = nationwide holidays only. */
export function publicHolidays(state: FederalState | null, year: number): Map<string, string> {
  const key = `${state ?? 'DE'}:${year}`;
  let m = cache.get(key);
  if (!m) {
    const hd = state ? new Holidays('DE', state) : new Holidays('DE');
    m = new Map(hd.getHolidays(year, 'de').filter((h) => h.type === 'public').map((h) => [h.date.slice(0, 10), h.name] as const));
    if (cache.size > 400) cache.clear();
    cache.set(key, m);
  }
  return m;
}

/** The holiday's name on `ymd`, or null. */
export function holidayOn(state: FederalState | null, ymd: string): string | null {
  return publicHolidays(state, Number(ymd.slice(0, 4))).get(ymd) ?? null;
}
