/**
 * The SLA monitor: every minute it finds open inbox items whose warning or due instant has passed
 * and tells the assignee and the duty editor on duty (in-app + e-mail through the outbox).
 *
 * What happens if it runs twice, or in two workers at once: each notice is claimed by inserting
 * its `(item, stage, kind)` row into `sla_notices` with ON CONFLICT DO NOTHING in the same
 * transaction as the notification. A second run finds the row and sends nothing; two concurrent
 * runs serialise on the primary key, the loser's insert returns nothing after the winner commits.
 * A crash before commit loses both the claim and the notice, so the next tick sends it.
 * Durable: the condition is "instant ≤ now", not "in the last minute", so a worker that was down
 * catches up; an item already breached when first seen gets only the breach notice (its warning
 * is recorded as superseded, not sent).
 */
import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { inboxItems } from '../inbox/inbox.schema.ts';
import { emitItemEvent } from '../inbox/item-store.ts';
import { notify } from '../notifications/notify.service.ts';
import { substituteAt, whoIsOnDuty } from '../roster/duty.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { slaNotices } from './sla.schema.ts';

const OPEN = ['new', 'assigned', 'waiting'];
const BATCH = 200;

type Stage = 'first_response' | 'resolution';
type Kind = 'warning' | 'breach';

interface Due {
  id: string;
  workspaceId: string;
  channelId: string | null;
  assigneeId: string | null;
  stage: Stage;
  kind: Kind;
  dueAt: Date;
  text: string;
}

/** Items with a passed warning/due instant and no notice of that kind yet. */
async function findDue(tx: Tx, now: Date, limit: number): Promise<Due[]> {
  const i = inboxItems;
  const rows = await tx.select({
    id: i.id, workspaceId: i.workspaceId, channelId: i.channelId, assigneeId: i.assigneeId, text: i.text, firstResponseAt: i.firstResponseAt,
    fd: i.slaFirstDueAt, fw: i.slaFirstWarnAt, rd: i.slaResolveDueAt, rw: i.slaResolveWarnAt,
  }).from(i).where(and(
    inArray(i.status, OPEN),
    or(
      and(isNull(i.firstResponseAt), isNotNull(i.slaFirstWarnAt), lte(i.slaFirstWarnAt, now),
        sql`NOT EXISTS (SELECT 1 FROM ${slaNotices} n WHERE n.item_id = ${i.id} AND n.stage = 'first_response' AND n.kind = CASE WHEN ${i.slaFirstDueAt} <= ${now.toISOString()}::timestamptz THEN 'breach' ELSE 'warning' END)`),
      and(isNotNull(i.firstResponseAt), isNotNull(i.slaResolveWarnAt), lte(i.slaResolveWarnAt, now),
        sql`NOT EXISTS (SELECT 1 FROM ${slaNotices} n WHERE n.item_id = ${i.id} AND n.stage = 'resolution' AND n.kind = CASE WHEN ${i.slaResolveDueAt} <= ${now.toISOString()}::timestamptz THEN 'breach' ELSE 'warning' END)`),
    ),
  )).orderBy(i.urgencyAt).limit(limit);
  return rows.map((r) => {
    const stage: Stage = r.firstResponseAt ? 'resolution' : 'first_response';
    const due = stage === 'first_response' ? r.fd : r.rd;
    return { id: r.id, workspaceId: r.workspaceId, channelId: r.channelId, assigneeId: r.assigneeId, text: r.text, stage, kind: due && due <= now ? 'breach' : 'warning', dueAt: due ?? now };
  });
}

const STAGE_NAME = { first_response: { de: 'Erste Antwort', en: 'First response' }, resolution: { de: 'Erledigung', en: 'Resolution' } };

function excerpt(text: string): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

/** Claims and sends one notice; returns whether this call sent it. */
async function sendNotice(tx: Tx, ctx: AppContext, d: Due, now: Date): Promise<boolean> {
  const claimed = await tx.insert(slaNotices).values({ workspaceId: d.workspaceId, itemId: d.id, stage: d.stage, kind: d.kind, sentAt: now })
    .onConflictDoNothing().returning({ itemId: slaNotices.itemId });
  if (claimed.length === 0) return false;
  // A breach supersedes the warning that was never sent (worker down, or a very short target).
  if (d.kind === 'breach') await tx.insert(slaNotices).values({ workspaceId: d.workspaceId, itemId: d.id, stage: d.stage, kind: 'warning', sentAt: now }).onConflictDoNothing();
  const duty = await whoIsOnDuty(tx, d.workspaceId, d.channelId, now);
  // An absent assignee's substitute hears of it instead (the absent person keeps it when nobody stands in).
  const assignee = d.assigneeId ? (await substituteAt(tx, d.workspaceId, d.assigneeId, now)) ?? d.assigneeId : null;
  const recipients = [...new Set([...(assignee ? [assignee] : []), ...duty.dutyEditorIds])];
  const stage = STAGE_NAME[d.stage];
  const [ws] = await tx.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, d.workspaceId));
  const time = (l: 'de' | 'en') => d.dueAt.toLocaleString(l === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: ws?.tz ?? 'Europe/Berlin' });
  const breach = d.kind === 'breach';
  await notify(tx, ctx, {
    workspaceId: d.workspaceId,
    // Nobody assigned and no CvD on the roster: everyone who works the inbox hears about a breach.
    ...(recipients.length ? { userIds: recipients } : breach ? { permission: 'inbox.work' as const } : { userIds: [] }),
    kind: breach ? 'sla.breached' : 'sla.warning',
    title: breach
      ? { de: `Reaktionszeit überschritten: ${stage.de}`, en: `Response-time target breached: ${stage.en}` }
      : { de: `Reaktionszeit läuft bald ab: ${stage.de}`, en: `Response-time target due soon: ${stage.en}` },
    body: {
      de: `${breach ? 'Fällig war' : 'Fällig um'} ${time('de')}: „${excerpt(d.text)}“`,
      en: `${breach ? 'Was due' : 'Due at'} ${time('en')}: "${excerpt(d.text)}"`,
    },
    link: `/inbox/items/${d.id}`, objectId: d.id, email: true,
  });
  await emitItemEvent(tx, ctx, d.workspaceId, 'inbox.item.updated', d.id, { sla: breach ? 'breached' : 'warning' });
  return true;
}

/** One monitor pass; returns how many notices it sent. */
export async function slaMonitorTick(ctx: AppContext, now: Date): Promise<{ warnings: number; breaches: number }> {
  const out = { warnings: 0, breaches: 0 };
  for (let round = 0; round < 50; round++) {
    const due = await findDue(ctx.database.db, now, BATCH);
    if (due.length === 0) break;
    let sent = 0;
    for (const d of due) {
      // One transaction per item: a failing item (e.g. removed meanwhile) does not hold back the others.
      const ok = await ctx.database.db.transaction((tx) => sendNotice(tx, ctx, d, now)).catch((err: unknown) => {
        ctx.log.warn({ err, itemId: d.id }, 'SLA notice failed');
        return false;
      });
      if (ok) {
        sent++;
        out[d.kind === 'breach' ? 'breaches' : 'warnings']++;
      }
    }
    if (sent === 0 || due.length < BATCH) break;
  }
  return out;
}

/** Starts the monitor loop (every minute by default). */
export function startSlaMonitor(ctx: AppContext, intervalMs = 60_000): () => void {
  let running = false;
  const t = setInterval(() => {
    if (running) return;
    running = true;
    slaMonitorTick(ctx, ctx.clock.now())
      .then((r) => { if (r.warnings || r.breaches) ctx.log.info(r, 'SLA monitor'); })
      .catch((err: unknown) => ctx.log.error({ err }, 'SLA monitor tick failed'))
      .finally(() => { running = false; });
  }, intervalMs);
  t.unref();
  return () => clearInterval(t);
}

