/**
 * Demo roster for the two weeks from this Monday: Kemal looks after Bluesky, Clara after Mastodon
 * and is duty editor (CvD) on weekdays; weekend CvD shifts for Dana; Kemal is away Wednesday to
 * Friday of the second week and Clara stands in. SLA calendar: Berlin holidays, 08–18 on weekdays.
 */
import { eq } from 'drizzle-orm';
import { addDays, isoWeekday, localDate } from '../../../common/local-date.ts';
import { instantAt } from '../../../common/local-date.ts';
import type { DemoSeedContext } from '../../seed/demo.seed.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { slaSettings } from '../sla/sla.schema.ts';
import { rosterAbsences, rosterShifts } from './roster.schema.ts';

const TZ = 'Europe/Berlin';

export async function seedRosterDemo(c: DemoSeedContext): Promise<void> {
  const kemal = c.userIds['community@resonanz.local'];
  const clara = c.userIds['cvd@resonanz.local'];
  const dana = c.userIds['demo@resonanz.local'];
  if (!kemal || !clara || !dana) return;
  const chans = await c.tx.select({ id: channels.id, network: channels.network }).from(channels).where(eq(channels.workspaceId, c.workspaceId));
  const bsky = chans.find((x) => x.network === 'bluesky')?.id ?? null;
  const masto = chans.find((x) => x.network === 'mastodon')?.id ?? null;
  const today = localDate(new Date(), TZ);
  const monday = addDays(today, 1 - isoWeekday(today));
  const until = addDays(monday, 13);
  const weekly = (userId: string, duty: 'channel' | 'duty_editor', channelId: string | null, weekday: number, startTime: string, endTime: string) =>
    ({ workspaceId: c.workspaceId, userId, duty, channelId, recurrence: 'weekly', weekday, startTime, endTime, validFrom: monday, validUntil: until, createdBy: clara });
  const rows = [1, 2, 3, 4, 5].flatMap((d) => [
    weekly(kemal, 'channel', bsky, d, '08:00', '16:00'),
    weekly(clara, 'channel', masto, d, '08:00', '16:00'),
    weekly(clara, 'duty_editor', null, d, '07:00', '19:00'),
  ]);
  const weekends = [addDays(monday, 5), addDays(monday, 6), addDays(monday, 12), addDays(monday, 13)];
  const once = weekends.map((day) => ({
    workspaceId: c.workspaceId, userId: dana, duty: 'duty_editor', channelId: null, recurrence: 'once',
    startsAt: instantAt(day, '10:00', TZ), endsAt: instantAt(day, '16:00', TZ), note: 'Wochenend-Rufbereitschaft', createdBy: clara,
  }));
  await c.tx.insert(rosterShifts).values([...rows, ...once]);
  await c.tx.insert(rosterAbsences).values({
    workspaceId: c.workspaceId, userId: kemal, substituteId: clara, startsAt: instantAt(addDays(monday, 9), '00:00', TZ), endsAt: instantAt(addDays(monday, 12), '00:00', TZ),
    note: 'Fortbildung', createdBy: clara,
  });
  await c.tx.insert(slaSettings).values({ workspaceId: c.workspaceId, federalState: 'BE' }).onConflictDoNothing();
}
