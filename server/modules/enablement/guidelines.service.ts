/**
 * Guidelines: edit a draft, publish it as the next immutable version, members acknowledge the
 * current version. Every change is audited in its transaction.
 */
import { and, asc, count, desc, eq, isNotNull } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { Clock } from '../../http/context.ts';
import { conflict, notFound, unprocessable } from '../../http/errors.ts';
import { recordAudit, type Actor } from '../audit/audit.service.ts';
import { users } from '../identity/identity.schema.ts';
import { memberships } from '../workspaces/workspaces.schema.ts';
import { wellFormed } from '../strategy/well-formed.ts';
import { guidelineAcknowledgements, guidelines, guidelineVersions } from './enablement.schema.ts';
import { STARTER_GUIDELINE } from './starter-guideline.ts';

type Guideline = typeof guidelines.$inferSelect;

async function load(tx: Tx, workspaceId: string, id: string, lock = false): Promise<Guideline> {
  const q = tx.select().from(guidelines).where(and(eq(guidelines.id, id), eq(guidelines.workspaceId, workspaceId)));
  const [g] = lock ? await q.for('update') : await q;
  if (!g) throw notFound('guideline');
  return g;
}

/** API shape; `editor` decides whether the draft is shown, `userId` whose acknowledgement counts. */
async function present(tx: Tx, g: Guideline, userId: string, editor: boolean) {
  const [v] = g.currentVersion ? await tx.select().from(guidelineVersions).where(and(eq(guidelineVersions.guidelineId, g.id), eq(guidelineVersions.version, g.currentVersion))) : [];
  const [ack] = v ? await tx.select().from(guidelineAcknowledgements)
    .where(and(eq(guidelineAcknowledgements.guidelineId, g.id), eq(guidelineAcknowledgements.version, v.version), eq(guidelineAcknowledgements.userId, userId))) : [];
  return {
    id: g.id,
    language: g.language as 'de' | 'en',
    currentVersion: g.currentVersion,
    title: v?.title ?? null,
    body: v?.body ?? null,
    publishedAt: v?.publishedAt.toISOString() ?? null,
    acknowledged: Boolean(ack),
    draft: editor ? { title: g.draftTitle, body: g.draftBody, updatedAt: g.updatedAt.toISOString() } : null,
  };
}

/** Learners see published guidelines only; editors also see unpublished drafts. */
export async function listGuidelines(tx: Tx, workspaceId: string, userId: string, editor: boolean) {
  const where = editor ? eq(guidelines.workspaceId, workspaceId) : and(eq(guidelines.workspaceId, workspaceId), isNotNull(guidelines.currentVersion));
  const rows = await tx.select().from(guidelines).where(where).orderBy(asc(guidelines.createdAt), asc(guidelines.id));
  return Promise.all(rows.map((g) => present(tx, g, userId, editor)));
}

export async function getGuideline(tx: Tx, workspaceId: string, id: string, userId: string, editor: boolean) {
  const g = await load(tx, workspaceId, id);
  if (!editor && g.currentVersion === null) throw notFound('guideline');
  return present(tx, g, userId, editor);
}

export async function createGuideline(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, input: { title: string; body?: string; language?: 'de' | 'en'; fromTemplate?: boolean }) {
  const b = wellFormed(input);
  const language = b.language ?? 'de';
  const body = b.fromTemplate ? STARTER_GUIDELINE[language].body : (b.body ?? '');
  const now = clock.now();
  const [g] = await tx.insert(guidelines).values({ workspaceId, language, draftTitle: b.title, draftBody: body, createdBy: actor.userId, createdAt: now, updatedAt: now }).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'guideline.created', objectType: 'guideline', objectId: g!.id, after: { title: b.title, language } }, now);
  return present(tx, g!, actor.userId ?? '', true);
}

export async function updateGuideline(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, id: string, input: { title?: string; body?: string; language?: 'de' | 'en' }) {
  const b = wellFormed(input);
  const before = await load(tx, workspaceId, id, true);
  const now = clock.now();
  const [g] = await tx.update(guidelines).set({
    ...(b.title !== undefined ? { draftTitle: b.title } : {}), ...(b.body !== undefined ? { draftBody: b.body } : {}), ...(b.language ? { language: b.language } : {}), updatedAt: now,
  }).where(eq(guidelines.id, id)).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'guideline.draft_updated', objectType: 'guideline', objectId: id, before: { title: before.draftTitle, language: before.language, bodyLength: before.draftBody.length }, after: { title: g!.draftTitle, language: g!.language, bodyLength: g!.draftBody.length } }, now);
  return present(tx, g!, actor.userId ?? '', true);
}

export async function deleteGuideline(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, id: string) {
  const g = await load(tx, workspaceId, id, true);
  await tx.delete(guidelines).where(eq(guidelines.id, id));
  await recordAudit(tx, actor, { workspaceId, action: 'guideline.deleted', objectType: 'guideline', objectId: id, before: { title: g.draftTitle, currentVersion: g.currentVersion } }, clock.now());
}

/** Freezes the draft as the next version; from now on every member is asked to acknowledge it. */
export async function publishGuideline(tx: Tx, clock: Clock, actor: Actor, workspaceId: string, id: string, changeNote = '') {
  const g = await load(tx, workspaceId, id, true);
  if (!g.draftBody.trim()) throw unprocessable('empty_guideline', 'A guideline without text cannot be published.', [{ path: 'body', message: 'the draft has no text' }]);
  if (g.currentVersion) {
    const [cur] = await tx.select().from(guidelineVersions).where(and(eq(guidelineVersions.guidelineId, id), eq(guidelineVersions.version, g.currentVersion)));
    if (cur && cur.title === g.draftTitle && cur.body === g.draftBody) throw conflict('unchanged', 'The draft is the same as the published version.');
  }
  const version = (g.currentVersion ?? 0) + 1;
  const now = clock.now();
  await tx.insert(guidelineVersions).values({ guidelineId: id, version, title: g.draftTitle, body: g.draftBody, changeNote: wellFormed(changeNote), publishedBy: actor.userId, publishedAt: now });
  const [after] = await tx.update(guidelines).set({ currentVersion: version, updatedAt: now }).where(eq(guidelines.id, id)).returning();
  await recordAudit(tx, actor, { workspaceId, action: 'guideline.published', objectType: 'guideline', objectId: id, before: { currentVersion: g.currentVersion }, after: { currentVersion: version, title: g.draftTitle } }, now);
  return present(tx, after!, actor.userId ?? '', true);
}

export async function listGuidelineVersions(tx: Tx, workspaceId: string, id: string, editor: boolean) {
  const g = await load(tx, workspaceId, id);
  if (!editor && g.currentVersion === null) throw notFound('guideline');
  const rows = await tx.select().from(guidelineVersions).where(eq(guidelineVersions.guidelineId, id)).orderBy(desc(guidelineVersions.version));
  return rows.map((v) => ({ version: v.version, title: v.title, body: v.body, changeNote: v.changeNote, publishedAt: v.publishedAt.toISOString(), publishedBy: v.publishedBy }));
}

/** Idempotent; only the current version can be acknowledged (a stale page gets a 409). */
export async function acknowledgeGuideline(tx: Tx, clock: Clock, actor: Actor & { userId: string }, workspaceId: string, id: string, version: number) {
  const g = await load(tx, workspaceId, id);
  if (g.currentVersion === null) throw notFound('guideline');
  if (version !== g.currentVersion) throw conflict('outdated_version', `Version ${g.currentVersion} is current; please read it before acknowledging.`);
  const now = clock.now();
  const inserted = await tx.insert(guidelineAcknowledgements).values({ guidelineId: id, version, userId: actor.userId, acknowledgedAt: now }).onConflictDoNothing().returning();
  if (inserted.length) await recordAudit(tx, actor, { workspaceId, action: 'guideline.acknowledged', objectType: 'guideline', objectId: id, after: { version } }, now);
  return present(tx, g, actor.userId, false);
}

/** Who has and who has not acknowledged the current version (every member, employees included). */
export async function acknowledgementStatus(tx: Tx, workspaceId: string, id: string) {
  const g = await load(tx, workspaceId, id);
  const members = await tx.select({ userId: users.id, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId)).orderBy(asc(users.name));
  const acks = g.currentVersion === null ? [] : await tx.select().from(guidelineAcknowledgements)
    .where(and(eq(guidelineAcknowledgements.guidelineId, id), eq(guidelineAcknowledgements.version, g.currentVersion)));
  const at = new Map(acks.map((a) => [a.userId, a.acknowledgedAt.toISOString()]));
  const list = members.map((m) => ({ ...m, acknowledgedAt: at.get(m.userId) ?? null }));
  const acknowledged = list.filter((m) => m.acknowledgedAt).length;
  return { version: g.currentVersion, acknowledged, total: list.length, share: list.length ? Math.round((acknowledged / list.length) * 1000) / 10 : 0, members: list };
}

/** Published guidelines of a workspace with the share of members who acknowledged the current version. */
export async function guidelineCoverage(tx: Tx, workspaceId: string) {
  const [{ n: total } = { n: 0 }] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId));
  const published = await tx.select().from(guidelines).where(and(eq(guidelines.workspaceId, workspaceId), isNotNull(guidelines.currentVersion)));
  const out: { id: string; title: string; acknowledged: number; total: number }[] = [];
  for (const g of published) {
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(guidelineAcknowledgements).innerJoin(memberships, and(eq(memberships.userId, guidelineAcknowledgements.userId), eq(memberships.workspaceId, workspaceId)))
      .where(and(eq(guidelineAcknowledgements.guidelineId, g.id), eq(guidelineAcknowledgements.version, g.currentVersion!)));
    out.push({ id: g.id, title: g.draftTitle, acknowledged: n, total });
  }
  return { total, published: out, drafts: (await tx.select({ n: count() }).from(guidelines).where(eq(guidelines.workspaceId, workspaceId)))[0]?.n ?? 0 };
}
