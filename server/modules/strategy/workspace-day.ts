/** "Today" in a workspace's time zone, for deadlines and KPI days. */
import { eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';

/** `YYYY-MM-DD` of `now` in `timeZone` (an unknown zone falls back to UTC rather than failing). */
export function dayIn(now: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}

export async function workspaceToday(tx: Tx, workspaceId: string, now: Date): Promise<string> {
  const [ws] = await tx.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return dayIn(now, ws?.timezone ?? 'UTC');
}
