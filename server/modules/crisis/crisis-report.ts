/**
 * The post-crisis (or drill) report: computed once when the crisis ends and frozen in
 * crisis_reports, so it reads the same tomorrow as today — timeline, volumes, response times,
 * statements, decisions and the tasks done late. The PDF is rendered from this summary (report-pdf.ts).
 */
import { eq, inArray } from 'drizzle-orm';
import type { ReportSummary } from '../../../common/schemas/crisis.ts';
import type { Tx } from '../../db/client.ts';
import { users } from '../identity/identity.schema.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { crisisDrillItems, crisisPlaybooks, crisisReports } from './crisis.schema.ts';
import { inboxAdapter } from './crisis-inbox.ts';
import { contactsOf, crisisTimeline, crisisWindow, eventsOf, statementsOf, tasksOf } from './crisis-room.ts';
import { presentCrisis, type CrisisRow } from './crisis-state.ts';

const minutesBetween = (a: Date | string, b: Date | string) => Math.round((new Date(b).getTime() - new Date(a).getTime()) / 6000) / 10;

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : Math.round(((s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
}

export async function buildReportSummary(tx: Tx, c: CrisisRow, now: Date): Promise<ReportSummary> {
  const [ws] = await tx.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, c.workspaceId));
  const [pb] = c.playbookId ? await tx.select({ name: crisisPlaybooks.name }).from(crisisPlaybooks).where(eq(crisisPlaybooks.id, c.playbookId)) : [];
  const start = c.confirmedAt ?? c.createdAt;
  const end = c.endedAt ?? now;
  const volumes = await crisisTimeline(tx, c, now);
  const events = await eventsOf(tx, c.id);
  const contacts = await contactsOf(tx, c.id);
  const tasks = await tasksOf(tx, c.id, end);
  const statements = await statementsOf(tx, c);
  const ids = [...new Set([...events.map((e) => e.actorId), ...tasks.map((t) => t.ownerId)].filter((x): x is string => Boolean(x)))];
  const names = new Map((ids.length ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : []).map((u) => [u.id, u.name]));
  const channelIds = [...new Set(statements.flatMap((s) => s.channelIds))];
  const channelNames = new Map((channelIds.length ? await tx.select({ id: channels.id, name: channels.name }).from(channels).where(inArray(channels.id, channelIds)) : []).map((ch) => [ch.id, ch.name]));

  let inboxItems = 0;
  let handledMinutes: number[] = [];
  if (c.drill) {
    const items = await tx.select().from(crisisDrillItems).where(eq(crisisDrillItems.crisisId, c.id));
    const arrived = items.filter((i) => i.at.getTime() <= end.getTime());
    inboxItems = arrived.filter((i) => i.kind === 'comment').length;
    handledMinutes = arrived.filter((i) => i.handledAt).map((i) => minutesBetween(i.at, i.handledAt!));
  } else if (inboxAdapter()) {
    const { from, to } = crisisWindow(c, now);
    const items = await inboxAdapter()!.crisisItems(tx, c.workspaceId, c.id, from, to, 10_000);
    inboxItems = items.length;
    handledMinutes = items.filter((i) => i.handledAt).map((i) => minutesBetween(i.at, i.handledAt!));
  }
  const acks = contacts.map((k) => ({ name: k.name, label: k.label, minutes: k.acknowledgedAt ? minutesBetween(k.notifiedAt, k.acknowledgedAt) : null }));
  const firstStatement = statements.map((s) => s.releasedAt ?? (c.drill ? s.createdAt : null)).filter((x): x is string => Boolean(x)).sort()[0];
  return {
    crisis: presentCrisis(c, true),
    workspaceName: ws?.name ?? '',
    playbookName: pb?.name ?? null,
    generatedAt: now.toISOString(),
    durationMinutes: minutesBetween(start, end),
    volumes,
    totals: {
      mentions: volumes.reduce((s, b) => s + b.volume, 0), negative: volumes.reduce((s, b) => s + b.negative, 0),
      inboxItems, handled: handledMinutes.length,
    },
    responseTimes: {
      acknowledgements: acks,
      medianAckMinutes: median(acks.map((a) => a.minutes).filter((m): m is number => m !== null)),
      firstStatementMinutes: firstStatement ? minutesBetween(start, firstStatement) : null,
      medianHandleMinutes: median(handledMinutes),
    },
    statements: statements.map((s) => ({
      at: s.releasedAt ?? s.createdAt, text: s.text, channels: s.channelIds.map((id) => channelNames.get(id) ?? id), preApproved: s.preApproved,
      published: s.targets.some((t) => t.state === 'published'),
    })),
    decisions: events.filter((e) => e.kind === 'decision').map((e) => ({ at: e.at, by: e.actorId ? (names.get(e.actorId) ?? '—') : 'System', decision: e.summary, reason: e.reason })),
    tasks: tasks.map((t) => ({ title: t.title, owner: t.ownerId ? (names.get(t.ownerId) ?? '—') : '—', dueAt: t.dueAt, doneAt: t.doneAt, late: t.late })),
    timeline: events.map((e) => ({ at: e.at, kind: e.kind, summary: e.summary })),
  };
}

export async function storeReport(tx: Tx, c: CrisisRow, now: Date): Promise<ReportSummary> {
  const summary = await buildReportSummary(tx, c, now);
  await tx.insert(crisisReports).values({ crisisId: c.id, workspaceId: c.workspaceId, generatedAt: now, summary }).onConflictDoUpdate({ target: crisisReports.crisisId, set: { generatedAt: now, summary } });
  return summary;
}

export async function loadReport(tx: Tx, crisisId: string): Promise<ReportSummary | null> {
  const [r] = await tx.select().from(crisisReports).where(eq(crisisReports.crisisId, crisisId));
  return (r?.summary as ReportSummary | undefined) ?? null;
}
