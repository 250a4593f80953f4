/**
 * Drills: a simulated crisis for practising the playbook. The scenario script's mentions and
 * comments go into the drill sandbox (crisis_drill_items), never into listening or the inbox; their
 * sentiment comes from the real analyzer. The team is called (marked as a drill), tasks run on the
 * clock, statements are drafted — and nothing is ever published (statement.service refuses, before
 * publishing or any provider is touched). Publishing is not paused and the approval path does not
 * change: a drill is not a system state.
 */
import { and, eq, lte } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { conflict, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { createAnalyzer, type SentimentAnalyzer } from '../listening/nlp/sentiment-analyzer.ts';
import { crises, crisisDrillItems } from './crisis.schema.ts';
import { logCrisisEvent } from './crisis-events.ts';
import { activeDrill, type CrisisRow } from './crisis-state.ts';
import { createTasks } from './crisis-tasks.ts';
import { callTeam } from './contact-chain.ts';
import { lockCrisisState } from './crisis.service.ts';
import { drillScript } from './drill-script.ts';
import type { Scenario } from './playbook-templates.ts';
import { contentOfPlaybook, playbookFromBody } from './playbook.service.ts';

let analyzer: SentimentAnalyzer | null = null;
const SENTIMENT = { negative: -1, neutral: 0, positive: 1 } as const;

export async function startDrill(ctx: AppContext, actor: Actor, workspaceId: string, input: { playbookId: string; durationMinutes: number; title?: string }): Promise<CrisisRow> {
  const now = ctx.clock.now();
  // Analysed before the transaction: the built-in model takes a moment on first use.
  const playbookScenario = await ctx.database.db.transaction(async (tx) => (await playbookFromBody(tx, workspaceId, input.playbookId)).scenario as Scenario);
  analyzer ??= createAnalyzer();
  const items = await Promise.all(drillScript(playbookScenario, input.durationMinutes, now.getTime() % 100_000).map(async (d) => ({ ...d, s: await analyzer!.analyze(d.text, 'de') })));
  return ctx.database.db.transaction(async (tx) => {
    await lockCrisisState(tx, workspaceId);
    const running = await activeDrill(tx, workspaceId);
    if (running) throw conflict('drill_already_active', `A drill is already running ("${running.title}"). End it first.`);
    const playbook = await playbookFromBody(tx, workspaceId, input.playbookId);
    const content = contentOfPlaybook(playbook);
    const [c] = await tx.insert(crises).values({
      workspaceId, playbookId: playbook.id, playbookVersion: playbook.version, title: input.title ?? `Übung: ${playbook.name}`, scenario: playbook.scenario, severity: 2,
      state: 'active', drill: true, queryId: content.queryId, trigger: { kind: 'drill', durationMinutes: input.durationMinutes, items: items.length },
      proposedAt: now, confirmedAt: now, confirmedBy: actor.userId, createdAt: now, updatedAt: now,
    }).returning();
    if (items.length) {
      await tx.insert(crisisDrillItems).values(items.map((d) => ({
        crisisId: c!.id, workspaceId, kind: d.kind, network: d.network, author: d.author, text: d.text, sentiment: SENTIMENT[d.s.sentiment], sentimentScore: d.s.score,
        at: new Date(now.getTime() + d.offsetS * 1000),
      })));
    }
    await logCrisisEvent(tx, ctx, c!, actor.userId, { kind: 'activated', summary: `Übung gestartet (${input.durationMinutes} Minuten, ${items.length} simulierte Beiträge)` }, now);
    await createTasks(tx, c!, content.tasks, now);
    await callTeam(tx, ctx, c!, content.team, now);
    await recordAudit(tx, actor, { workspaceId, action: 'crisis.drill_started', objectType: 'crisis', objectId: c!.id, after: { playbookId: playbook.id, durationMinutes: input.durationMinutes, items: items.length } }, now);
    // Only the crisis team sees the drill banner; the rest of the organisation is not alarmed.
    await ctx.events.emit(tx, { workspaceId, type: 'crisis.state.changed', permission: 'crisis.read', data: { crisisId: c!.id, state: 'active', drill: true } });
    return c!;
  });
}

/** A drill item was answered or dealt with: its response time counts in the drill report. */
export async function handleDrillItem(tx: Tx, ctx: AppContext, actor: Actor, crisis: CrisisRow, itemId: string, now: Date) {
  if (!crisis.drill) throw conflict('not_a_drill', 'Only drill items are handled here; real items are worked in the inbox.');
  if (crisis.state !== 'active') throw conflict('crisis_not_active', 'The drill is over.');
  const [item] = await tx.select().from(crisisDrillItems).where(and(eq(crisisDrillItems.id, itemId), eq(crisisDrillItems.crisisId, crisis.id), lte(crisisDrillItems.at, now))).for('update');
  if (!item) throw notFound('drill item');
  if (item.handledAt) return item;
  const [after] = await tx.update(crisisDrillItems).set({ handledAt: now, handledBy: actor.userId }).where(eq(crisisDrillItems.id, item.id)).returning();
  const minutes = Math.round((now.getTime() - item.at.getTime()) / 6000) / 10;
  await logCrisisEvent(tx, ctx, crisis, actor.userId, { kind: 'drill_item_handled', summary: item.text.slice(0, 100), data: { itemId: item.id, minutes } }, now);
  await recordAudit(tx, actor, { workspaceId: crisis.workspaceId, action: 'crisis_drill_item.handled', objectType: 'crisis_drill_item', objectId: item.id, after: { minutes } }, now);
  return after!;
}
