/**
 * Suggestions, not automation: rules (keyword lists or boolean queries from common/query) flag
 * inbox items as probable violations of a clause, for a human to act on or dismiss. Only where the
 * workspace explicitly enabled auto-hide on the clause does a match hide the item by itself — and
 * then as an ordinary, documented action of the record (actor: the rule).
 *
 * The scan runs every minute over items ingested since the workspace's cursor. Running twice is
 * harmless: a flag's primary key is (item, rule) and the cursor only moves forward after the batch
 * is stored; an auto-hide is requested only for a newly inserted flag.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { analyzePost, foldText, matches, parseQuery, type QueryNode } from '../../../common/query/index.ts';
import type { z } from 'zod';
import type { ruleInputSchema } from '../../../common/schemas/moderation.ts';
import type { Db } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, notFound } from '../../http/errors.ts';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/audit.service.ts';
import { inboxAuthors, inboxItems } from '../inbox/inbox.schema.ts';
import { moderationFlags, moderationRules, netiquetteClauses } from './moderation.schema.ts';
import { requestAction } from './moderation.service.ts';

type RuleRow = typeof moderationRules.$inferSelect;
export const presentRule = (r: RuleRow) => ({ id: r.id, name: r.name, clauseId: r.clauseId, kind: r.kind as 'keywords' | 'query', keywords: r.keywords, query: r.query, enabled: r.enabled });

function validate(input: z.infer<typeof ruleInputSchema>): void {
  if (input.keywords.length === 0 && !input.query?.trim()) throw badRequest('keywords_required', 'A rule needs keywords or a query.', [{ path: 'body.keywords', message: 'at least one keyword, or a query' }]);
  if (input.query?.trim()) {
    const p = parseQuery(input.query);
    if (!p.ok) throw badRequest('invalid_query', `The query is not valid: ${p.error.message}`, [{ path: 'body.query', message: `column ${p.error.column}: ${p.error.message}` }]);
  }
}

async function assertClause(db: Db, ws: string, clauseId: string) {
  const [c] = await db.select({ id: netiquetteClauses.id }).from(netiquetteClauses).where(and(eq(netiquetteClauses.workspaceId, ws), eq(netiquetteClauses.id, clauseId), isNull(netiquetteClauses.retiredAt)));
  if (!c) throw badRequest('unknown_clause', 'The clause does not exist in this workspace’s netiquette.', [{ path: 'body.clauseId', message: 'unknown or retired clause' }]);
}

export async function listRules(db: Db, ws: string) {
  return (await db.select().from(moderationRules).where(eq(moderationRules.workspaceId, ws)).orderBy(asc(moderationRules.createdAt))).map(presentRule);
}

export async function saveRule(ctx: AppContext, actor: Actor, ws: string, input: z.infer<typeof ruleInputSchema>, ruleId?: string) {
  if (ruleId) {
    const [exists] = await ctx.database.db.select({ id: moderationRules.id }).from(moderationRules).where(and(eq(moderationRules.workspaceId, ws), eq(moderationRules.id, ruleId)));
    if (!exists) throw notFound('rule');
  }
  validate(input);
  await assertClause(ctx.database.db, ws, input.clauseId);
  return ctx.database.db.transaction(async (tx) => {
    const query = input.query?.trim() || null;
    const values = { name: input.name, clauseId: input.clauseId, kind: query ? 'query' : 'keywords', keywords: input.keywords, query, enabled: input.enabled ?? true, updatedAt: ctx.clock.now() };
    let row: RuleRow | undefined;
    if (ruleId) {
      [row] = await tx.update(moderationRules).set(values).where(and(eq(moderationRules.workspaceId, ws), eq(moderationRules.id, ruleId))).returning();
      if (!row) throw notFound('rule');
    } else {
      [row] = await tx.insert(moderationRules).values({ workspaceId: ws, createdBy: actor.userId, ...values }).returning();
    }
    await recordAudit(tx, actor, { workspaceId: ws, action: ruleId ? 'moderation.rule.updated' : 'moderation.rule.created', objectType: 'moderation_rule', objectId: row!.id, after: presentRule(row!) }, ctx.clock.now());
    return presentRule(row!);
  });
}

export async function deleteRule(ctx: AppContext, actor: Actor, ws: string, ruleId: string) {
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.delete(moderationRules).where(and(eq(moderationRules.workspaceId, ws), eq(moderationRules.id, ruleId))).returning();
    if (!row) throw notFound('rule');
    await recordAudit(tx, actor, { workspaceId: ws, action: 'moderation.rule.deleted', objectType: 'moderation_rule', objectId: ruleId, before: presentRule(row) }, ctx.clock.now());
  });
}

interface Compiled { rule: RuleRow; test: (text: string, author: string | null, lang: string | null) => string | null }

function compile(rule: RuleRow): Compiled | null {
  const words = rule.keywords.map((k) => foldText(k)).filter(Boolean)
    .map((w) => ({ w, re: new RegExp(`(^|[^\\p{L}\\p{N}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^\\p{L}\\p{N}]|$)`, 'u') }));
  const parsed = rule.query ? parseQuery(rule.query) : null;
  if (parsed && !parsed.ok) return null;
  const ast: QueryNode | null = parsed?.ok ? parsed.ast : null;
  if (words.length === 0 && !ast) return null;
  return { rule, test: (text, author, lang) => {
    const folded = ` ${foldText(text)} `;
    const word = words.find((x) => x.re.test(folded));
    if (word) return word.w;
    return ast && matches(ast, analyzePost({ text, author, lang })) ? (rule.query ?? '') : null;
  } };
}

/**
 * Checks one batch of not yet checked items of a workspace (oldest first); returns flags written,
 * items auto-hidden and how many items were checked. Items are marked checked before any auto-hide
 * runs on the network: a failing hide leaves its flag for a human rather than retrying forever.
 */
export async function scanWorkspace(ctx: AppContext, ws: string, limit = 500): Promise<{ flagged: number; autoHidden: number; checked: number }> {
  const db = ctx.database.db;
  const rules = (await db.select().from(moderationRules).where(and(eq(moderationRules.workspaceId, ws), eq(moderationRules.enabled, true)))).map(compile).filter((c): c is Compiled => c !== null);
  const items = await db.select({ id: inboxItems.id, text: inboxItems.text, language: inboxItems.language, handle: inboxAuthors.handle })
    .from(inboxItems).leftJoin(inboxAuthors, eq(inboxAuthors.id, inboxItems.authorId))
    .where(and(eq(inboxItems.workspaceId, ws), eq(inboxItems.moderationPending, true))).orderBy(asc(inboxItems.ingestedAt), asc(inboxItems.id)).limit(limit);
  if (items.length === 0) return { flagged: 0, autoHidden: 0, checked: 0 };
  const clauses = new Map((await db.select().from(netiquetteClauses).where(eq(netiquetteClauses.workspaceId, ws))).map((c) => [c.id, c]));
  const now = ctx.clock.now();
  let flagged = 0;
  const toHide: { itemId: string; ruleId: string; clauseId: string; ruleName: string }[] = [];
  for (const it of items) {
    for (const c of rules) {
      const hit = c.test(it.text, it.handle, it.language);
      if (hit === null) continue;
      const inserted = await db.insert(moderationFlags).values({ workspaceId: ws, itemId: it.id, ruleId: c.rule.id, clauseId: c.rule.clauseId, matched: hit.slice(0, 200), flaggedAt: now }).onConflictDoNothing().returning({ itemId: moderationFlags.itemId });
      if (inserted.length === 0) continue;
      flagged++;
      if (clauses.get(c.rule.clauseId)?.autoHide) toHide.push({ itemId: it.id, ruleId: c.rule.id, clauseId: c.rule.clauseId, ruleName: c.rule.name });
    }
  }
  await db.update(inboxItems).set({ moderationPending: false }).where(inArray(inboxItems.id, items.map((i) => i.id)));
  let autoHidden = 0;
  for (const h of new Map(toHide.map((x) => [x.itemId, x])).values()) {
    try {
      await requestAction(ctx, SYSTEM_ACTOR, { id: ws, roles: [] }, { action: 'hide', itemId: h.itemId, clauseId: h.clauseId, reason: `Automatisch ausgeblendet durch Regel „${h.ruleName}“ (für diese Klausel freigeschaltet)` }, { ruleId: h.ruleId });
      autoHidden++;
    } catch (err) {
      // Refused (e.g. the clause is not published yet): the flag stays for a human, the scan goes on.
      ctx.log.warn({ err, itemId: h.itemId, ruleId: h.ruleId }, 'auto-hide refused');
    }
  }
  if (flagged > 0) await ctx.events.emit(db, { workspaceId: ws, type: 'moderation.flags.changed', permission: 'moderation.act' });
  return { flagged, autoHidden, checked: items.length };
}

/** At most this many batches per workspace and tick, so one busy workspace cannot starve the others. */
const MAX_BATCHES = 20;

/**
 * One pass over every workspace with enabled rules, until each has no unchecked items left (or hit
 * MAX_BATCHES). Items of workspaces without enabled rules are marked checked: rules apply to what
 * arrives while they are enabled, and the pending index stays small.
 */
export async function moderationScanTick(ctx: AppContext): Promise<{ flagged: number; autoHidden: number }> {
  const db = ctx.database.db;
  await db.update(inboxItems).set({ moderationPending: false }).where(and(
    eq(inboxItems.moderationPending, true),
    sql`NOT EXISTS (SELECT 1 FROM ${moderationRules} r WHERE r.workspace_id = ${inboxItems.workspaceId} AND r.enabled)`,
  ));
  const wss = await db.selectDistinct({ ws: moderationRules.workspaceId }).from(moderationRules).where(eq(moderationRules.enabled, true));
  const out = { flagged: 0, autoHidden: 0 };
  for (const { ws } of wss) {
    for (let i = 0; i < MAX_BATCHES; i++) {
      const r = await scanWorkspace(ctx, ws);
      out.flagged += r.flagged;
      out.autoHidden += r.autoHidden;
      if (r.checked < 500) break;
    }
  }
  return out;
}

/** Open suggestions (not dismissed, item not moderated yet). */
export async function openFlags(db: Db, ws: string, itemId?: string) {
  const rows = await db.select({
    itemId: moderationFlags.itemId, ruleId: moderationFlags.ruleId, ruleName: moderationRules.name, clauseId: moderationFlags.clauseId, clauseTitle: netiquetteClauses.titleDe,
    matched: moderationFlags.matched, flaggedAt: moderationFlags.flaggedAt, text: inboxItems.text, authorHandle: inboxAuthors.handle,
  }).from(moderationFlags)
    .innerJoin(moderationRules, eq(moderationRules.id, moderationFlags.ruleId))
    .innerJoin(netiquetteClauses, eq(netiquetteClauses.id, moderationFlags.clauseId))
    .innerJoin(inboxItems, eq(inboxItems.id, moderationFlags.itemId))
    .leftJoin(inboxAuthors, eq(inboxAuthors.id, inboxItems.authorId))
    .where(and(eq(moderationFlags.workspaceId, ws), isNull(moderationFlags.dismissedAt), isNull(inboxItems.moderationState), ...(itemId ? [eq(moderationFlags.itemId, itemId)] : [])))
    .orderBy(sql`${moderationFlags.flaggedAt} DESC`).limit(200);
  return rows.map((r) => ({ ...r, flaggedAt: r.flaggedAt.toISOString() }));
}

export async function dismissFlag(ctx: AppContext, actor: Actor, ws: string, itemId: string, ruleId: string) {
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.update(moderationFlags).set({ dismissedAt: ctx.clock.now(), dismissedBy: actor.userId })
      .where(and(eq(moderationFlags.workspaceId, ws), eq(moderationFlags.itemId, itemId), eq(moderationFlags.ruleId, ruleId), isNull(moderationFlags.dismissedAt))).returning();
    if (!row) throw notFound('suggestion');
    await recordAudit(tx, actor, { workspaceId: ws, action: 'moderation.flag.dismissed', objectType: 'inbox_item', objectId: itemId, after: { ruleId } }, ctx.clock.now());
  });
}
