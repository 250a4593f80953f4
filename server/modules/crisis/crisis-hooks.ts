/**
 * Crisis mode plugs into other modules through their hooks, registered once per process (web and
 * worker): the approval chain override (crisis path while active), the spike-alert hook that
 * proposes a crisis, and the reader of crisis items in the inbox. The inbox and the SLA clock call
 * crisis-inbox.ts themselves.
 */
import { and, eq } from 'drizzle-orm';
import type { ApprovalStep } from '../publishing/approval-chain.ts';
import { registerChainOverride } from '../publishing/approval-override.ts';
import { registerAlertHook } from '../listening/alerts/alert-hooks.ts';
import type { AppContext } from '../../http/context.ts';
import type { Tx } from '../../db/client.ts';
import { crisisPlaybooks } from './crisis.schema.ts';
import { registerInboxCrisisAdapter } from './crisis-inbox.ts';
import { inboxCrisisAdapter } from './inbox-adapter.ts';
import { activeCrisis, covers } from './crisis-state.ts';
import { proposeCrisis } from './crisis.service.ts';
import { matchTrigger, type Signal } from './crisis-triggers.ts';
import { contentOfPlaybook, loadPlaybook } from './playbook.service.ts';

/** The default crisis path: the duty editor (or owner), then one approver — two people, never the author. */
export const CRISIS_CHAIN: readonly ApprovalStep[] = [
  { name: 'CvD (Krise)', roles: ['duty_editor', 'owner'], userIds: [], mode: 'any' },
  { name: 'Freigabe (Krise)', roles: ['approver', 'duty_editor', 'owner', 'admin'], userIds: [], mode: 'any' },
];

export async function crisisChainFor(tx: Tx, workspaceId: string, channelIds: readonly string[]): Promise<readonly ApprovalStep[] | null> {
  const c = await activeCrisis(tx, workspaceId);
  if (!c) return null;
  // A post without channels yet is covered only by a workspace-wide crisis.
  if (!(channelIds.length ? covers(c, channelIds) : c.scope === 'workspace')) return null;
  const steps = c.playbookId ? contentOfPlaybook(await loadPlaybook(tx, workspaceId, c.playbookId)).crisisChain : null;
  return steps && steps.length ? (steps as ApprovalStep[]) : CRISIS_CHAIN;
}

/** Proposes a crisis for a signal that matches a playbook trigger; returns the proposal id or null. */
export async function proposeForSignal(ctx: AppContext, workspaceId: string, signal: Signal, trigger: Record<string, unknown>, observed: { de: string; en: string }, now: Date): Promise<string | null> {
  return ctx.database.db.transaction(async (tx) => {
    const playbooks = await tx.select().from(crisisPlaybooks).where(and(eq(crisisPlaybooks.workspaceId, workspaceId), eq(crisisPlaybooks.archived, false)));
    const match = matchTrigger(playbooks, signal);
    if (!match) return null;
    const c = await proposeCrisis(tx, ctx, { workspaceId, playbook: match.playbook, severity: match.level, queryId: signal.kind === 'listening_spike' ? signal.queryId : null, trigger, observed }, now);
    return c?.id ?? null;
  });
}

let registered = false;
export function registerCrisisHooks(): void {
  if (registered) return;
  registered = true;
  registerChainOverride(crisisChainFor);
  registerInboxCrisisAdapter(inboxCrisisAdapter);
  registerAlertHook(async (ctx, a, now) => {
    const pct = (x: number) => `${Math.round(x * 100)} %`;
    const observed = a.kind === 'volume'
      ? { de: `Ausschlag bei „${a.queryName}“: ${a.observed} Erwähnungen statt etwa ${a.expected.toFixed(1)}`, en: `Spike for "${a.queryName}": ${a.observed} mentions instead of about ${a.expected.toFixed(1)}` }
      : { de: `Negative Erwähnungen bei „${a.queryName}“: ${pct(a.observed)} statt etwa ${pct(a.expected)}`, en: `Negative mentions for "${a.queryName}": ${pct(a.observed)} instead of about ${pct(a.expected)}` };
    await proposeForSignal(ctx, a.workspaceId, { kind: 'listening_spike', queryId: a.queryId, alertKind: a.kind, score: a.score },
      { kind: 'listening_alert', alertId: a.alertId, queryId: a.queryId, alertKind: a.kind, observed: a.observed, expected: a.expected, score: a.score }, observed, now);
  });
}
