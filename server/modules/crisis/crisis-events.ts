/**
 * The crisis timeline and decision log. Each entry is also a live event for the crisis room;
 * decisions (who decided what, when and why) additionally go into the audit trail, in the same
 * transaction.
 */
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { crisisEvents } from './crisis.schema.ts';

export type EventKind =
  | 'proposed' | 'signal' | 'confirmed' | 'activated' | 'dismissed' | 'pause_effective' | 'called' | 'acknowledged' | 'escalated'
  | 'task_done' | 'task_reopened' | 'decision' | 'statement_drafted' | 'statement_released' | 'statement_published' | 'drill_item_handled'
  | 'held_back_decided' | 'webhooks' | 'ended';

export interface CrisisEventInput {
  kind: EventKind;
  summary: string;
  reason?: string | null;
  data?: Record<string, unknown>;
}

export async function logCrisisEvent(tx: Tx, ctx: Pick<AppContext, 'events'>, crisis: { id: string; workspaceId: string }, actorId: string | null, e: CrisisEventInput, at: Date): Promise<void> {
  await tx.insert(crisisEvents).values({ crisisId: crisis.id, workspaceId: crisis.workspaceId, at, kind: e.kind, actorId, summary: e.summary, reason: e.reason ?? null, data: e.data ?? {} });
  await ctx.events.emit(tx, { workspaceId: crisis.workspaceId, type: 'crisis.event.created', permission: 'crisis.read', data: { crisisId: crisis.id, kind: e.kind } });
}

/** A decision for the log: who (the actor), what, why; into the timeline and the audit trail. */
export async function recordDecision(tx: Tx, ctx: Pick<AppContext, 'events'>, actor: Actor, crisis: { id: string; workspaceId: string }, decision: string, reason: string, at: Date, data: Record<string, unknown> = {}): Promise<void> {
  await logCrisisEvent(tx, ctx, crisis, actor.userId, { kind: 'decision', summary: decision, reason, data }, at);
  await recordAudit(tx, actor, { workspaceId: crisis.workspaceId, action: 'crisis.decision', objectType: 'crisis', objectId: crisis.id, after: { decision, reason, ...data } }, at);
}
