/**
 * The editorial plan as an iCal feed (kind `plan`): one event per post with a time, from 30 days
 * back to 180 days ahead, naming its channels and the state of each. Times are written in UTC,
 * so Outlook and Google show them in the reader's own zone without a VTIMEZONE block.
 */
import { and, eq, gte, inArray, lte } from 'drizzle-orm';
import { ICalEventStatus } from 'ical-generator';
import { registerFeedBuilder } from '../calendar-feeds/feed-registry.ts';
import { channels, posts, publishTargets } from './publishing.schema.ts';

const DAY = 86_400_000;
const STATE_NAMES: Record<string, { de: string; en: string }> = {
  draft: { de: 'Entwurf', en: 'Draft' }, in_review: { de: 'In Prüfung', en: 'In review' }, approved: { de: 'Freigegeben', en: 'Approved' },
  scheduled: { de: 'Geplant', en: 'Scheduled' }, publishing: { de: 'Wird veröffentlicht', en: 'Publishing' }, published: { de: 'Veröffentlicht', en: 'Published' },
  failed: { de: 'Fehlgeschlagen', en: 'Failed' }, unconfirmed: { de: 'Unbestätigt', en: 'Unconfirmed' }, expired: { de: 'Abgelaufen', en: 'Expired' },
};

/** First line of a post, shortened for a calendar title. */
export function summaryOf(text: string, max = 80): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  const s = line.trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export function registerPlanFeed(): void {
  registerFeedBuilder({
    kind: 'plan',
    permission: 'posts.read',
    title: { de: 'Redaktionsplan', en: 'Editorial plan' },
    async build(ctx, cal, req) {
      const { db } = ctx.database;
      const from = new Date(req.now.getTime() - 30 * DAY);
      const to = new Date(req.now.getTime() + 180 * DAY);
      const rows = await db.select().from(posts)
        .where(and(eq(posts.workspaceId, req.workspaceId), gte(posts.scheduledAt, from), lte(posts.scheduledAt, to)))
        .orderBy(posts.scheduledAt).limit(5000);
      if (rows.length === 0) return;
      const targets = await db.select({ postId: publishTargets.postId, state: publishTargets.state, publishedAt: publishTargets.publishedAt, channel: channels.name, network: channels.network })
        .from(publishTargets).innerJoin(channels, eq(channels.id, publishTargets.channelId))
        .where(inArray(publishTargets.postId, rows.map((p) => p.id)));
      const byPost = Map.groupBy(targets, (t) => t.postId);
      const l = req.locale;
      for (const p of rows) {
        const ts = byPost.get(p.id) ?? [];
        const states = new Set(ts.map((t) => t.state));
        const allDone = ts.length > 0 && ts.every((t) => t.state === 'published');
        const start = p.scheduledAt!;
        const lines = ts.map((t) => `${t.channel} (${t.network}): ${STATE_NAMES[t.state]?.[l] ?? t.state}`);
        if (p.campaign) lines.push(`${l === 'de' ? 'Kampagne' : 'Campaign'}: ${p.campaign}`);
        if (p.topic) lines.push(`${l === 'de' ? 'Thema' : 'Topic'}: ${p.topic}`);
        lines.push('', p.text);
        cal.createEvent({
          id: `post-${p.id}@resonanz`,
          start,
          end: new Date(start.getTime() + 15 * 60_000),
          stamp: p.updatedAt,
          summary: `${allDone ? '✓ ' : ''}${summaryOf(p.text)}${ts.length ? ` [${[...new Set(ts.map((t) => t.network))].join(', ')}]` : ''}`,
          description: lines.join('\n'),
          url: `${ctx.config.publicUrl}/calendar/posts/${p.id}`,
          // Anything not yet approved for every channel is tentative in the reader's calendar.
          status: [...states].every((s) => ['approved', 'scheduled', 'publishing', 'published'].includes(s)) && ts.length > 0 ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE,
          categories: [{ name: p.campaign ?? (l === 'de' ? 'Redaktionsplan' : 'Editorial plan') }],
        });
      }
    },
  });
}
