/**
 * The roster plugs into two registries: the crisis contact chain follows it (duty editor on duty,
 * substitutes), and members can subscribe to it as an iCal feed (kind `roster`).
 */
import { and, eq } from 'drizzle-orm';
import { registerFeedBuilder } from '../calendar-feeds/feed-registry.ts';
import { registerDutyRoster } from '../crisis/roster-lookup.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { users } from '../identity/identity.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { substituteAt, whoIsOnDuty } from './duty.ts';
import { rosterCalendar } from './roster.service.ts';

const DAY = 86_400_000;
let done = false;

export function registerRosterIntegrations(): void {
  if (done) return;
  done = true;
  registerDutyRoster({
    dutyEditorAt: async (tx, ws, at) => (await whoIsOnDuty(tx, ws, null, at)).dutyEditorIds[0] ?? null,
    substituteFor: (tx, ws, userId, at) => substituteAt(tx, ws, userId, at),
  });
  registerFeedBuilder({
    kind: 'roster',
    permission: 'inbox.read',
    title: { de: 'Dienstplan', en: 'Duty roster' },
    async build(ctx, cal, req) {
      const { db } = ctx.database;
      // Two weeks back, eight ahead: enough for planning, small enough for calendar clients.
      const from = new Date(req.now.getTime() - 14 * DAY);
      const to = new Date(req.now.getTime() + 56 * DAY);
      const view = await rosterCalendar(db, req.workspaceId, from, to);
      const [names, chans] = await Promise.all([
        db.select({ id: users.id, name: users.name }).from(users).innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.workspaceId, req.workspaceId))),
        db.select({ id: channels.id, name: channels.name }).from(channels).where(eq(channels.workspaceId, req.workspaceId)),
      ]);
      const nameOf = new Map(names.map((n) => [n.id, n.name]));
      const chanOf = new Map(chans.map((c) => [c.id, c.name]));
      const de = req.locale === 'de';
      for (const e of view.events) {
        const who = e.coveredBy ? nameOf.get(e.coveredBy) ?? '?' : de ? 'unbesetzt' : 'uncovered';
        const what = e.duty === 'duty_editor' ? (de ? 'CvD' : 'Duty editor') : e.channelId ? chanOf.get(e.channelId) ?? '?' : de ? 'Alle Kanäle' : 'All channels';
        const mine = e.coveredBy === req.userId;
        cal.createEvent({
          id: `shift-${e.shiftId}-${e.start}@resonanz`,
          start: new Date(e.start), end: new Date(e.end), stamp: req.now,
          summary: `${mine ? '★ ' : ''}${what}: ${who}`,
          description: e.coveredBy && e.coveredBy !== e.userId ? `${de ? 'Vertretung für' : 'Substituting for'} ${nameOf.get(e.userId) ?? '?'}` : '',
          url: `${ctx.config.publicUrl}/community/roster`,
        });
      }
    },
  });
}
