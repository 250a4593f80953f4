/**
 * Retention of external authors' personal data. After the workspace's period (default 180 days):
 * inbox items that arrived before the cutoff lose text, link, raw payload and network id, and the
 * notes and expert questions on them are removed (`scrub.ts`); authors not seen since the cutoff
 * lose handle, name, avatar and profile link (also in our replies to them), and their network id is replaced by
 * a keyed hash (so a returning account starts afresh and nobody can reverse it). The moderation
 * record keeps its own evidence copies for its own period (moderation_settings.record_retention_days)
 * and is deleted after it. One audit row per workspace and run says what was done.
 *
 * Idempotent: every step selects only rows not yet processed, so a second run changes nothing;
 * two workers take a per-workspace transaction advisory lock and the second skips the workspace.
 */
import { and, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.ts';
import type { AppContext } from '../../http/context.ts';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.service.ts';
import { inboxAuthors, inboxItems } from '../inbox/inbox.schema.ts';
import { moderationSettings } from '../moderation/moderation.schema.ts';
import { workspaces } from '../workspaces/workspaces.schema.ts';
import { privacySettings } from './privacy.schema.ts';
import { replaceNamesInReplies, scrubItems } from './scrub.ts';

export const REMOVED_TEXT = '[entfernt – Aufbewahrungsfrist abgelaufen]';
export const ERASED_TEXT = '[gelöscht auf Antrag der betroffenen Person]';
const DAY = 86_400_000;
const LOCK_BASE = 0x52455445; // 'RETE'

export function pseudonymOf(ctx: Pick<AppContext, 'secrets'>, workspaceId: string, network: string, externalId: string): string {
  return `pseudo:${ctx.secrets.mac('author-pseudonym', `${workspaceId}:${network}:${externalId}`).slice(0, 22)}`;
}

/** The handle (with and without "@") and display name of an author, each with what replaces it. */
export function namesOf(ctx: Pick<AppContext, 'secrets'>, author: typeof inboxAuthors.$inferSelect): { from: string; to: string }[] {
  if (author.pseudonymisedAt) return [];
  const to = pseudonymHandle(pseudonymOf(ctx, author.workspaceId, author.network, author.externalId));
  const bare = author.handle.replace(/^@/, '');
  return [{ from: `@${bare}`, to: `@${to}` }, { from: bare, to }, ...(author.displayName ? [{ from: author.displayName, to }] : [])];
}
const pseudonymHandle = (pseudo: string) => `pseudonym-${pseudo.slice(7, 15)}`;

/** Pseudonymises one author row in place (also used by erasure requests). */
export async function pseudonymiseAuthor(tx: Tx, ctx: Pick<AppContext, 'secrets'>, author: typeof inboxAuthors.$inferSelect, now: Date): Promise<void> {
  const pseudo = pseudonymOf(ctx, author.workspaceId, author.network, author.externalId);
  await tx.update(inboxAuthors).set({
    externalId: author.externalId.startsWith('pseudo:') ? author.externalId : pseudo, handle: pseudonymHandle(pseudo),
    displayName: null, avatarUrl: null, profileUrl: null, followerCount: null, pseudonymisedAt: now,
  }).where(eq(inboxAuthors.id, author.id));
}

export interface RetentionResult { workspaceId: string; items: number; authors: number; moderationRecords: number; skipped?: boolean }

export async function runRetention(ctx: AppContext, workspaceId: string, now: Date): Promise<RetentionResult> {
  return ctx.database.db.transaction(async (tx) => {
    const lock = await tx.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${LOCK_BASE}, hashtext(${workspaceId})) AS ok`);
    if (!lock.rows[0]?.ok) return { workspaceId, items: 0, authors: 0, moderationRecords: 0, skipped: true };
    const [p] = await tx.select().from(privacySettings).where(eq(privacySettings.workspaceId, workspaceId));
    const days = p?.authorRetentionDays ?? 180;
    const cutoff = new Date(now.getTime() - days * DAY);
    const items = await tx.select({ id: inboxItems.id }).from(inboxItems)
      .where(and(eq(inboxItems.workspaceId, workspaceId), lt(inboxItems.receivedAt, cutoff), ne(inboxItems.text, REMOVED_TEXT), ne(inboxItems.text, ERASED_TEXT)));
    await scrubItems(tx, ctx, workspaceId, items.map((i) => i.id), REMOVED_TEXT, now, { keep: [ERASED_TEXT] });
    const authors = await tx.select().from(inboxAuthors)
      .where(and(eq(inboxAuthors.workspaceId, workspaceId), lt(inboxAuthors.lastSeenAt, cutoff), isNull(inboxAuthors.pseudonymisedAt)));
    for (const a of authors) {
      // Their items are all past the cutoff (scrubbed above); their name leaves our replies too.
      const theirs = await tx.select({ id: inboxItems.id }).from(inboxItems).where(eq(inboxItems.authorId, a.id));
      await replaceNamesInReplies(tx, workspaceId, theirs.map((i) => i.id), namesOf(ctx, a));
      await pseudonymiseAuthor(tx, ctx, a, now);
    }
    // The moderation record's own period: its rows may only be deleted with the retention flag set.
    const [m] = await tx.select({ days: moderationSettings.recordRetentionDays }).from(moderationSettings).where(eq(moderationSettings.workspaceId, workspaceId));
    const recordCutoff = new Date(now.getTime() - (m?.days ?? 730) * DAY);
    await tx.execute(sql`SELECT set_config('resonanz.moderation_retention', 'on', true)`);
    const records = await tx.execute<{ id: string }>(sql`DELETE FROM moderation_actions WHERE workspace_id = ${workspaceId} AND created_at < ${recordCutoff.toISOString()}::timestamptz RETURNING id`);
    await tx.execute(sql`SELECT set_config('resonanz.moderation_retention', 'off', true)`);
    await tx.insert(privacySettings).values({ workspaceId, lastRunAt: now }).onConflictDoUpdate({ target: privacySettings.workspaceId, set: { lastRunAt: now } });
    const result = { workspaceId, items: items.length, authors: authors.length, moderationRecords: records.rows.length };
    if (result.items || result.authors || result.moderationRecords) {
      await recordAudit(tx, SYSTEM_ACTOR, { workspaceId, action: 'privacy.retention.applied', objectType: 'workspace', objectId: workspaceId, after: { ...result, authorRetentionDays: days, recordRetentionDays: m?.days ?? 730, cutoff: cutoff.toISOString() } }, now);
    }
    return result;
  });
}

/** Every workspace whose last run is more than an hour ago. */
export async function retentionTick(ctx: AppContext, now: Date): Promise<RetentionResult[]> {
  const due = await ctx.database.db.select({ id: workspaces.id }).from(workspaces).leftJoin(privacySettings, eq(privacySettings.workspaceId, workspaces.id))
    .where(or(isNull(privacySettings.lastRunAt), lt(privacySettings.lastRunAt, new Date(now.getTime() - 3_600_000)), gt(privacySettings.lastRunAt, now)));
  const out: RetentionResult[] = [];
  for (const w of due) out.push(await runRetention(ctx, w.id, now));
  return out;
}
