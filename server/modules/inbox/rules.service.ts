/** Routing rules: CRUD with validation (queries parse, named members may work the inbox) and audit. */
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { parseQuery } from '../../../common/query/index.ts';
import type { ruleConditionsSchema } from '../../../common/schemas/inbox.ts';
import type { Tx } from '../../db/client.ts';
import { notFound, validationFailed, type FieldError } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { channels } from '../publishing/publishing.schema.ts';
import { workers } from './assignment.ts';
import { inboxRoutingRules } from './inbox.schema.ts';
import { compileRules, type CompiledRule, type RuleActions, type RuleConditions, type RuleRow } from './routing.ts';

export type RoutingRuleRow = typeof inboxRoutingRules.$inferSelect;

export const presentRule = (r: RoutingRuleRow) => ({
  id: r.id, name: r.name, position: r.position, enabled: r.enabled, conditions: r.conditions as z.infer<typeof ruleConditionsSchema>,
  actions: r.actions as Record<string, unknown>, stop: r.stop, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

export async function loadCompiledRules(tx: Tx, workspaceId: string): Promise<CompiledRule[]> {
  const rows = await tx.select().from(inboxRoutingRules).where(and(eq(inboxRoutingRules.workspaceId, workspaceId), eq(inboxRoutingRules.enabled, true)));
  return compileRules(rows as unknown as RuleRow[]);
}

export async function listRules(tx: Tx, workspaceId: string): Promise<RoutingRuleRow[]> {
  return tx.select().from(inboxRoutingRules).where(eq(inboxRoutingRules.workspaceId, workspaceId)).orderBy(asc(inboxRoutingRules.position), asc(inboxRoutingRules.createdAt));
}

async function validate(tx: Tx, workspaceId: string, c: RuleConditions | undefined, a: RuleActions | undefined): Promise<void> {
  const errors: FieldError[] = [];
  if (c?.query) {
    const p = parseQuery(c.query);
    if (!p.ok) errors.push({ path: 'body.conditions.query', message: `column ${p.error.column}: ${p.error.message}` });
  }
  if (c?.channelIds?.length) {
    const found = new Set((await tx.select({ id: channels.id }).from(channels).where(eq(channels.workspaceId, workspaceId))).map((r) => r.id));
    c.channelIds.forEach((id, i) => {
      if (!found.has(id)) errors.push({ path: `body.conditions.channelIds.${i}`, message: 'not a channel of this workspace' });
    });
  }
  if (a?.assign?.type === 'user' && (await workers(tx, workspaceId, [a.assign.userId])).length === 0) {
    errors.push({ path: 'body.actions.assign.userId', message: 'not a member who may work the inbox' });
  }
  if (errors.length) throw validationFailed(errors);
}

export async function createRule(tx: Tx, actor: Actor, workspaceId: string, input: { name: string; position?: number; enabled?: boolean; conditions: RuleConditions; actions: RuleActions; stop?: boolean }, now: Date): Promise<RoutingRuleRow> {
  await validate(tx, workspaceId, input.conditions, input.actions);
  const position = input.position ?? (await listRules(tx, workspaceId)).reduce((m, r) => Math.max(m, r.position + 1), 0);
  const [row] = await tx.insert(inboxRoutingRules).values({
    workspaceId, name: input.name, position, enabled: input.enabled ?? true, conditions: input.conditions, actions: input.actions,
    stop: input.stop ?? false, createdBy: actor.userId, createdAt: now, updatedAt: now,
  }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.rule.created', objectType: 'inbox_routing_rule', objectId: row!.id, after: presentRule(row!) }, now);
  return row!;
}

export async function updateRule(tx: Tx, actor: Actor, workspaceId: string, ruleId: string, patch: Partial<{ name: string; position: number; enabled: boolean; conditions: RuleConditions; actions: RuleActions; stop: boolean }>, now: Date): Promise<RoutingRuleRow> {
  const [before] = await tx.select().from(inboxRoutingRules).where(and(eq(inboxRoutingRules.workspaceId, workspaceId), eq(inboxRoutingRules.id, ruleId)));
  if (!before) throw notFound('routing rule');
  await validate(tx, workspaceId, patch.conditions, patch.actions);
  const [after] = await tx.update(inboxRoutingRules).set({ ...patch, updatedAt: now }).where(eq(inboxRoutingRules.id, ruleId)).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.rule.updated', objectType: 'inbox_routing_rule', objectId: ruleId, before: presentRule(before), after: presentRule(after!) }, now);
  return after!;
}

export async function deleteRule(tx: Tx, actor: Actor, workspaceId: string, ruleId: string, now: Date): Promise<void> {
  const [before] = await tx.delete(inboxRoutingRules).where(and(eq(inboxRoutingRules.workspaceId, workspaceId), eq(inboxRoutingRules.id, ruleId))).returning();
  if (!before) throw notFound('routing rule');
  await recordAudit(tx, actor, { workspaceId, action: 'inbox.rule.deleted', objectType: 'inbox_routing_rule', objectId: ruleId, before: presentRule(before) }, now);
}
