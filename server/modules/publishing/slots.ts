/**
 * Default posting times ("slots") of a channel: weekday + wall-clock time in the workspace zone.
 * The composer offers the next slot that no other post of the channel already occupies. Pure; the
 * DST change is handled by `zonedToInstant` (a slot at 09:00 stays 09:00 local on both sides).
 */
import { instantToZoned, zonedToInstant } from './zoned-time.ts';

export interface Slot {
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** `HH:MM` in the workspace time zone. */
  time: string;
}

/** A slot counts as taken when a post of the channel is planned this close to it. */
export const SLOT_TAKEN_WITHIN_MS = 30 * 60_000;

function isoWeekday(localDate: string): number {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

function addDays(localDate: string, n: number): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The first slot after `now` (within `horizonDays`) with no planned post within 30 minutes, or null.
 * `busy`: scheduled times of the channel's other posts.
 */
export function nextFreeSlot(slots: readonly Slot[], busy: readonly Date[], now: Date, tz: string, horizonDays = 28): { at: Date; local: string } | null {
  if (slots.length === 0) return null;
  const today = instantToZoned(now, tz).slice(0, 10);
  const sorted = [...slots].sort((a, b) => a.time.localeCompare(b.time));
  for (let i = 0; i <= horizonDays; i++) {
    const day = addDays(today, i);
    const wd = isoWeekday(day);
    for (const s of sorted) {
      if (s.weekday !== wd) continue;
      const local = `${day}T${s.time}`;
      const at = zonedToInstant(local, tz);
      if (at.getTime() <= now.getTime()) continue;
      if (busy.some((b) => Math.abs(b.getTime() - at.getTime()) < SLOT_TAKEN_WITHIN_MS)) continue;
      return { at, local: instantToZoned(at, tz) };
    }
  }
  return null;
}
