/**
 * Reading the moderation record: one action with its events (status = the latest decisive event),
 * filtered lists, statistics per clause and month ("how many accounts did you block and why"), the
 * warning ladder of an author.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { ModerationAction, ModerationActionKind } from '../../../common/schemas/moderation.ts';
import { addDays } from '../../../common/local-date.ts';
import type { Tx } from '../../db/client.ts';
import { moderationActions, moderationEvents } from './moderation.schema.ts';

/** Events that set the status; appeal events and notes do not change it. */
const STATUS_EVENTS = new Set(['requested', 'awaiting_confirmation', 'confirmed', 'rejected', 'executed', 'local_only', 'failed']);

export type ActionRow = ModerationAction & { channelId: string | null };

type A = typeof moderationActions.$inferSelect;
type E = typeof moderationEvents.$inferSelect;

function present(a: A, events: E[]): ActionRow {
  const decisive = events.filter((e) => STATUS_EVENTS.has(e.kind));
  const last = decisive[decisive.length - 1];
  const status = (last?.kind === 'confirmed' ? 'requested' : last?.kind ?? 'requested') as ModerationAction['status'];
  const failure = last?.kind === 'failed' ? ((last.detail as { network?: { message?: string }[] }).network ?? []).map((n) => n.message).filter(Boolean).join('; ') : null;
  const refused = ((last?.detail as { network?: { outcome?: string; message?: string }[] } | undefined)?.network ?? []).filter((n) => n.outcome === 'refused_by_network').map((n) => n.message);
  return {
    id: a.id, action: a.action as ModerationActionKind, itemId: a.itemId, authorId: a.authorId, network: a.network, channelId: a.channelId,
    clauseId: a.clauseId, clauseCode: a.clauseCode, clauseTitle: a.clauseTitle, netiquetteVersion: a.netiquetteVersion, reason: a.reason,
    scope: a.scope as 'network' | 'local', actorId: a.actorId, actorName: a.actorName, ruleId: a.ruleId, status,
    statusDetail: failure || (refused.length ? refused.join('; ') : null), createdAt: a.createdAt.toISOString(),
    evidence: a.evidence as ModerationAction['evidence'], evidenceHash: a.evidenceHash,
    events: events.map((e) => ({ kind: e.kind, byName: e.byName, createdAt: e.createdAt.toISOString(), detail: e.detail })),
  };
}

async function withEvents(tx: Tx, rows: A[]): Promise<ActionRow[]> {
  if (rows.length === 0) return [];
  const events = await tx.select().from(moderationEvents).where(inArray(moderationEvents.actionId, rows.map((r) => r.id))).orderBy(asc(moderationEvents.createdAt), asc(moderationEvents.id));
  const by = Map.groupBy(events, (e) => e.actionId);
  return rows.map((r) => present(r, (by.get(r.id) ?? []).sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (STATUS_ORDER[x.kind] ?? 9) - (STATUS_ORDER[y.kind] ?? 9))));
}
/** Events written in the same millisecond keep their logical order. */
const STATUS_ORDER: Record<string, number> = { requested: 0, awaiting_confirmation: 1, confirmed: 2, rejected: 2, executed: 3, local_only: 3, failed: 3 };

export async function loadAction(tx: Tx, ws: string, actionId: string): Promise<ActionRow | null> {
  const [a] = await tx.select().from(moderationActions).where(and(eq(moderationActions.workspaceId, ws), eq(moderationActions.id, actionId)));
  return a ? (await withEvents(tx, [a]))[0]! : null;
}

export interface ActionFilter {
  action?: ModerationActionKind;
  clauseId?: string;
  authorId?: string;
  itemId?: string;
  status?: string;
  from?: string;
  to?: string;
  limit: number;
}

export async function listActions(tx: Tx, ws: string, f: ActionFilter): Promise<ActionRow[]> {
  const conds: SQL[] = [eq(moderationActions.workspaceId, ws)];
  if (f.action) conds.push(eq(moderationActions.action, f.action));
  if (f.clauseId) conds.push(eq(moderationActions.clauseId, f.clauseId));
  if (f.authorId) conds.push(eq(moderationActions.authorId, f.authorId));
  if (f.itemId) conds.push(eq(moderationActions.itemId, f.itemId));
  if (f.from) conds.push(gte(moderationActions.createdAt, sql`${f.from}::date::timestamp AT TIME ZONE (SELECT timezone FROM workspaces WHERE id = ${ws})`));
  if (f.to) conds.push(lt(moderationActions.createdAt, sql`${addDays(f.to, 1)}::date::timestamp AT TIME ZONE (SELECT timezone FROM workspaces WHERE id = ${ws})`));
  // The status filter needs the events: over-fetch, then filter (the record of one workspace is small).
  const rows = await tx.select().from(moderationActions).where(and(...conds)).orderBy(desc(moderationActions.createdAt)).limit(f.status ? Math.min(f.limit * 10, 5000) : f.limit);
  const out = await withEvents(tx, rows);
  return (f.status ? out.filter((a) => a.status === f.status) : out).slice(0, f.limit);
}

/** Counts per month (workspace zone), action and clause; `accounts` = distinct authors. Only carried-out actions count. */
export async function moderationStats(tx: Tx, ws: string, q: { from: string; to: string; action?: string }) {
  const rows = await tx.execute<{ month: string; action: string; clause_code: string; clause_title: string; count: number; accounts: number }>(sql`
    WITH tz AS (SELECT timezone AS z FROM workspaces WHERE id = ${ws}),
    done AS (
      SELECT a.* FROM moderation_actions a
      WHERE a.workspace_id = ${ws}
        AND EXISTS (SELECT 1 FROM moderation_events e WHERE e.action_id = a.id AND e.kind IN ('executed', 'local_only'))
        AND a.created_at >= (${q.from}::date::timestamp AT TIME ZONE (SELECT z FROM tz)) AND a.created_at < (${addDays(q.to, 1)}::date::timestamp AT TIME ZONE (SELECT z FROM tz))
        ${q.action ? sql`AND a.action = ${q.action}` : sql``})
    SELECT to_char(created_at AT TIME ZONE (SELECT z FROM tz), 'YYYY-MM') AS month, action, clause_code, max(clause_title) AS clause_title,
      count(*)::int AS count, count(DISTINCT author_id)::int AS accounts
    FROM done GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
  const totals = await tx.execute<{ actions: number; accounts: number }>(sql`
    SELECT count(*)::int AS actions, count(DISTINCT author_id)::int AS accounts FROM moderation_actions a
    WHERE a.workspace_id = ${ws} AND EXISTS (SELECT 1 FROM moderation_events e WHERE e.action_id = a.id AND e.kind IN ('executed', 'local_only'))
      AND a.created_at >= (${q.from}::date::timestamp AT TIME ZONE (SELECT timezone FROM workspaces WHERE id = ${ws}))
      AND a.created_at < (${addDays(q.to, 1)}::date::timestamp AT TIME ZONE (SELECT timezone FROM workspaces WHERE id = ${ws}))
      ${q.action ? sql`AND a.action = ${q.action}` : sql``}`);
  return {
    rows: rows.rows.map((r) => ({ month: r.month, action: r.action, clauseCode: r.clause_code, clauseTitle: r.clause_title, count: Number(r.count), accounts: Number(r.accounts) })),
    totals: { actions: Number(totals.rows[0]?.actions ?? 0), accounts: Number(totals.rows[0]?.accounts ?? 0) },
  };
}

/** How often an author was warned, hidden, blocked (carried-out actions), for the warning ladder before a ban. */
export async function authorLadder(tx: Tx, ws: string, authorId: string) {
  const r = await tx.execute<{ action: string; n: number }>(sql`
    SELECT a.action, count(*)::int AS n FROM moderation_actions a
    WHERE a.workspace_id = ${ws} AND a.author_id = ${authorId}
      AND EXISTS (SELECT 1 FROM moderation_events e WHERE e.action_id = a.id AND e.kind IN ('executed', 'local_only'))
    GROUP BY a.action`);
  const n = (k: string) => Number(r.rows.find((x) => x.action === k)?.n ?? 0);
  return { warnings: n('warn'), hides: n('hide') + n('delete'), blocks: n('block') };
}

export const RECORD_CSV_COLUMNS = ['createdAt', 'action', 'status', 'clauseCode', 'clauseTitle', 'netiquetteVersion', 'reason', 'scope', 'actorName', 'network', 'authorHandle', 'postedAt', 'link', 'text', 'evidenceHash'];
export function recordCsvRow(a: ActionRow): Record<string, unknown> {
  return {
    createdAt: a.createdAt, action: a.action, status: a.status, clauseCode: a.clauseCode, clauseTitle: a.clauseTitle, netiquetteVersion: a.netiquetteVersion,
    reason: a.reason, scope: a.scope, actorName: a.actorName ?? (a.ruleId ? 'rule' : ''), network: a.network, authorHandle: a.evidence.authorHandle,
    postedAt: a.evidence.postedAt, link: a.evidence.link, text: a.evidence.text, evidenceHash: a.evidenceHash,
  };
}
