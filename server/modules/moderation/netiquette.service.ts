/**
 * The netiquette: clauses edited as a draft, published as immutable versions. The public page
 * (`/netiquette/<slug>`) shows the latest published version only, so a moderation action always
 * points at a text the public could read at the time.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { clauseInputSchema, netiquetteUpdateSchema } from '../../../common/schemas/moderation.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { badRequest, conflict, notFound } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { canonicalJson } from './evidence.ts';
import { moderationSettings, netiquetteClauses, netiquetteVersions } from './moderation.schema.ts';

type ClauseRow = typeof netiquetteClauses.$inferSelect;
export const presentClause = (c: ClauseRow) => ({
  id: c.id, code: c.code, category: c.category as 'insult', position: c.position, titleDe: c.titleDe, titleEn: c.titleEn,
  bodyDe: c.bodyDe, bodyEn: c.bodyEn, autoHide: c.autoHide, retired: c.retiredAt !== null,
});
const snapshotOf = (c: ClauseRow) => ({ id: c.id, code: c.code, category: c.category, titleDe: c.titleDe, titleEn: c.titleEn, bodyDe: c.bodyDe, bodyEn: c.bodyEn });
type Snapshot = ReturnType<typeof snapshotOf>;

export const SETTINGS_DEFAULTS = { banNeedsConfirmation: true, warningsBeforeBan: 2, recordRetentionDays: 730, introDe: '', introEn: '' };

export async function moderationSettingsOf(tx: Tx, workspaceId: string) {
  const [s] = await tx.select().from(moderationSettings).where(eq(moderationSettings.workspaceId, workspaceId));
  return s ?? { workspaceId, ...SETTINGS_DEFAULTS, updatedAt: new Date(0) };
}

/** Is the clause part of this published version (by id, or by its stable code)? */
export function isPublished(version: { clauses: unknown } | null, c: Pick<ClauseRow, 'id' | 'code'>): boolean {
  return ((version?.clauses ?? []) as { id: string; code: string }[]).some((p) => p.id === c.id || p.code === c.code);
}

export async function latestVersion(tx: Tx, workspaceId: string) {
  const [v] = await tx.select().from(netiquetteVersions).where(eq(netiquetteVersions.workspaceId, workspaceId)).orderBy(desc(netiquetteVersions.version)).limit(1);
  return v ?? null;
}

async function activeClauses(tx: Tx, workspaceId: string): Promise<ClauseRow[]> {
  return tx.select().from(netiquetteClauses).where(and(eq(netiquetteClauses.workspaceId, workspaceId), isNull(netiquetteClauses.retiredAt)))
    .orderBy(asc(netiquetteClauses.position), asc(netiquetteClauses.createdAt));
}

export async function getNetiquette(db: Db, workspaceId: string) {
  const [settings, clauses, all, version, [ws]] = await Promise.all([
    moderationSettingsOf(db, workspaceId), activeClauses(db, workspaceId),
    db.select().from(netiquetteClauses).where(eq(netiquetteClauses.workspaceId, workspaceId)).orderBy(asc(netiquetteClauses.position)),
    latestVersion(db, workspaceId), db.select({ slug: workspaces.slug }).from(workspaces).where(eq(workspaces.id, workspaceId)),
  ]);
  // jsonb does not keep key order: compare canonical JSON.
  const draft = canonicalJson({ i: [settings.introDe, settings.introEn], c: clauses.map(snapshotOf) });
  const published = version ? canonicalJson({ i: [version.introDe, version.introEn], c: version.clauses }) : null;
  return {
    introDe: settings.introDe, introEn: settings.introEn, clauses: all.map((c) => ({ ...presentClause(c), published: isPublished(version, c) })),
    published: version ? { version: version.version, publishedAt: version.publishedAt.toISOString() } : null,
    unpublishedChanges: draft !== published,
    settings: { banNeedsConfirmation: settings.banNeedsConfirmation, warningsBeforeBan: settings.warningsBeforeBan, recordRetentionDays: settings.recordRetentionDays },
    publicPath: `/netiquette/${ws?.slug ?? ''}`,
  };
}

export async function updateNetiquetteSettings(ctx: AppContext, actor: Actor, workspaceId: string, input: z.infer<typeof netiquetteUpdateSchema>) {
  await ctx.database.db.transaction(async (tx) => {
    const before = await moderationSettingsOf(tx, workspaceId);
    const next = {
      banNeedsConfirmation: input.banNeedsConfirmation ?? before.banNeedsConfirmation, warningsBeforeBan: input.warningsBeforeBan ?? before.warningsBeforeBan,
      recordRetentionDays: input.recordRetentionDays ?? before.recordRetentionDays, introDe: input.introDe ?? before.introDe, introEn: input.introEn ?? before.introEn,
      updatedAt: ctx.clock.now(),
    };
    await tx.insert(moderationSettings).values({ workspaceId, ...next }).onConflictDoUpdate({ target: moderationSettings.workspaceId, set: next });
    const { updatedAt: _b, ...b } = before;
    const { updatedAt: _a, ...a } = next;
    await recordAudit(tx, actor, { workspaceId, action: 'moderation.settings.updated', objectType: 'moderation_settings', objectId: workspaceId, before: b, after: a }, ctx.clock.now());
  });
  return getNetiquette(ctx.database.db, workspaceId);
}

async function assertCodeFree(tx: Tx, workspaceId: string, code: string, exceptId?: string) {
  const [c] = await tx.select({ id: netiquetteClauses.id }).from(netiquetteClauses).where(and(eq(netiquetteClauses.workspaceId, workspaceId), eq(netiquetteClauses.code, code), isNull(netiquetteClauses.retiredAt)));
  if (c && c.id !== exceptId) throw badRequest('duplicate_code', 'Another clause already uses this code.', [{ path: 'body.code', message: 'already used' }]);
}

export async function createClause(ctx: AppContext, actor: Actor, workspaceId: string, input: z.infer<typeof clauseInputSchema>) {
  return ctx.database.db.transaction(async (tx) => {
    await assertCodeFree(tx, workspaceId, input.code);
    const position = input.position ?? (await activeClauses(tx, workspaceId)).length + 1;
    const [row] = await tx.insert(netiquetteClauses).values({ workspaceId, ...input, position, autoHide: input.autoHide ?? false }).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'netiquette.clause.created', objectType: 'netiquette_clause', objectId: row!.id, after: presentClause(row!) }, ctx.clock.now());
    return presentClause(row!);
  });
}

export async function updateClause(ctx: AppContext, actor: Actor, workspaceId: string, clauseId: string, input: z.infer<typeof clauseInputSchema>) {
  return ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(netiquetteClauses).where(and(eq(netiquetteClauses.workspaceId, workspaceId), eq(netiquetteClauses.id, clauseId))).for('update');
    if (!before || before.retiredAt) throw notFound('clause');
    await assertCodeFree(tx, workspaceId, input.code, clauseId);
    const [row] = await tx.update(netiquetteClauses).set({ ...input, position: input.position ?? before.position, autoHide: input.autoHide ?? before.autoHide, updatedAt: ctx.clock.now() })
      .where(eq(netiquetteClauses.id, clauseId)).returning();
    await recordAudit(tx, actor, { workspaceId, action: 'netiquette.clause.updated', objectType: 'netiquette_clause', objectId: clauseId, before: presentClause(before), after: presentClause(row!) }, ctx.clock.now());
    return presentClause(row!);
  });
}

/** Retires a clause (kept: recorded actions still point at it). */
export async function retireClause(ctx: AppContext, actor: Actor, workspaceId: string, clauseId: string): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.update(netiquetteClauses).set({ retiredAt: ctx.clock.now() })
      .where(and(eq(netiquetteClauses.workspaceId, workspaceId), eq(netiquetteClauses.id, clauseId), isNull(netiquetteClauses.retiredAt))).returning();
    if (!row) throw notFound('clause');
    await recordAudit(tx, actor, { workspaceId, action: 'netiquette.clause.retired', objectType: 'netiquette_clause', objectId: clauseId, before: presentClause(row) }, ctx.clock.now());
  });
}

/** Publishes the draft as the next version (nothing to publish → 409). */
export async function publishNetiquette(ctx: AppContext, actor: Actor, workspaceId: string) {
  const now = ctx.clock.now();
  return ctx.database.db.transaction(async (tx) => {
    const clauses = await activeClauses(tx, workspaceId);
    if (clauses.length === 0) throw conflict('netiquette_empty', 'Add at least one clause before publishing.');
    const settings = await moderationSettingsOf(tx, workspaceId);
    const last = await latestVersion(tx, workspaceId);
    const snap: Snapshot[] = clauses.map(snapshotOf);
    if (last && canonicalJson({ i: [last.introDe, last.introEn], c: last.clauses }) === canonicalJson({ i: [settings.introDe, settings.introEn], c: snap })) {
      throw conflict('netiquette_unchanged', 'The published version already has this text.');
    }
    const version = (last?.version ?? 0) + 1;
    await tx.insert(netiquetteVersions).values({ workspaceId, version, introDe: settings.introDe, introEn: settings.introEn, clauses: snap, publishedBy: actor.userId, publishedAt: now });
    await recordAudit(tx, actor, { workspaceId, action: 'netiquette.published', objectType: 'netiquette', objectId: workspaceId, after: { version, clauses: snap.map((c) => c.code) } }, now);
    return { version, publishedAt: now.toISOString() };
  });
}

/** The public page's data: the latest published version in one language, clauses numbered. */
export async function publicNetiquette(db: Db, slug: string, lang: 'de' | 'en') {
  const [ws] = await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.slug, slug));
  if (!ws) return null;
  const v = await latestVersion(db, ws.id);
  if (!v) return null;
  const clauses = v.clauses as Snapshot[];
  return {
    workspace: ws.name, version: v.version, publishedAt: v.publishedAt.toISOString(), intro: lang === 'de' ? v.introDe : v.introEn,
    clauses: clauses.map((c, i) => ({ code: c.code, number: i + 1, title: lang === 'de' ? c.titleDe : c.titleEn, body: lang === 'de' ? c.bodyDe : c.bodyEn })),
    otherLanguage: (lang === 'de' ? 'en' : 'de') as 'de' | 'en',
  };
}
