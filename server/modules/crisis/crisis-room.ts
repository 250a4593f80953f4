/**
 * The crisis room's read model: live timeline (volume and sentiment of the crisis query, or of the
 * drill sandbox), the feed of mentions, comments and inbox items, our statements with their publish
 * state, the decision log, the checklist, the contact chain with acknowledgements and the review list
 * of held-back posts. Read-only; assembled per request from small indexed reads.
 */
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { crisisRoomSchema, timelineBucketSchema } from '../../../common/schemas/crisis.ts';
import type { Tx } from '../../db/client.ts';
import { users } from '../identity/identity.schema.ts';
import { mentionMatches, mentions } from '../listening/listening.schema.ts';
import { publishTargets } from '../publishing/publishing.schema.ts';
import { crisisContacts, crisisDrillItems, crisisEvents, crisisReports, crisisStatements, crisisTasks } from './crisis.schema.ts';
import { inboxAdapter } from './crisis-inbox.ts';
import { presentCrisis, type CrisisRow } from './crisis-state.ts';
import { heldBackTargets } from './held-back.ts';
import { holdingOf } from './holding-statement.service.ts';
import { presentHoldings } from './holding-present.ts';
import { contentOfPlaybook, type PlaybookRow } from './playbook.service.ts';

type Room = z.infer<typeof crisisRoomSchema>;
type Bucket = z.infer<typeof timelineBucketSchema>;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const sentimentName = (s: number) => (s < 0 ? 'negative' : s > 0 ? 'positive' : 'neutral') as 'negative' | 'neutral' | 'positive';

/** The window the crisis is looked at in: from two hours before the first signal to the end (or now). */
export function crisisWindow(c: CrisisRow, now: Date): { from: Date; to: Date; bucketMinutes: number } {
  const start = c.proposedAt ?? c.confirmedAt ?? c.createdAt;
  const to = c.endedAt ?? now;
  const from = c.drill ? start : new Date(start.getTime() - 2 * 3_600_000);
  const spanH = (to.getTime() - from.getTime()) / 3_600_000;
  const bucketMinutes = c.drill ? 5 : spanH <= 8 ? 15 : spanH <= 48 ? 60 : 240;
  return { from, to, bucketMinutes };
}

function fillBuckets(from: Date, to: Date, minutes: number, rows: { b: Date; volume: number; negative: number; neutral: number; positive: number }[]): Bucket[] {
  const step = minutes * 60_000;
  const byStart = new Map(rows.map((r) => [new Date(r.b).getTime(), r]));
  const out: Bucket[] = [];
  for (let t = from.getTime(); t <= to.getTime(); t += step) {
    const r = byStart.get(t);
    out.push({ at: new Date(t).toISOString(), volume: r?.volume ?? 0, negative: r?.negative ?? 0, neutral: r?.neutral ?? 0, positive: r?.positive ?? 0 });
  }
  return out;
}

export async function crisisTimeline(tx: Tx, c: CrisisRow, now: Date): Promise<Bucket[]> {
  const { from, to, bucketMinutes } = crisisWindow(c, now);
  const bin = sql.raw(`'${bucketMinutes} minutes'`);
  const counts = (col: ReturnType<typeof sql>) => sql`count(*)::int AS volume, count(*) FILTER (WHERE ${col} < 0)::int AS negative, count(*) FILTER (WHERE ${col} = 0)::int AS neutral, count(*) FILTER (WHERE ${col} > 0)::int AS positive`;
  if (c.drill) {
    const until = to.getTime() < now.getTime() ? to : now;
    const r = await tx.execute<{ b: Date; volume: number; negative: number; neutral: number; positive: number }>(sql`
      SELECT date_bin(${bin}::interval, at, ${from}::timestamptz) AS b, ${counts(sql`sentiment`)}
      FROM crisis_drill_items WHERE crisis_id = ${c.id} AND at <= ${until} GROUP BY b ORDER BY b`);
    return fillBuckets(from, until, bucketMinutes, r.rows);
  }
  if (!c.queryId) return [];
  const r = await tx.execute<{ b: Date; volume: number; negative: number; neutral: number; positive: number }>(sql`
    SELECT date_bin(${bin}::interval, published_at, ${from}::timestamptz) AS b, ${counts(sql`sentiment`)}
    FROM mention_matches WHERE query_id = ${c.queryId} AND published_at >= ${from} AND published_at <= ${to} GROUP BY b ORDER BY b`);
  return fillBuckets(from, to, bucketMinutes, r.rows);
}

async function feedOf(tx: Tx, c: CrisisRow, now: Date): Promise<Room['feed']> {
  if (c.drill) {
    const rows = await tx.select().from(crisisDrillItems).where(and(eq(crisisDrillItems.crisisId, c.id), lte(crisisDrillItems.at, now))).orderBy(desc(crisisDrillItems.at)).limit(100);
    return rows.map((d) => ({ id: d.id, kind: d.kind as 'mention' | 'comment', network: d.network, author: d.author, text: d.text, sentiment: sentimentName(d.sentiment), at: d.at.toISOString(), url: null, handledAt: iso(d.handledAt) }));
  }
  const { from, to } = crisisWindow(c, now);
  const out: Room['feed'] = [];
  if (c.queryId) {
    const rows = await tx.select({ m: mentions }).from(mentionMatches).innerJoin(mentions, eq(mentions.id, mentionMatches.mentionId))
      .where(and(eq(mentionMatches.queryId, c.queryId), gte(mentionMatches.publishedAt, from), lte(mentionMatches.publishedAt, to)))
      .orderBy(desc(mentionMatches.publishedAt)).limit(40);
    out.push(...rows.map(({ m }) => ({ id: `m${m.id}`, kind: 'mention' as const, network: m.network, author: m.author, text: m.text, sentiment: sentimentName(m.sentiment), at: m.publishedAt.toISOString(), url: m.url, handledAt: null })));
  }
  const inbox = inboxAdapter();
  if (inbox) {
    const items = await inbox.crisisItems(tx, c.workspaceId, c.id, from, to, 40);
    out.push(...items.map((i) => ({ id: `i${i.id}`, kind: 'inbox' as const, network: i.network, author: i.author, text: i.text, sentiment: i.sentiment, at: i.at.toISOString(), url: i.url, handledAt: iso(i.handledAt) })));
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}

export async function statementsOf(tx: Tx, c: CrisisRow): Promise<Room['statements']> {
  const rows = await tx.select().from(crisisStatements).where(eq(crisisStatements.crisisId, c.id)).orderBy(asc(crisisStatements.createdAt));
  const postIds = rows.map((r) => r.postId).filter((x): x is string => Boolean(x));
  const targets = postIds.length ? await tx.select().from(publishTargets).where(inArray(publishTargets.postId, postIds)) : [];
  return rows.map((s) => ({
    id: s.id, holdingStatementId: s.holdingStatementId, postId: s.postId, text: s.text, language: s.language, channelIds: s.channelIds, preApproved: s.preApproved,
    createdAt: s.createdAt.toISOString(), releasedAt: iso(s.releasedAt),
    targets: targets.filter((t) => t.postId === s.postId).map((t) => ({ channelId: t.channelId, state: t.state, remoteUrl: t.remoteUrl, publishedAt: iso(t.publishedAt), lastError: t.lastError })),
  }));
}

export async function contactsOf(tx: Tx, crisisId: string): Promise<Room['contacts']> {
  const rows = await tx.select({ c: crisisContacts, name: users.name }).from(crisisContacts).innerJoin(users, eq(users.id, crisisContacts.userId))
    .where(eq(crisisContacts.crisisId, crisisId)).orderBy(asc(crisisContacts.position));
  return rows.map(({ c, name }) => ({
    id: c.id, position: c.position, label: c.label, userId: c.userId, name, substituteFor: c.substituteFor, notifiedAt: c.notifiedAt.toISOString(),
    escalateAt: iso(c.escalateAt), escalatedAt: iso(c.escalatedAt), acknowledgedAt: iso(c.acknowledgedAt), deliveries: c.deliveries as Room['contacts'][number]['deliveries'],
  }));
}

export async function tasksOf(tx: Tx, crisisId: string, now: Date): Promise<Room['tasks']> {
  const rows = await tx.select().from(crisisTasks).where(eq(crisisTasks.crisisId, crisisId)).orderBy(asc(crisisTasks.position));
  return rows.map((t) => ({
    id: t.id, position: t.position, title: t.title, ownerId: t.ownerId, dueAt: t.dueAt.toISOString(), doneAt: iso(t.doneAt), doneBy: t.doneBy,
    late: (t.doneAt ?? now).getTime() > t.dueAt.getTime(),
  }));
}

export async function eventsOf(tx: Tx, crisisId: string): Promise<Room['events']> {
  const rows = await tx.select().from(crisisEvents).where(eq(crisisEvents.crisisId, crisisId)).orderBy(asc(crisisEvents.at), asc(crisisEvents.id));
  return rows.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, actorId: e.actorId, summary: e.summary, reason: e.reason, data: e.data as Record<string, unknown> }));
}

export async function crisisRoom(tx: Tx, c: CrisisRow, playbook: PlaybookRow | null, now: Date): Promise<Room> {
  const [report] = await tx.select({ id: crisisReports.crisisId }).from(crisisReports).where(eq(crisisReports.crisisId, c.id));
  const content = playbook ? contentOfPlaybook(playbook) : null;
  const holding = playbook ? await presentHoldings(tx, await holdingOf(tx, playbook.id)) : [];
  const held = await heldBackTargets(tx, c, now);
  return {
    crisis: presentCrisis(c, Boolean(report)),
    playbook: playbook && content ? { id: playbook.id, name: playbook.name, version: c.playbookVersion ?? playbook.version, faq: content.faq, sla: content.sla } : null,
    timeline: await crisisTimeline(tx, c, now),
    feed: await feedOf(tx, c, now),
    events: await eventsOf(tx, c.id),
    tasks: await tasksOf(tx, c.id, now),
    contacts: await contactsOf(tx, c.id),
    statements: await statementsOf(tx, c),
    holdingStatements: holding,
    heldBack: held.map((h) => ({ targetId: h.targetId, postId: h.postId, channelId: h.channelId, scheduledAt: iso(h.scheduledAt), text: h.text, held: h.held })),
    inboxConnected: inboxAdapter() !== null,
  };
}
