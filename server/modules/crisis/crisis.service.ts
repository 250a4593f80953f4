/**
 * Crisis mode as a system state: proposed by a signal (spike alert, inbox volume) and confirmed by
 * a person, or declared directly by the duty editor or owner; active (publishing paused in scope,
 * crisis approval path, inbox priority and crisis SLA, banner); ended explicitly (pause switches
 * restored as they were, held-back posts decided, the post-crisis report frozen). One active real
 * crisis per workspace — serialised by a per-workspace advisory lock and guarded by a partial
 * unique index.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, unprocessable } from '../../http/errors.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit.service.ts';
import { listeningQueries } from '../listening/listening.schema.ts';
import { notify } from '../notifications/notify.service.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { crises } from './crisis.schema.ts';
import { logCrisisEvent, recordDecision } from './crisis-events.ts';
import { activeCrisis, loadCrisis, openProposal, type CrisisRow } from './crisis-state.ts';
import { createTasks } from './crisis-tasks.ts';
import { afterCommit, deliverCrisisWebhooks, type CrisisMessage } from './crisis-webhooks.ts';
import { callTeam } from './contact-chain.ts';
import { decideHeldBackInBulk } from './held-back.ts';
import { restorePublishing, switchPauseOn, waitForInFlight, type FreezeOptions, type PreviousPublishing } from './publish-freeze.ts';
import { contentOfPlaybook, loadPlaybook, playbookFromBody, type PlaybookRow } from './playbook.service.ts';
import { dutyEditorAt } from './roster-lookup.ts';
import { storeReport } from './crisis-report.ts';

const CRISIS_LOCK = 724390;
type Scope = 'workspace' | 'channels';

/** Serialises state changes of one workspace's crisis mode (activation, confirmation, end). */
export async function lockCrisisState(tx: Tx, workspaceId: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${CRISIS_LOCK}, hashtext(${workspaceId}))`);
}

async function scopeChannels(tx: Tx, workspaceId: string, scope: Scope, ids: string[], path = 'body.channelIds'): Promise<string[]> {
  if (scope === 'workspace') return [];
  if (ids.length === 0) throw unprocessable('channels_required', 'Choose the channels whose publishing pauses.', [{ path, message: 'at least one channel for scope "channels"' }]);
  const found = await tx.select({ id: channels.id }).from(channels).where(and(eq(channels.workspaceId, workspaceId), inArray(channels.id, ids)));
  if (found.length !== new Set(ids).size) throw unprocessable('unknown_channel', 'A chosen channel does not exist in this workspace.', [{ path, message: 'unknown channel' }]);
  return [...new Set(ids)];
}

export function crisisMessage(ctx: AppContext, c: CrisisRow, event: CrisisMessage['event'], text: string): CrisisMessage {
  return {
    event, crisisId: c.id, workspaceId: c.workspaceId, title: c.title, text, drill: c.drill, link: `${ctx.config.publicUrl}/crisis/${c.id}`,
    facts: [['Stufe', String(c.severity)], ['Bereich', c.scope === 'workspace' ? 'ganzer Arbeitsbereich' : `${c.channelIds.length} Kanäle`], ['Status', c.state]],
  };
}

function sendWebhooksAfterCommit(ctx: AppContext, c: CrisisRow, event: CrisisMessage['event'], text: string) {
  afterCommit(ctx, async () => {
    const deliveries = await deliverCrisisWebhooks(ctx, crisisMessage(ctx, c, event, text));
    if (deliveries.length === 0) return;
    await ctx.database.db.transaction((tx) => logCrisisEvent(tx, ctx, c, null, { kind: 'webhooks', summary: event, data: { deliveries } }, ctx.clock.now()));
  });
}

export interface ProposalInput {
  workspaceId: string;
  playbook: PlaybookRow;
  severity: number;
  queryId: string | null;
  trigger: Record<string, unknown>;
  /** What was observed, for the duty editor's notice. */
  observed: { de: string; en: string };
}

/**
 * A signal proposes a crisis to the duty editor (on duty per roster) and everyone who may declare
 * one: in-app, e-mail and the crisis webhooks. With a crisis already active or proposed, the signal
 * is added to that one's timeline instead (no second proposal). Returns the new proposal or null.
 */
export async function proposeCrisis(tx: Tx, ctx: AppContext, input: ProposalInput, now: Date): Promise<CrisisRow | null> {
  await lockCrisisState(tx, input.workspaceId);
  const existing = (await activeCrisis(tx, input.workspaceId)) ?? (await openProposal(tx, input.workspaceId));
  if (existing) {
    await logCrisisEvent(tx, ctx, existing, null, { kind: 'signal', summary: input.observed.de, data: input.trigger }, now);
    return null;
  }
  const content = contentOfPlaybook(input.playbook);
  const queryId = input.queryId ?? content.queryId;
  const [c] = await tx.insert(crises).values({
    workspaceId: input.workspaceId, playbookId: input.playbook.id, playbookVersion: input.playbook.version, title: input.playbook.name, scenario: input.playbook.scenario,
    severity: input.severity, state: 'proposed', queryId, trigger: input.trigger, proposedAt: now, createdAt: now, updatedAt: now,
  }).returning();
  await logCrisisEvent(tx, ctx, c!, null, { kind: 'proposed', summary: input.observed.de, data: input.trigger }, now);
  await recordAudit(tx, SYSTEM_ACTOR, { workspaceId: input.workspaceId, action: 'crisis.proposed', objectType: 'crisis', objectId: c!.id, after: { playbookId: input.playbook.id, severity: input.severity, trigger: input.trigger } }, now);
  const cvd = await dutyEditorAt(tx, input.workspaceId, now);
  await notify(tx, ctx, {
    workspaceId: input.workspaceId, userIds: cvd ? [cvd] : [], permission: 'crisis.decide', kind: 'crisis.proposed', objectId: c!.id, link: `/crisis/${c!.id}`, email: true,
    title: { de: `Krisenfall vorgeschlagen: ${input.playbook.name}`, en: `Crisis proposed: ${input.playbook.name}` },
    body: { de: `${input.observed.de}. Bitte prüfen und bestätigen oder verwerfen.`, en: `${input.observed.en}. Please review, then confirm or dismiss.` },
  });
  await ctx.events.emit(tx, { workspaceId: input.workspaceId, type: 'crisis.state.changed', data: { crisisId: c!.id, state: 'proposed' } });
  sendWebhooksAfterCommit(ctx, c!, 'crisis.proposed', input.observed.de);
  return c!;
}

interface Plan {
  existing: CrisisRow | null;
  playbook: PlaybookRow;
  severity: number;
  title?: string;
  scope: Scope;
  channelIds: string[];
  reason: string;
}

const ACTIVATION_LOCK = 724391;

/**
 * Serialises whole activations of one workspace: pause, drain and confirmation span several
 * transactions (publish-freeze.ts), so the lock is a session lock on its own connection.
 */
async function withActivationLock<T>(ctx: AppContext, workspaceId: string, fn: () => Promise<T>): Promise<T> {
  const client = await ctx.database.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [ACTIVATION_LOCK, workspaceId]);
    try {
      return await fn();
    } finally {
      await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [ACTIVATION_LOCK, workspaceId]).catch(() => undefined);
    }
  } finally {
    client.release();
  }
}

/**
 * Checks → pause switched on → in-flight sends settled → confirmation (publish-freeze.ts explains
 * why in this order). If the confirmation fails, the switches are put back as they were.
 */
async function runActivation(ctx: AppContext, actor: Actor, workspaceId: string, prepare: (tx: Tx) => Promise<Plan>, opts: FreezeOptions): Promise<CrisisRow> {
  return withActivationLock(ctx, workspaceId, async () => {
    const started = performance.now();
    const now = ctx.clock.now();
    const { plan, previous } = await ctx.database.db.transaction(async (tx) => {
      await lockCrisisState(tx, workspaceId);
      const p = await prepare(tx);
      return { plan: p, previous: await switchPauseOn(tx, actor, workspaceId, p.scope === 'workspace' ? null : p.channelIds, now) };
    });
    try {
      const drain = await waitForInFlight(ctx.database, workspaceId, plan.scope === 'workspace' ? null : plan.channelIds, now, opts);
      const pauseEffectiveMs = Math.round(performance.now() - started);
      return await ctx.database.db.transaction(async (tx) => {
        await lockCrisisState(tx, workspaceId);
        return goActive(tx, ctx, actor, plan, { previous, inFlight: drain.inFlight, waitedMs: drain.waitedMs, pauseEffectiveMs }, now);
      });
    } catch (err) {
      // No crisis started: never leave a pause behind that nobody owns.
      await ctx.database.db.transaction((tx) => restorePublishing(tx, actor, workspaceId, plan.scope, previous, ctx.clock.now())).catch(() => undefined);
      throw err;
    }
  });
}

interface Freeze { previous: PreviousPublishing; inFlight: number; waitedMs: number; pauseEffectiveMs: number }

async function goActive(tx: Tx, ctx: AppContext, actor: Actor, g: Plan, f: Freeze, now: Date): Promise<CrisisRow> {
  const content = contentOfPlaybook(g.playbook);
  const workspaceId = g.playbook.workspaceId;
  const queryId = g.existing?.queryId ?? content.queryId;
  const [q] = queryId ? await tx.select({ query: listeningQueries.query }).from(listeningQueries).where(eq(listeningQueries.id, queryId)) : [];
  const values = {
    state: 'active', severity: g.severity, scope: g.scope, channelIds: g.channelIds, confirmedAt: now, confirmedBy: actor.userId,
    previousPublishing: f.previous, pauseEffectiveMs: f.pauseEffectiveMs, inFlightAtConfirm: f.inFlight, playbookVersion: g.playbook.version, queryId, queryText: q?.query ?? null, updatedAt: now,
  };
  const [c] = g.existing
    ? await tx.update(crises).set(values).where(eq(crises.id, g.existing.id)).returning()
    : await tx.insert(crises).values({
      ...values, workspaceId, playbookId: g.playbook.id, scenario: g.playbook.scenario, title: g.title ?? g.playbook.name, trigger: { kind: 'manual' }, createdAt: now,
    }).returning();
  const level = content.levels.find((l) => l.level === g.severity)?.name ?? `Stufe ${g.severity}`;
  await logCrisisEvent(tx, ctx, c!, actor.userId, { kind: g.existing ? 'confirmed' : 'activated', summary: `Stufe ${g.severity}: ${level}`, reason: g.reason }, now);
  await recordDecision(tx, ctx, actor, c!, g.existing ? `Krisenfall bestätigt (Stufe ${g.severity})` : `Krisenmodus ausgerufen (Stufe ${g.severity})`, g.reason, now, { scope: g.scope, channelIds: g.channelIds });
  await logCrisisEvent(tx, ctx, c!, null, {
    kind: 'pause_effective', summary: g.scope === 'workspace' ? 'Veröffentlichung pausiert (ganzer Arbeitsbereich)' : `Veröffentlichung pausiert (${g.channelIds.length} Kanäle)`,
    data: { ms: f.pauseEffectiveMs, inFlight: f.inFlight, waitedMs: f.waitedMs },
  }, now);
  await createTasks(tx, c!, content.tasks, now);
  await callTeam(tx, ctx, c!, content.team, now);
  await recordAudit(tx, actor, { workspaceId, action: 'crisis.activated', objectType: 'crisis', objectId: c!.id, after: { severity: g.severity, scope: g.scope, channelIds: g.channelIds, playbookId: g.playbook.id, playbookVersion: g.playbook.version, pauseEffectiveMs: f.pauseEffectiveMs, inFlight: f.inFlight } }, now);
  await notify(tx, ctx, {
    workspaceId, permission: 'crisis.read', exceptUserIds: [actor.userId], kind: 'crisis.activated', objectId: c!.id, link: `/crisis/${c!.id}`,
    title: { de: `Krisenmodus aktiv: ${c!.title}`, en: `Crisis mode active: ${c!.title}` },
    body: { de: 'Geplante Veröffentlichungen sind pausiert; Freigaben laufen über den Krisenpfad.', en: 'Scheduled publishing is paused; approvals follow the crisis path.' },
  });
  await ctx.events.emit(tx, { workspaceId, type: 'crisis.state.changed', data: { crisisId: c!.id, state: 'active' } });
  return c!;
}

export interface ActivateInput { playbookId: string; severity: number; title?: string; scope: Scope; channelIds: string[]; reason: string }

/** Declared directly by the duty editor or owner (the route checks `crisis.decide`). */
export async function activateCrisis(ctx: AppContext, actor: Actor, workspaceId: string, input: ActivateInput, opts: FreezeOptions = {}): Promise<CrisisRow> {
  const c = await runActivation(ctx, actor, workspaceId, async (tx) => {
    const active = await activeCrisis(tx, workspaceId);
    if (active) throw conflict('crisis_already_active', `Crisis mode is already active ("${active.title}"). End it before declaring another one.`);
    const playbook = await playbookFromBody(tx, workspaceId, input.playbookId);
    const channelIds = await scopeChannels(tx, workspaceId, input.scope, input.channelIds);
    return { existing: null, playbook, severity: input.severity, title: input.title, scope: input.scope, channelIds, reason: input.reason };
  }, opts);
  sendWebhooksAfterCommit(ctx, c, 'crisis.activated', input.reason);
  return c;
}

/** A person confirms a proposal: from here on it is crisis mode. */
export async function confirmCrisis(ctx: AppContext, actor: Actor, workspaceId: string, crisisId: string, input: { severity?: number; scope?: Scope; channelIds?: string[]; reason: string }, opts: FreezeOptions = {}): Promise<CrisisRow> {
  const c = await runActivation(ctx, actor, workspaceId, async (tx) => {
    const p = await loadCrisis(tx, workspaceId, crisisId, true);
    if (p.state === 'active') throw conflict('crisis_already_active', 'This crisis is already active.');
    if (p.state !== 'proposed') throw conflict('crisis_not_proposed', `Only a proposed crisis can be confirmed (this one is ${p.state}).`);
    const active = await activeCrisis(tx, workspaceId);
    if (active) throw conflict('crisis_already_active', `Crisis mode is already active ("${active.title}").`);
    if (!p.playbookId) throw unprocessable('unknown_playbook', 'The playbook of this proposal was deleted; declare the crisis with another playbook.', [{ path: 'body', message: 'playbook missing' }]);
    const playbook = await loadPlaybook(tx, workspaceId, p.playbookId);
    const scope = input.scope ?? 'workspace';
    const channelIds = await scopeChannels(tx, workspaceId, scope, input.channelIds ?? []);
    return { existing: p, playbook, severity: input.severity ?? p.severity, scope, channelIds, reason: input.reason };
  }, opts);
  sendWebhooksAfterCommit(ctx, c, 'crisis.activated', input.reason);
  return c;
}

export async function dismissProposal(tx: Tx, ctx: AppContext, actor: Actor, workspaceId: string, crisisId: string, reason: string, now: Date): Promise<CrisisRow> {
  await lockCrisisState(tx, workspaceId);
  const p = await loadCrisis(tx, workspaceId, crisisId, true);
  if (p.state !== 'proposed') throw conflict('crisis_not_proposed', `Only a proposed crisis can be dismissed (this one is ${p.state}).`);
  const [after] = await tx.update(crises).set({ state: 'dismissed', endedAt: now, endedBy: actor.userId, endSummary: reason, updatedAt: now }).where(eq(crises.id, p.id)).returning();
  await logCrisisEvent(tx, ctx, p, actor.userId, { kind: 'dismissed', summary: 'Vorschlag verworfen', reason }, now);
  await recordDecision(tx, ctx, actor, p, 'Vorschlag verworfen – kein Krisenfall', reason, now);
  await recordAudit(tx, actor, { workspaceId, action: 'crisis.dismissed', objectType: 'crisis', objectId: p.id, before: { state: 'proposed' }, after: { state: 'dismissed', reason } }, now);
  await ctx.events.emit(tx, { workspaceId, type: 'crisis.state.changed', data: { crisisId: p.id, state: 'dismissed' } });
  return after!;
}

/**
 * Ends an active crisis (or drill): restores the pause switches as they were, decides held-back
 * posts in bulk when asked (otherwise they stay held for one-by-one review), freezes the report.
 */
export async function endCrisis(ctx: AppContext, actor: Actor, workspaceId: string, crisisId: string, input: { summary: string; heldBack: 'review' | 'publish_all' | 'cancel_all' }): Promise<CrisisRow> {
  const now = ctx.clock.now();
  const c = await ctx.database.db.transaction(async (tx) => {
    await lockCrisisState(tx, workspaceId);
    const before = await loadCrisis(tx, workspaceId, crisisId, true);
    if (before.state !== 'active') throw conflict('crisis_not_active', `Only an active crisis can be ended (this one is ${before.state}).`);
    let held = 0;
    let decided = 0;
    if (!before.drill) {
      held = await restorePublishing(tx, actor, workspaceId, before.scope as Scope, (before.previousPublishing ?? { workspacePaused: false, channels: [] }) as PreviousPublishing, now);
      if (input.heldBack !== 'review') decided = await decideHeldBackInBulk(tx, actor, before, input.heldBack === 'publish_all' ? 'publish_now' : 'cancel', now);
    }
    const [after] = await tx.update(crises).set({ state: 'ended', endedAt: now, endedBy: actor.userId, endSummary: input.summary, updatedAt: now }).where(eq(crises.id, before.id)).returning();
    await recordDecision(tx, ctx, actor, after!, before.drill ? 'Übung beendet' : 'Krisenmodus beendet', input.summary, now, { heldBack: input.heldBack, held, decided });
    await logCrisisEvent(tx, ctx, after!, actor.userId, { kind: 'ended', summary: before.drill ? 'Übung beendet' : `Krise beendet; ${held} zurückgehaltene Beiträge`, data: { held, decided, heldBack: input.heldBack } }, now);
    await recordAudit(tx, actor, { workspaceId, action: before.drill ? 'crisis.drill_ended' : 'crisis.ended', objectType: 'crisis', objectId: before.id, before: { state: 'active' }, after: { state: 'ended', held, decided, heldBack: input.heldBack } }, now);
    await storeReport(tx, after!, now);
    await ctx.events.emit(tx, { workspaceId, type: 'crisis.state.changed', data: { crisisId: before.id, state: 'ended' } });
    return after!;
  });
  if (!c.drill) sendWebhooksAfterCommit(ctx, c, 'crisis.ended', input.summary);
  return c;
}
