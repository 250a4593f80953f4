/**
 * Team capacity from the duty roster: hours per week of each member's weekly shifts (valid today).
 * One-off shifts are left out — they are not a weekly capacity.
 */
export interface RosterShift {
  userId: string;
  recurrence: 'weekly' | 'once';
  startTime: string | null;
  endTime: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function capacityFromRoster(shifts: readonly RosterShift[], today: string): { userId: string; hoursPerWeek: number }[] {
  const by = new Map<string, number>();
  for (const s of shifts) {
    if (s.recurrence !== 'weekly' || !s.startTime || !s.endTime) continue;
    if ((s.validFrom && s.validFrom > today) || (s.validUntil && s.validUntil < today)) continue;
    let m = minutes(s.endTime) - minutes(s.startTime);
    if (m <= 0) m += 24 * 60; // a night shift over midnight
    by.set(s.userId, (by.get(s.userId) ?? 0) + m);
  }
  return [...by.entries()].map(([userId, m]) => ({ userId, hoursPerWeek: Math.min(80, Math.round((m / 60) * 10) / 10) }));
}
