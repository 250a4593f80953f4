/** Saved queries and topic groups: validation with the query engine, audit, matcher refresh. */
import { and, desc, eq, gte } from 'drizzle-orm';
import type { z } from 'zod';
import { analyzePost, formatQuery, matches, parseQuery } from '../../../common/query/index.ts';
import type { savedQueryCreateSchema, savedQueryUpdateSchema } from '../../../common/schemas/listening.ts';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { listeningQueries, listeningTopicGroups, mentions } from './listening.schema.ts';
import { presentMention } from './mention.present.ts';
import { recountScopes } from './store/scope-rollups.ts';
import { matcherFor } from './workspace-matcher.ts';

type Row = typeof listeningQueries.$inferSelect;

/** Parses a query or throws a 400 whose field error names the column: `error at column 7: …`. */
export function parseOrThrow(text: string, path = 'body.query') {
  const r = parseQuery(text);
  if (!r.ok) throw validationFailed([{ path, message: `error at column ${r.error.column}: ${r.error.message}` }]);
  return r.ast;
}

export function checkQuery(text: string) {
  const r = parseQuery(text);
  return r.ok ? { ok: true, normalized: formatQuery(r.ast), error: null } : { ok: false, normalized: null, error: r.error };
}

export function presentQuery(r: Row) {
  const parsed = parseQuery(r.query);
  return {
    id: r.id, name: r.name, query: r.query, normalized: parsed.ok ? formatQuery(parsed.ast) : r.query, groupId: r.groupId,
    enabled: r.enabled, alertEnabled: r.alertEnabled, alertSensitivity: r.alertSensitivity as 'medium', alertMinMentions: r.alertMinMentions,
    createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
  };
}

export async function loadQuery(tx: Tx, workspaceId: string, id: string): Promise<Row> {
  const [r] = await tx.select().from(listeningQueries).where(and(eq(listeningQueries.workspaceId, workspaceId), eq(listeningQueries.id, id)));
  if (!r) throw notFound('query');
  return r;
}

async function checkGroup(tx: Tx, workspaceId: string, groupId: string | null | undefined): Promise<void> {
  if (!groupId) return;
  const [g] = await tx.select({ id: listeningTopicGroups.id }).from(listeningTopicGroups).where(and(eq(listeningTopicGroups.workspaceId, workspaceId), eq(listeningTopicGroups.id, groupId)));
  if (!g) throw validationFailed([{ path: 'body.groupId', message: 'unknown topic group' }]);
}

export async function createQuery(ctx: AppContext, actor: Actor, workspaceId: string, input: z.infer<typeof savedQueryCreateSchema>): Promise<Row> {
  parseOrThrow(input.query);
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    await checkGroup(tx, workspaceId, input.groupId);
    const [r] = await tx.insert(listeningQueries).values({ workspaceId, ...input, groupId: input.groupId ?? null, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'listening_query.created', objectType: 'listening_query', objectId: r!.id, after: { name: r!.name, query: r!.query, groupId: r!.groupId } }, now);
    return r!;
  });
  matcherFor(ctx.database).invalidate(workspaceId);
  return row;
}

export async function updateQuery(ctx: AppContext, actor: Actor, workspaceId: string, id: string, input: z.infer<typeof savedQueryUpdateSchema>): Promise<Row> {
  if (input.query !== undefined) parseOrThrow(input.query);
  const now = ctx.clock.now();
  const row = await ctx.database.db.transaction(async (tx) => {
    const before = await loadQuery(tx, workspaceId, id);
    await checkGroup(tx, workspaceId, input.groupId);
    const [r] = await tx.update(listeningQueries).set({ ...input, updatedAt: now }).where(eq(listeningQueries.id, id)).returning();
    // Moving a query to another group changes what both groups count (each mention once).
    if (input.groupId !== undefined && input.groupId !== before.groupId) await recountScopes(tx, workspaceId, [before.groupId, input.groupId]);
    await recordAudit(tx, actor, { workspaceId, action: 'listening_query.updated', objectType: 'listening_query', objectId: id, before: { name: before.name, query: before.query, enabled: before.enabled }, after: input }, now);
    return r!;
  });
  matcherFor(ctx.database).invalidate(workspaceId);
  return row;
}

export async function deleteQuery(ctx: AppContext, actor: Actor, workspaceId: string, id: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.database.db.transaction(async (tx) => {
    const before = await loadQuery(tx, workspaceId, id);
    await tx.delete(listeningQueries).where(eq(listeningQueries.id, id));
    // Its mentions leave "all queries" and its group, unless another query there matched them too.
    await recountScopes(tx, workspaceId, [workspaceId, before.groupId]);
    await recordAudit(tx, actor, { workspaceId, action: 'listening_query.deleted', objectType: 'listening_query', objectId: id, before: { name: before.name, query: before.query } }, now);
  });
  matcherFor(ctx.database).invalidate(workspaceId);
}

const PREVIEW_SCAN = 5000;

/** Runs an unsaved query against the newest stored mentions of the workspace (at most 5,000 scanned). */
export async function previewQuery(ctx: AppContext, workspaceId: string, input: { query: string; days: number; limit: number }) {
  const ast = parseOrThrow(input.query);
  const since = new Date(ctx.clock.now().getTime() - input.days * 86_400_000);
  const rows = await ctx.database.db.select().from(mentions)
    .where(and(eq(mentions.workspaceId, workspaceId), gte(mentions.publishedAt, since)))
    .orderBy(desc(mentions.publishedAt), desc(mentions.id)).limit(PREVIEW_SCAN);
  const hits = rows.filter((m) => matches(ast, analyzePost({ text: m.text, lang: m.lang, author: m.author, source: m.network, url: m.url, title: m.title })));
  return { scanned: rows.length, matched: hits.length, items: hits.slice(0, input.limit).map(presentMention) };
}
